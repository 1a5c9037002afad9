import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { HttpError } from './http-error';
import { bankReturnRowSchema, type BankReturnRow } from './schemas/payment-rolls';
import type { TotalRow } from '../domain/payment-roll';

/**
 * The bank's files of a payment roll, through exceljs (XLSX, and CSV with the same columns):
 * the payment file 代发文件 the county hands the bank — full ID numbers, accounts and amounts,
 * with totals per township and programme — and the bank's return file 回盘文件, read row by row.
 */

export interface BankFileLine {
  lineId: string;
  township: string;
  programme: string;
  payeeName: string;
  idNumber: string;
  bankName: string;
  accountNo: string;
  amountYuan: number;
}

export const BANK_FILE_COLUMNS = [
  ['lineId', '明细编号'],
  ['township', '乡镇（街道）'],
  ['programme', '救助项目'],
  ['payeeName', '收款人'],
  ['idNumber', '身份证号码'],
  ['bankName', '开户银行'],
  ['accountNo', '账号'],
  ['amountYuan', '金额（元）'],
] as const;

export const TOTAL_COLUMNS = ['汇总', '乡镇（街道）', '救助项目', '笔数', '金额（元）'] as const;

export interface BankFile {
  lines: BankFileLine[];
  totals: (Omit<TotalRow, 'townshipId' | 'programmeCode'> & { township: string; programme: string })[];
  total: { lines: number; amountYuan: number };
}

function workbookOf(file: BankFile, forCsv: boolean): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('发放明细');
  sheet.columns = BANK_FILE_COLUMNS.map(([key, header]) => ({
    key,
    header,
    width: key === 'lineId' ? 38 : key === 'idNumber' || key === 'accountNo' ? 22 : 14,
    // ID numbers and accounts are text: as numbers a spreadsheet would round them.
    style: key === 'idNumber' || key === 'accountNo' ? { numFmt: '@' } : {},
  }));
  for (const line of file.lines) sheet.addRow(line);
  const totals = forCsv ? sheet : book.addWorksheet('汇总');
  if (forCsv) totals.addRow([]);
  totals.addRow([...TOTAL_COLUMNS]);
  for (const t of file.totals) totals.addRow(['小计', t.township, t.programme, t.lines, t.amountYuan]);
  totals.addRow(['合计', '', '', file.total.lines, file.total.amountYuan]);
  return book;
}

export async function bankFileXlsx(file: BankFile): Promise<Buffer> {
  return Buffer.from(await workbookOf(file, false).xlsx.writeBuffer());
}

export async function bankFileCsv(file: BankFile): Promise<Buffer> {
  return Buffer.from(await workbookOf(file, true).csv.writeBuffer());
}

/**
 * The first sheet's rows of an uploaded file as text, header included (CSV cells are never turned
 * into numbers); a file exceljs cannot read is a 422 naming `body.content`.
 */
export async function sheetRows(format: 'csv' | 'xlsx', content: Buffer | string): Promise<string[][]> {
  try {
    return await readSheet(format, content);
  } catch {
    throw new HttpError(422, 'unreadable_file', 'body.content: 无法读取文件 (not a readable file)', [
      { field: 'body.content', message: 'not a readable file' },
    ]);
  }
}

async function readSheet(format: 'csv' | 'xlsx', content: Buffer | string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  if (format === 'csv') {
    sheet = await book.csv.read(Readable.from([content.toString()]), { map: (value: unknown) => value });
  } else {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'base64') : content;
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    sheet = book.worksheets[0];
  }
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows[number - 1] = values.map((v) => (v === null || v === undefined ? '' : textOf(v)));
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

function textOf(value: ExcelJS.CellValue): string {
  if (typeof value === 'object' && value !== null) {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return String(value.result ?? '');
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if (value instanceof Date) return value.toISOString();
  }
  return String(value);
}

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

export const RETURN_COLUMNS = ['lineId', 'result', 'reason'] as const;

/**
 * The return file's rows checked one by one: a header `lineId,result,reason` first, then one
 * row per line. Every problem is named by its row (1 = the header) and column; blank rows skip.
 */
export function returnRows(rows: string[][]): {
  rows: (BankReturnRow & { row: number })[];
  problems: RowProblem[];
} {
  const problems: RowProblem[] = [];
  const header = (rows[0] ?? []).map((h) => h.trim().replace(/^\uFEFF/, ''));
  if (RETURN_COLUMNS.some((c, i) => header[i] !== c)) {
    problems.push({ row: 1, column: 'header', message: `首行应为 ${RETURN_COLUMNS.join(',')} (the header)` });
    return { rows: [], problems };
  }
  const parsed: (BankReturnRow & { row: number })[] = [];
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    if (
      cells.length > RETURN_COLUMNS.length &&
      cells.slice(RETURN_COLUMNS.length).some((c) => c.trim() !== '')
    )
      problems.push({ row, column: 'extra', message: '多余的列 (more columns than the header)' });
    const [lineId = '', result = '', reason = ''] = cells.map((c) => c.trim());
    const check = bankReturnRowSchema.safeParse({ lineId, result, ...(reason ? { reason } : {}) });
    if (check.success) parsed.push({ ...check.data, row });
    else
      for (const issue of check.error.issues)
        problems.push({ row, column: String(issue.path[0] ?? 'row'), message: issue.message });
  });
  const seen = new Map<string, number>();
  for (const r of parsed) {
    const first = seen.get(r.lineId);
    if (first)
      problems.push({
        row: r.row,
        column: 'lineId',
        message: `与第 ${first} 行重复 (duplicate of row ${first})`,
      });
    else seen.set(r.lineId, r.row);
  }
  return { rows: parsed, problems };
}
