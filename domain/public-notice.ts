/**
 * What a public notice 公示 may show of a household: the applicant's name partly masked,
 * the household size and the amount — never ID numbers, and nothing of a minor.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export const MINOR_NOT_PUBLICISED = '（未成年人，不予公示姓名）';

export function noticeName(name: string, ageOnNoticeDay: number): string {
  return ageOnNoticeDay < 18 ? MINOR_NOT_PUBLICISED : maskName(name);
}
