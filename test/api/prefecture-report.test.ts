import ExcelJS from 'exceljs';
import { loadPrefectureReport, prefectureReportWorkbook } from '../../api/supervision/prefecture-report';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { DALI, DALIZHEN, rollCase, rollHousehold } from '../support/roll-fixtures';
import { createTestDatabase } from '../support/test-database';

let db: Database;
let serial = 0;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
});
afterAll(() => db?.$disconnect());

/** An event of a case, as a workflow's ledger write leaves it. */
async function event(caseId: string, type: string, decision: string | null, reasons: string | null = null) {
  serial += 1;
  await db.caseEvent.create({
    data: { caseId, seq: serial, type, decision, reasons, idempotencyKey: `report-${serial}` },
  });
}

test('the report over this month: filed, decided, refusals and exits by reason, overdue steps; its XLSX read back', async () => {
  const month = localDateOf(new Date()).slice(0, 7);
  const cases: string[] = [];
  for (const name of ['董丽华', '李国强', '段家兴', '杨老五']) {
    const h = await rollHousehold(db, { name, townshipId: DALIZHEN });
    cases.push(await rollCase(db, h, 'DIBAO_RURAL', 'SUBMITTED'));
  }
  const [a, b, c, d] = cases as [string, string, string, string];
  await event(a, 'caseClosed', 'enrolled');
  await event(b, 'caseClosed', 'refused', '家庭人均收入高于低保标准');
  await event(c, 'caseClosed', 'notAccepted', '材料不全');
  await event(d, 'stepOverdue', null);
  await event(d, 'stepOverdue', null);
  await event(a, 'enrolmentEnded', 'incomeAboveStandard');

  const report = await loadPrefectureReport(db, [DALI, '532922'], month, month);
  expect(report.rows).toEqual([
    {
      countyId: DALI,
      countyName: '大理市',
      programme: 'DIBAO_RURAL',
      programmeName: '农村最低生活保障',
      filed: 4,
      approved: 1,
      refused: 1,
      notAccepted: 1,
      medianProcessingDays: 0,
      overdueSteps: 2,
    },
  ]);
  expect(report.refusals).toEqual([
    { countyId: DALI, programme: 'DIBAO_RURAL', decision: 'notAccepted', reasons: '材料不全', count: 1 },
    {
      countyId: DALI,
      programme: 'DIBAO_RURAL',
      decision: 'refused',
      reasons: '家庭人均收入高于低保标准',
      count: 1,
    },
  ]);
  expect(report.exits).toEqual([
    {
      countyId: DALI,
      programme: 'DIBAO_RURAL',
      reason: 'incomeAboveStandard',
      reasonName: '家庭月人均收入超过当地低保标准',
      count: 1,
    },
  ]);

  // A range before any of it: nothing.
  expect((await loadPrefectureReport(db, [DALI], '2020-01', '2020-12')).rows).toEqual([]);

  const book = new ExcelJS.Workbook();
  const file = await prefectureReportWorkbook(report);
  await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  const values = (sheet: string) =>
    book
      .getWorksheet(sheet)!
      .getSheetValues()
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1));
  expect(values('汇总')).toEqual([
    [`统计期间 ${month} 至 ${month}`],
    ['县（市）', '救助项目', '申请', '批准', '不予批准', '不予受理', '办理天数中位数', '超期环节'],
    ['大理市', '农村最低生活保障', 4, 1, 1, 1, 0, 2],
  ]);
  expect(values('不予批准理由')).toEqual([
    ['县（市）', '救助项目', '决定', '理由', '件数'],
    ['大理市', '农村最低生活保障', '不予受理', '材料不全', 1],
    ['大理市', '农村最低生活保障', '不予批准', '家庭人均收入高于低保标准', 1],
  ]);
  expect(values('退出原因')).toHaveLength(2);
});
