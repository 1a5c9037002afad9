/** Days of the official calendar (table CalendarDay) and what makes one valid. */

export type CalendarDayKind = 'HOLIDAY' | 'WORKDAY';
export type CalendarColumn = 'date' | 'kind' | 'name';

export interface CalendarDayRow {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export interface CalendarProblem {
  /** The line of the file (1 = the first line, a header included); absent for the file as a whole. */
  row?: number;
  column?: CalendarColumn;
  message: string;
}

export const CALENDAR_COLUMNS: readonly CalendarColumn[] = ['date', 'kind', 'name'];
export const CALENDAR_DAY_KINDS: readonly CalendarDayKind[] = ['HOLIDAY', 'WORKDAY'];
export const CALENDAR_NAME_MAX = 50;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** A weekday public holiday (or one inside a holiday that spans a weekend), or a weekend working day (调休). */
export function dayProblem(
  day: { date: string; kind: CalendarDayKind },
  year?: number,
): { column: CalendarColumn; message: string } | null {
  if (!isCalendarDate(day.date))
    return { column: 'date', message: `「${day.date}」不是有效日期，格式应为 YYYY-MM-DD` };
  if (year !== undefined && !day.date.startsWith(`${year}-`))
    return { column: 'date', message: `${day.date} 不在 ${year} 年内` };
  const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay();
  if (day.kind === 'WORKDAY' && weekday !== 0 && weekday !== 6)
    return {
      column: 'kind',
      message: `${day.date} 是${WEEKDAYS[weekday]}，本来就上班；调休上班日（WORKDAY）应为周六或周日`,
    };
  return null;
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
