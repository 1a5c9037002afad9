/**
 * Public tip-offs 举报 and complaints 投诉: the pure rules (issue 15, part 2). A tip-off names a
 * suspected improper benefit and is verified (核查) by the township; a complaint is about how a
 * case was handled and is verified by the county.
 */

export const TIP_OFF_KINDS = {
  TIP_OFF: { name: '举报', verifiedBy: 'TOWNSHIP' },
  COMPLAINT: { name: '投诉', verifiedBy: 'COUNTY' },
} as const;
export type TipOffKind = keyof typeof TIP_OFF_KINDS;

export const TIP_OFF_STATUSES = {
  VERIFYING: { name: '核查中' },
  SUBSTANTIATED: { name: '属实' },
  NOT_SUBSTANTIATED: { name: '不属实' },
} as const;
export type TipOffStatus = keyof typeof TIP_OFF_STATUSES;

/** Working days to verify a report when the county's policy names none. */
export const DEFAULT_TIP_OFF_VERIFICATION_WORKING_DAYS = 15;

/** RFC 4648 base32 alphabet without padding: no 0/1/8/9, so a receipt read aloud is unambiguous. */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** 16 characters of base32 carry 80 random bits: unguessable, and no order among receipts. */
export const RECEIPT_LENGTH = 16;
export const RECEIPT_PATTERN = /^[A-Z2-7]{16}$/;

/** A receipt number from 10 random bytes (the caller draws them: crypto in the API). */
export function receiptNumber(random: Uint8Array): string {
  if (random.length < 10) throw new Error('a receipt needs 10 random bytes');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of random.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** How many leading zero bits a digest has: the work a proof-of-work nonce shows. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/**
 * What the public may see of a report on its answer page: the status and the outcome text only,
 * never the facts, the contact, the village or the case.
 */
export function publicAnswer(report: { status: TipOffStatus; outcomeText: string | null }) {
  return {
    status: report.status,
    statusName: TIP_OFF_STATUSES[report.status].name,
    outcome: report.status === 'VERIFYING' ? null : report.outcomeText,
  };
}

/** A phone number shown to those who may not see it: the last four digits only. */
export function maskedContact(value: string | null): string | null {
  if (value === null || value === '') return value;
  const chars = [...value];
  return chars.length <= 4 ? '****' : '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
}

/** Only the county's supervisors (监督) see who reported: the county or above, role SUPERVISOR. */
export function mayReadReporter(
  actor: { role: string; unitPath: string },
  report: { countyPath: string },
): boolean {
  return actor.role === 'SUPERVISOR' && report.countyPath.startsWith(actor.unitPath);
}
