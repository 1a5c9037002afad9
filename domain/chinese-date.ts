import { localDateOf } from './working-days';

/** 2026年11月29日, the prefecture's date of an instant, as letters write it. */
export function chineseDate(instant: Date | number): string {
  const [y, m, d] = localDateOf(instant).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** 2026年12月 */
export function chineseMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}
