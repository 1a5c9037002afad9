import type { Page } from 'playwright-core';
import { localDateOf } from '../../domain/working-days';
import { useConsoleBrowser } from '../support/browser';
import { rollCase, rollHousehold, XIZHOU } from '../support/roll-fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

async function submit(page: Page, formId: string) {
  await Promise.all([page.waitForEvent('load'), page.click(`#${formId} button[type="submit"]`)]);
}

test('结对帮扶: the township pairs a volunteer and records a visit; the hours show in the year’s table', async () => {
  const h = await rollHousehold(harness.db, { name: '施阿婆', townshipId: XIZHOU });
  const id = await rollCase(harness.db, h, 'DIBAO_RURAL');
  await harness.db.case.update({ where: { id }, data: { caseNo: 'DB-532901-2026-900011' } });

  const page = await web.signIn('xiang.xizhou');
  await page.click('nav a[href="/pairings"]');
  await page.fill('#form-pairing input[name="caseNo"]', 'DB-532901-2026-900011');
  await page.selectOption('#form-pairing select[name="helperKind"]', 'VOLUNTEER');
  await page.fill('#form-pairing input[name="helperName"]', '李志愿');
  await submit(page, 'form-pairing');
  const pairing = page.locator('article.pairing');
  expect(await pairing.count()).toBe(1);
  const pairingId = await pairing.getAttribute('data-pairing');

  // Too many hours: shown beside the field, nothing recorded.
  const form = `form-visit-${pairingId}`;
  // The date is today's by default; the year's hours table counts it.
  await page.fill(`#${form} input[name="help"]`, '送米一袋、油一桶');
  await page.fill(`#${form} input[name="valueYuan"]`, '150');
  await page.fill(`#${form} input[name="hours"]`, '30');
  await page.click(`#${form} button[type="submit"]`);
  await page.locator(`#${form} .field-error`).waitFor();
  expect(await page.locator(`#${form} .field-error`).allTextContents()).toEqual([
    '一次服务最长 24 小时 (at most 24)',
  ]);
  expect(await harness.db.pairingVisit.count()).toBe(0);

  await page.fill(`#${form} input[name="hours"]`, '2.5');
  await submit(page, form);
  expect(await page.locator('article.pairing tbody td').allTextContents()).toEqual([
    localDateOf(Date.now()),
    '送米一袋、油一桶',
    '150.00',
    '2.5',
  ]);
  expect(await page.locator('#volunteer-hours tr[data-helper="李志愿"] td').allTextContents()).toEqual([
    '志愿者',
    '李志愿',
    '1',
    '1',
    '2.5',
    '150.00',
  ]);
  await web.snap(page, 'pairings');
});
