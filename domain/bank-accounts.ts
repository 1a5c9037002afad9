/**
 * A household's bank account 银行账户 (the 一卡通 the monthly benefit is paid to) as lists, logs
 * and audit entries show it: the last four digits only. The full number is in the bank file alone.
 */
export function maskedAccount(accountNo: string): string;
export function maskedAccount(accountNo: string | null | undefined): string | null;
export function maskedAccount(accountNo: string | null | undefined): string | null {
  if (!accountNo) return null;
  return `****${accountNo.slice(-4)}`;
}
