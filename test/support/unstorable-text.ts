import fc from 'fast-check';

/** A character Postgres cannot store or the API refuses: a control character or a lone surrogate. */
export function unstorableChar(options: { multiline?: boolean } = {}): fc.Arbitrary<string> {
  const lines = new Set(options.multiline ? [0x09, 0x0a, 0x0d] : []);
  return fc.oneof(
    fc
      .integer({ min: 0x00, max: 0x1f })
      .filter((c) => !lines.has(c))
      .map((c) => String.fromCharCode(c)),
    fc.constant('\u007f'),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  );
}

/** Well-formed text without control characters, as a person would type it. */
export const readableText = (maxLength: number) =>
  fc.string({ unit: 'grapheme', maxLength }).filter((s) => !/[\u0000-\u001F\u007F]/.test(s)); // eslint-disable-line no-control-regex

/**
 * Text with at least one unstorable character inside it: never at either end, where trimming
 * would remove a tab or a newline before anything is checked, and never two side by side,
 * where a high and a low surrogate would make one well-formed pair.
 */
export function textWithUnstorable(options: { multiline?: boolean; maxLength?: number } = {}) {
  const part = readableText(options.maxLength ?? 8);
  return fc
    .tuple(part, fc.array(unstorableChar(options), { minLength: 1, maxLength: 3 }), part)
    .map(([before, bad, after]) => `甲${before}${bad.join('丙')}${after}乙`);
}
