import { createHash } from 'node:crypto';
import {
  leadingZeroBits,
  maskedContact,
  mayReadReporter,
  publicAnswer,
  RECEIPT_PATTERN,
  receiptNumber,
} from '../../domain/tip-offs';

describe('举报投诉 rules', () => {
  test.each([
    ['all zero bytes', new Uint8Array(10), 'AAAAAAAAAAAAAAAA'],
    ['all ones', new Uint8Array(10).fill(255), '7777777777777777'],
    ['one bit at the end', Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), 'AAAAAAAAAAAAAAAB'],
  ])('a receipt from %s is 16 base32 characters', (_name, bytes, receipt) => {
    expect(receiptNumber(bytes)).toBe(receipt);
    expect(receipt).toMatch(RECEIPT_PATTERN);
  });

  test('a receipt needs 80 random bits', () => {
    expect(() => receiptNumber(new Uint8Array(9))).toThrow();
  });

  test.each([
    [[0x80], 0],
    [[0x40], 1],
    [[0x01], 7],
    [[0x00, 0xff], 8],
    [[0x00, 0x00, 0x10], 19],
    [[0x00, 0x00], 16],
  ])('leading zero bits of %j: %i', (bytes, bits) => {
    expect(leadingZeroBits(Uint8Array.from(bytes))).toBe(bits);
  });

  test('leading zero bits agree with the hex digest', () => {
    for (let n = 0; n < 200; n++) {
      const digest = createHash('sha256').update(`c:${n}`).digest();
      const binary = [...digest].map((b) => b.toString(2).padStart(8, '0')).join('');
      expect(leadingZeroBits(digest)).toBe(binary.indexOf('1'));
    }
  });

  test.each([
    ['VERIFYING', 'x', { status: 'VERIFYING', statusName: '核查中', outcome: null }],
    [
      'SUBSTANTIATED',
      '属实，已复核',
      { status: 'SUBSTANTIATED', statusName: '属实', outcome: '属实，已复核' },
    ],
    ['NOT_SUBSTANTIATED', null, { status: 'NOT_SUBSTANTIATED', statusName: '不属实', outcome: null }],
  ] as const)(
    'the public answer of %s shows the status and the outcome only',
    (status, outcomeText, answer) => {
      expect(publicAnswer({ status, outcomeText })).toEqual(answer);
    },
  );

  test.each([
    ['13812345678', '*******5678'],
    ['123', '****'],
    ['', ''],
    [null, null],
  ])('a phone %j masked: %j', (phone, masked) => {
    expect(maskedContact(phone)).toBe(masked);
  });

  test.each([
    ['SUPERVISOR', '/5329/532901/', true],
    ['SUPERVISOR', '/5329/', true],
    ['SUPERVISOR', '/5329/532922/', false],
    ['SUPERVISOR', '/5329/532901/532901003/', false],
    ['COUNTY_APPROVER', '/5329/532901/', false],
    ['TOWNSHIP_OFFICER', '/5329/532901/532901003/', false],
  ])('%s of %s reads the reporter of a 大理市 report: %s', (role, unitPath, may) => {
    expect(mayReadReporter({ role, unitPath }, { countyPath: '/5329/532901/' })).toBe(may);
  });
});
