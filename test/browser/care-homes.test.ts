import { useConsoleBrowser } from '../support/browser';
import { waitFor } from '../support/fixtures';
import { tekunApplication, TekunDriver } from '../support/tekun-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const web = useConsoleBrowser(harness);

const XIZHOU_HOME = { mode: 'centralised' as const, preferredHomeId: '532901003-JLY' };

/** A 特困 person of 喜洲村 who cannot look after himself and chose 喜洲镇敬老院: placed, or waiting. */
async function fullLossPerson(name: string, birthDate: string, serial: number) {
  const c = await TekunDriver.support(harness.env, harness.db, {
    application: tekunApplication({ name, birthDate, serial }),
    careLevel: 'fullLoss',
    supportMode: XIZHOU_HOME,
  });
  await waitFor(async () => {
    const types = await c.eventTypes();
    return types.includes('placed') || types.includes('waitingListed');
  }, `${name} placed or waiting`);
  return (await c.row()).caseNo;
}

test("the care home's manager signs in to the own home's beds and waiting list", async () => {
  const resident = await fullLossPerson('尹阿公', '1938-02-02', 401);
  const waiting = await fullLossPerson('施阿婆', '1939-03-03', 402);

  const page = await web.signIn('jly.xizhou');
  expect(new URL(page.url()).pathname).toBe('/care-homes');
  const home = page.locator('[data-home="532901003-JLY"]');
  expect(await home.locator('h2').textContent()).toBe('喜洲镇敬老院');
  expect(await page.locator('[data-home]').count()).toBe(1);
  // The one full-care bed is his; the others are free.
  const bed = home.locator('tr[data-bed="3-01"]');
  expect(await bed.getAttribute('data-state')).toBe('occupied');
  expect(await bed.textContent()).toContain('尹阿公');
  expect(await bed.textContent()).toContain(resident);
  expect(await home.locator('tr[data-state="free"]').count()).toBe(5);
  expect(await home.locator('tr[data-level="fullLoss"] td.free').textContent()).toBe('0');
  // She waits first in line, marked as priority; a manager may not open cases, so no links.
  const line = page.locator(`#waiting tr[data-case="${waiting}"]`);
  expect(await line.textContent()).toContain('施阿婆');
  expect(await line.textContent()).toContain('优先');
  expect(await line.textContent()).toContain('第 1 位');
  expect(await page.locator('main a[href^="/cases/"]').count()).toBe(0);
  // The county's centralised share is not a home's to read.
  expect(await page.locator('#centralised').count()).toBe(0);
  await web.snap(page, 'care-homes-manager');
});
