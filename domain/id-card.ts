import { isValid, parse } from 'date-fns';

/** GB 11643-1999 weights for the first 17 digits of a resident ID number (居民身份证号码). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

export type IdCardProblem = 'format' | 'birthDate' | 'checksum';

export interface IdCardFacts {
  regionCode: string;
  birthDate: string;
  sex: 'male' | 'female';
}

export function idCardProblem(idNumber: string): IdCardProblem | null {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return 'format';
  const birth = parse(idNumber.slice(6, 14), 'yyyyMMdd', new Date(0));
  if (!isValid(birth) || birth.getFullYear() < 1900) return 'birthDate';
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(idNumber[i]), 0);
  return CHECK_CHARACTERS[sum % 11] === idNumber[17] ? null : 'checksum';
}

export function isValidIdCard(idNumber: string): boolean {
  return idCardProblem(idNumber) === null;
}

export function idCardFacts(idNumber: string): IdCardFacts {
  if (!isValidIdCard(idNumber)) throw new Error('not a valid ID number');
  const digits = idNumber.slice(6, 14);
  return {
    regionCode: idNumber.slice(0, 6),
    birthDate: `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`,
    sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Masked for lists and logs: the first 3 and last 4 characters stay, the birth date and the rest are hidden. */
export function maskIdCard(idNumber: string): string {
  if (idNumber.length < 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
}

/** A valid ID number for test and seed data: the check character computed from 17 digits. */
export function withCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('need 17 digits');
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return first17 + CHECK_CHARACTERS[sum % 11];
}
