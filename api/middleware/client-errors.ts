import type { ErrorRequestHandler } from 'express';
import { HttpError } from '../http-error';

type ClientError = { status?: unknown; type?: unknown; code?: unknown; message?: unknown };

const problem = (status: number, code: string, field: string, message: string) =>
  new HttpError(status, code, `${field}: ${message}`, [{ field, message }]);

/** What the body parsers say, by their `type`: the part of the request at fault and why. */
const PARSER_ERRORS: Record<string, (e: ClientError) => HttpError> = {
  'entity.parse.failed': () =>
    problem(400, 'invalid_input', 'body', '请求体不是有效的 JSON 对象 (body is not a JSON object or array)'),
  'entity.too.large': () => problem(413, 'payload_too_large', 'body', '请求体过大 (body too large)'),
  'parameters.too.many': () =>
    problem(413, 'payload_too_large', 'body', '表单字段过多 (too many form fields)'),
  'charset.unsupported': () =>
    problem(
      415,
      'unsupported_media_type',
      'headers.content-type',
      '只接受 UTF-8 编码 (charset must be utf-8)',
    ),
  'encoding.unsupported': () =>
    problem(
      415,
      'unsupported_media_type',
      'headers.content-encoding',
      '不支持的内容编码 (unsupported encoding)',
    ),
  'request.size.invalid': () =>
    problem(400, 'invalid_input', 'headers.content-length', '请求长度不符 (length mismatch)'),
  'request.aborted': () => problem(400, 'invalid_input', 'body', '请求体未传完 (request aborted)'),
};

/**
 * Errors Express and its middleware raise for a request they cannot read — a body that does
 * not parse, a path that does not decode, a missing CSRF token — as HttpErrors naming the part
 * of the request at fault, so the API answers them like its own (400 with `details[].field`) and
 * the console with its error page. Anything else goes on unchanged.
 */
export function clientErrors(): ErrorRequestHandler {
  return (error: ClientError, req, _res, next) => {
    if (error instanceof HttpError || typeof error?.status !== 'number') return next(error);
    if (error.status < 400 || error.status >= 500) return next(error);
    const parser = typeof error.type === 'string' ? PARSER_ERRORS[error.type] : undefined;
    if (parser) return next(parser(error));
    if (error.code === 'EBADCSRFTOKEN') {
      // The API takes the token in a header, the console's forms in a field.
      const field = req.path.startsWith('/api') ? 'headers.x-csrf-token' : 'body._csrf';
      return next(
        problem(403, 'invalid_csrf_token', field, '页面已过期，请刷新页面后重试 (invalid CSRF token)'),
      );
    }
    if (typeof error.message === 'string' && error.message.startsWith('Failed to decode param'))
      return next(
        problem(400, 'invalid_input', 'params', '路径中含有无效的百分号编码 (malformed percent-encoding)'),
      );
    next(new HttpError(error.status, 'bad_request', String(error.message ?? 'bad request')));
  };
}
