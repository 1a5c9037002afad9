import {
  CALENDAR_COLUMNS,
  CALENDAR_DAY_KINDS as KINDS,
  CALENDAR_NAME_MAX,
  dayProblem,
  isCalendarDate,
  type CalendarColumn,
  type CalendarDayRow,
  type CalendarProblem,
} from '../../domain/calendar-days';
import { unstorableText } from './storable-text';

/**
 * The official calendar of one year as a file: `date,kind,name` per line (a header line of
 * those names may come first), e.g. `2026-10-01,HOLIDAY,国庆节`. Every row is checked and
 * every problem named by its line and column, so the whole file is accepted or none of it.
 */

/** One CSV line's fields: commas separate, double quotes may wrap a field ("" inside is a quote). */
function fieldsOf(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"' && line[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else field += line[i++];
      }
      if (i < line.length && line[i] !== ',') return null;
    } else {
      const end = line.indexOf(',', i);
      field = line.slice(i, end === -1 ? line.length : end);
      i = end === -1 ? line.length : end;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

const isHeader = (fields: string[]) =>
  fields.map((f) => f.toLowerCase()).join(',') === CALENDAR_COLUMNS.join(',');

/** The year's days from the file, or every problem found in it. */
export function parseCalendarCsv(
  year: number,
  text: string,
): { ok: true; days: CalendarDayRow[] } | { ok: false; problems: CalendarProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const problems: CalendarProblem[] = [];
  const days: CalendarDayRow[] = [];
  const firstLineOf = new Map<string, number>();
  lines.forEach((line, index) => {
    const row = index + 1;
    if (line.trim() === '') return;
    const fields = fieldsOf(line);
    if (!fields) {
      problems.push({ row, message: `第 ${row} 行：引号不成对` });
      return;
    }
    if (row === 1 && isHeader(fields)) return;
    if (fields.length !== CALENDAR_COLUMNS.length) {
      problems.push({
        row,
        message: `第 ${row} 行：应有 3 列（date,kind,name），实有 ${fields.length} 列`,
      });
      return;
    }
    const [date, kind, name] = fields as [string, string, string];
    const at = (column: CalendarColumn, message: string) =>
      problems.push({ row, column, message: `第 ${row} 行 ${column} 列：${message}` });
    const rowProblems = problems.length;
    const knownKind = KINDS.find((k) => k === kind);
    if (!knownKind) at('kind', `「${kind}」应为 HOLIDAY（放假）或 WORKDAY（调休上班）`);
    if (name === '') at('name', '请填写名称，如「国庆节」');
    else if (name.length > CALENDAR_NAME_MAX) at('name', `名称最长 ${CALENDAR_NAME_MAX} 个字`);
    else {
      const unstorable = unstorableText(name);
      if (unstorable) at('name', unstorable);
    }
    // With an unknown kind only the date itself is checked (a HOLIDAY may fall on any day).
    const dateProblem = dayProblem({ date, kind: knownKind ?? 'HOLIDAY' }, year);
    if (dateProblem) at(dateProblem.column, dateProblem.message);
    else if (firstLineOf.has(date)) at('date', `${date} 与第 ${firstLineOf.get(date)} 行重复`);
    if (isCalendarDate(date) && !firstLineOf.has(date)) firstLineOf.set(date, row);
    if (problems.length === rowProblems && knownKind) days.push({ date, kind: knownKind, name });
  });
  if (problems.length === 0 && days.length === 0)
    problems.push({ message: `文件中没有 ${year} 年的日期（每行一天：date,kind,name）` });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, days: days.sort((a, b) => a.date.localeCompare(b.date)) };
}
