import { z } from 'zod';
import { HttpError, validationIssues } from '../http-error';

type Where = 'body' | 'query' | 'params' | 'headers';
interface FieldIssue {
  field: string;
  message: string;
}

const UNKNOWN_FIELD = '不接受此字段 (unknown field)';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys the input has and the parsed value lost: fields the schema does not know, at any depth. */
function unknownFields(input: unknown, parsed: unknown, path: string[]): string[] {
  if (isObject(input) && isObject(parsed))
    return Object.keys(input).flatMap((key) =>
      key in parsed ? unknownFields(input[key], parsed[key], [...path, key]) : [[...path, key].join('.')],
    );
  if (Array.isArray(input) && Array.isArray(parsed) && input.length === parsed.length)
    return input.flatMap((item, i) => unknownFields(item, parsed[i], [...path, String(i)]));
  return [];
}

/** zod's own messages in zh-CN where a schema gives none of its own. */
const zhCN = z.locales.zhCN().localeError;

/**
 * Parses one part of a request and refuses, with 400 naming each field, anything the schema
 * does not know at any depth — also inside schemas shared with the domain, which strip what
 * they do not know (a misspelt policy figure must not vanish silently).
 */
export function parseStrictInput<T>(schema: z.ZodType<T>, value: unknown, where: Where): T {
  const parsed = schema.safeParse(value, { error: zhCN });
  const issues: FieldIssue[] = parsed.success
    ? unknownFields(value, parsed.data, [where]).map((field) => ({ field, message: UNKNOWN_FIELD }))
    : // validationIssues names each unknown key of a strict schema as its own field.
      validationIssues(parsed.error, where);
  if (issues.length > 0)
    throw new HttpError(
      400,
      'invalid_input',
      issues.map((i) => `${i.field}: ${i.message}`).join('; '),
      issues,
    );
  return (parsed as { data: T }).data;
}

/** The query of a route that takes none: any parameter is refused by name. */
export const noQuerySchema = z.strictObject({});
