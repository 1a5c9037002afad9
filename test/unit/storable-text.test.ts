import fc from 'fast-check';
import { storableBodySchema, storableText, unstorableText } from '../../api/schemas/storable-text';
import { readableText, textWithUnstorable } from '../support/unstorable-text';

describe('text Postgres can store', () => {
  test('readable text of any script passes, astral characters (surrogate pairs) included', () => {
    fc.assert(
      fc.property(readableText(40), (text) => {
        expect(unstorableText(text)).toBeNull();
        expect(storableText().safeParse(text).success).toBe(true);
      }),
    );
    expect(storableText().parse(' 𠀀𡃁 杨秀英 ')).toBe('𠀀𡃁 杨秀英');
  });

  test('a control character or a lone surrogate anywhere inside fails with a zh-CN message', () => {
    fc.assert(
      fc.property(textWithUnstorable(), (text) => {
        const parsed = storableText().safeParse(text);
        expect(parsed.success).toBe(false);
        expect(parsed.error!.issues[0]!.message).toMatch(/控制字符|字符编码/);
      }),
    );
  });

  test('a multi-line field keeps tab, line feed and carriage return, and refuses the rest', () => {
    expect(storableText({ multiline: true }).parse('第一行\r\n\t第二行')).toBe('第一行\r\n\t第二行');
    expect(storableText().safeParse('第一行\n第二行').success).toBe(false);
    fc.assert(
      fc.property(textWithUnstorable({ multiline: true }), (text) => {
        expect(storableText({ multiline: true }).safeParse(text).success).toBe(false);
      }),
    );
  });

  test('a body handed on whole names the path of every unstorable string, keys included', () => {
    const parsed = storableBodySchema.safeParse({
      reasons: '理由\n第二行',
      incomes: [{ kind: 'wages', note: 'a\u0000b' }],
      ['k\u0001']: 1,
      minutes: 'x\uDC00y',
    });
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual([
      'incomes.0.note',
      'k\u0001',
      'minutes',
    ]);
    expect(
      storableBodySchema.safeParse({ reasons: '理由\r\n\t缩进', n: 3, ok: true, none: null }).success,
    ).toBe(true);
  });

  // Found by the fuzz suite: a body of nested arrays 100,000 deep overflowed the stack (500), and
  // a body that is no object went on to the workflow, whose validator could only say "(payload)".
  test('a body handed on whole is a JSON object nested no deeper than 16', () => {
    for (const body of [undefined, null, [], '文本', 3])
      expect(storableBodySchema.safeParse(body).error!.issues.map((i) => i.path.join('.'))).toEqual(['']);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const refused = storableBodySchema.safeParse({ a: deep }).error!.issues;
    expect(refused).toHaveLength(1);
    expect(refused[0]!.path).toHaveLength(16);
    expect(refused[0]!.message).toMatch(/nested too deeply/);
  });
});
