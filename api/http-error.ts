import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';

/** An error the API answers with its own status and a message a person can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function validationIssues(error: z.ZodError, where: 'body' | 'query' | 'params' | 'headers') {
  return error.issues.flatMap((issue) => {
    const at = [where, ...issue.path.map(String)];
    // A strict schema's unknown keys: one issue per key, so each is named as a field.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        // Some schemas report the key in the path already (a custom strict check).
        field: (at.at(-1) === key ? at : [...at, key]).join('.'),
        message: '不认识的参数 (unknown field)',
      }));
    return [{ field: at.join('.'), message: issue.message }];
  });
}

/** Parses one part of a request with its schema; bad input answers 400 naming each field. */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: 'body' | 'query' | 'params' | 'headers',
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = validationIssues(parsed.error, where);
    throw new HttpError(
      400,
      'invalid_input',
      issues.map((i) => `${i.field}: ${i.message}`).join('; '),
      issues,
    );
  }
  return parsed.data;
}

export function errorHandler(log: { error: (obj: object, msg: string) => void }): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (error instanceof HttpError) {
      res.status(error.status).json({ error: error.code, message: error.message, details: error.details });
      return;
    }
    // express.json() rejects malformed JSON with a 400 that carries `type`.
    if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500) {
      res.status(error.status).json({ error: error.type ?? 'bad_request', message: error.message });
      return;
    }
    log.error({ err: error }, 'unhandled error');
    res.status(500).json({ error: 'internal', message: '系统内部错误 (internal error)' });
  };
}
