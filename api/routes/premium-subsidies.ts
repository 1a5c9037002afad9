import ExcelJS from 'exceljs';
import { Router } from 'express';
import { z } from 'zod';
import { insurerList, SUBSIDY_CATEGORY_NAMES, type InsurerListRow } from '../../activities/premium-subsidies';
import { formatYuan } from '../../domain/money';
import { isWithinJurisdiction } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { audit } from '../audit';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { parseStrictInput } from '../schemas/strict-input';
import { findReadableCounty, paramsSchema } from './county-policy';

export const premiumSubsidyQuerySchema = z.strictObject({
  year: z.coerce.number().int('年份有误').min(2000, '年份有误').max(2100, '年份有误'),
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

/**
 * Who may take the insurer's list (it carries whole ID numbers): the county's approvers and the
 * supervisors at the county or above it, not a bureau's below it.
 */
const EXPORTING_ROLES = ['COUNTY_APPROVER', 'SUPERVISOR'] as const;

const COLUMNS: { header: string; value: (r: InsurerListRow) => string | number }[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '公民身份号码', value: (r) => r.idNumber },
  { header: '资助类别', value: (r) => SUBSIDY_CATEGORY_NAMES[r.category] },
  { header: '救助案件编号', value: (r) => r.caseNo },
  { header: '资助起始日期', value: (r) => r.startedOn },
  { header: '资助终止日期', value: (r) => r.endedOn ?? '' },
  { header: '个人缴费标准（元）', value: (r) => formatYuan(r.premiumFen) },
  { header: '资助比例（%）', value: (r) => r.sharePercent },
  { header: '资助金额（元）', value: (r) => formatYuan(r.subsidyFen) },
];

/** A CSV field, quoted when it must be (RFC 4180). */
const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function insurerCsv(rows: InsurerListRow[]): string {
  const lines = [COLUMNS.map((c) => c.header), ...rows.map((r) => COLUMNS.map((c) => c.value(r)))];
  // A byte-order mark, so spreadsheet programs read the Chinese as UTF-8.
  return `\uFEFF${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export async function insurerXlsx(rows: InsurerListRow[], title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(title.slice(0, 31));
  sheet.addRow(COLUMNS.map((c) => c.header));
  // ID numbers and amounts as text: a spreadsheet would round an 18-digit number.
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => String(c.value(r))));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = 18));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * 参保资助名单: the yearly list of the people whose basic medical insurance premium the county
 * subsidises (enrolled in 低保 or 特困 on some day of the year) and the amounts, for the insurer,
 * as CSV or XLSX. It carries whole ID numbers (the insurer matches on them), so only the
 * county's approvers and the supervisors above take it, and each export is audited.
 */
export function premiumSubsidyRoutes({ db }: { db: Database }): Router {
  const router = Router();

  router.get('/:countyId/premium-subsidies', async (req, res) => {
    const actor = requireActor(req.actor);
    const { countyId } = parseInput(paramsSchema, req.params, 'params');
    const { year, format } = parseStrictInput(premiumSubsidyQuerySchema, req.query, 'query');
    const county = await findReadableCounty(db, actor, countyId);
    const exports =
      (EXPORTING_ROLES as readonly string[]).includes(actor.role) &&
      isWithinJurisdiction(actor.unitPath, county.path);
    if (!exports)
      throw new HttpError(
        403,
        'Forbidden',
        '参保资助名单只能由县级审批人员或监督人员导出 (county approvers and supervisors only)',
      );
    const rows = await insurerList(db, countyId, year);
    await audit(db, actor, 'exportPremiumSubsidies', 'county', countyId, {
      year,
      format,
      people: rows.length,
    });
    const name = `premium-subsidies-${countyId}-${year}.${format}`;
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').send(insurerCsv(rows));
      return;
    }
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await insurerXlsx(rows, `${county.name}${year}年参保资助名单`));
  });

  return router;
}
