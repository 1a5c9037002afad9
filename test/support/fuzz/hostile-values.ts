import fc from 'fast-check';
import { withCheckCharacter } from '../../../domain/id-card';
import { unstorableChar } from '../unstorable-text';

/**
 * Values a client may send where a field expects something else. Each arbitrary yields a value
 * and whether the API must refuse it in any field of its kind (`bad`): text Postgres cannot
 * store, an impossible date, a negative or unrepresentable amount, a broken ID number. A value
 * that is merely odd (RTL text, emoji, a huge but storable string) may be accepted.
 */
export interface Hostile {
  value: unknown;
  /** Why no field of this kind may take it; absent when it may be valid somewhere. */
  bad?: string;
}

const ok = (value: unknown): Hostile => ({ value });
const bad =
  (why: string) =>
  (value: unknown): Hostile => ({ value, bad: why });

/** Storable but unusual text: right-to-left marks, emoji and ZWJ sequences, combining marks, BOM. */
const oddText = fc.constantFrom(
  '\u202Eevil\u202C',
  'عربي\u200F',
  'עברית',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈🇨🇳',
  'e\u0301\u0302\u0303\u0304',
  '\uFEFF杨秀英',
  '\u200B\u200C\u200D',
  '𠀀𪚥𰻞',
  '\uFFFF\uFFFE',
  '  ',
  '',
  '<script>alert(1)</script>',
  '\'; DROP TABLE "Case";--',
  '{{constructor.constructor}}',
  '../../etc/passwd',
  '%00',
  '１２３４５',
);

/** Text with a control character or a lone surrogate inside: never storable. */
const unstorable = fc
  .tuple(fc.string({ maxLength: 5 }), unstorableChar(), fc.string({ maxLength: 5 }))
  .map(([a, c, b]) => `甲${a}${c}${b}乙`)
  .filter((s) => /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDFFF]/.test(s)); // eslint-disable-line no-control-regex

/** Long text: over every field's limit, some over the body's 256 kB. */
const huge = fc
  .constantFrom(2_001, 5_001, 20_000, 300_000)
  .chain((n) => fc.constantFrom('长', 'a', '😀').map((c) => c.repeat(n)));

export const hostileString: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 3, arbitrary: oddText.map(ok) },
  { weight: 3, arbitrary: unstorable.map(bad('unstorable text')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(ok) },
  { weight: 1, arbitrary: huge.map(ok) },
);

/** Numbers no amount may be: below zero, beyond what fen can count exactly. */
const impossibleAmount = fc.oneof(
  fc.double({ min: -1e12, max: -0.01, noNaN: true }),
  fc.constantFrom(-1, -0.01, -1e308, 1e14, 1e20, 1e308, Number.MAX_SAFE_INTEGER + 2),
);

export const hostileNumber: fc.Arbitrary<Hostile> = fc.oneof(
  fc.constantFrom(0, -0, 0.001, 0.1 + 0.2, 1.5, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER).map(ok),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(ok),
  fc.integer().map(ok),
);

/** An amount field (…Yuan): what it may never hold. */
export const hostileAmount: fc.Arbitrary<Hostile> = impossibleAmount.map(bad('impossible amount'));

/** A date field: days that do not exist, years no record of this system can have. */
export const hostileDate: fc.Arbitrary<Hostile> = fc.oneof(
  fc
    .constantFrom(
      '2026-02-29',
      '2026-02-30',
      '2026-04-31',
      '2025-13-01',
      '2026-00-10',
      '0000-01-01',
      '0001-01-01',
      '1800-06-01',
      '9999-12-31',
      '275760-09-14',
      '+020000-01-01',
    )
    .map(bad('no such date')),
  fc
    .constantFrom('2026-1-5', '20260105', '2026/01/05', '2026-01-05T00:00:00Z', '昨天')
    .map(bad('not a date')),
);

/** An ID-number field: wrong check character, impossible birth date, born in the future, malformed. */
export const hostileIdNumber: fc.Arbitrary<Hostile> = fc.oneof(
  fc
    .constantFrom('53290119680314024', '5329011968031402411', '53290119680314024x', 'ABCDEFGHIJKLMNOPQR')
    .map(bad('malformed ID number')),
  fc
    .integer({ min: 0, max: 9 })
    .map((d) => {
      const valid = withCheckCharacter('53290119680314024');
      const wrong = String((Number(valid[17]) + 1 + d) % 10);
      return wrong === valid[17] ? `${valid.slice(0, 17)}X` : `${valid.slice(0, 17)}${wrong}`;
    })
    .filter((id) => id !== withCheckCharacter('53290119680314024'))
    .map(bad('wrong check character')),
  fc
    .constantFrom('18991231', '20990101', '20260230', '19681340')
    .map((birth) => withCheckCharacter(`532901${birth}024`))
    .map(bad('impossible birth date')),
);

/** Any JSON value of the wrong kind for most fields. */
export const wrongType: fc.Arbitrary<Hostile> = fc.oneof(
  fc.constantFrom(null, true, false, [], {}, [[]], { '': null }, ['a', 1], { $gt: '' }).map(ok),
  fc.jsonValue({ maxDepth: 3 }).map(ok),
);
