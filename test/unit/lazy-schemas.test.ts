import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { lazySchema } from '../../domain/lazy-schema';

/**
 * The workflow sandbox evaluates the domain's modules again for every workflow it starts or
 * replays: a schema built at module scope costs each workflow its construction (domain/lazy-schema.ts).
 * Every schema a domain module exports is therefore a lazy one, built on first use.
 */
const DOMAIN = path.join(__dirname, '../../domain');
const modules = fs
  .readdirSync(DOMAIN)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => [file] as const);

describe('schemas the domain exports are built on first use', () => {
  test.each(modules)('%s', async (file) => {
    const exported = (await import(path.join(DOMAIN, file))) as Record<string, unknown>;
    const eager = Object.entries(exported)
      .filter(([, value]) => value instanceof z.ZodType && value.def.type !== 'lazy')
      .map(([name]) => name);
    expect(eager).toEqual([]);
  });

  test('a lazy schema parses, refuses and composes as the schema it stands for', () => {
    const reasons = lazySchema(() => z.string().trim().min(2, '请填写理由'));
    const decision = lazySchema(() => z.object({ decision: z.literal('refuse'), reasons }));
    expect(decision.parse({ decision: 'refuse', reasons: ' 收入超标 ' })).toEqual({
      decision: 'refuse',
      reasons: '收入超标',
    });
    const refused = decision.safeParse({ decision: 'refuse', reasons: '否' });
    expect(refused.error?.issues).toMatchObject([{ path: ['reasons'], message: '请填写理由' }]);
    expect(z.toJSONSchema(decision)).toMatchObject({
      type: 'object',
      properties: { reasons: { type: 'string', minLength: 2 } },
      required: ['decision', 'reasons'],
    });
  });
});
