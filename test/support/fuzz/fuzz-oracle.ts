import type request from 'supertest';
import type { FuzzRequest } from './fuzz-requests';

/**
 * Where a 400's field lies: `body.members.0.idNumber`, `query.status`, `params.id`, `headers.…`
 * (a body's key may be empty, as JSON allows: `body.`).
 */
const FIELD = /^(body|query|params|headers)(\..*)?$/s;
/** A workflow validator's 422 names the field first: `reasons: 请填写理由; visitors: …`. */
const NAMED_IN_MESSAGE = /(^|; )(\(payload\)|[\w.[\]-]+): /;

const isJson = (res: request.Response) => /json/.test(String(res.headers['content-type'] ?? ''));

function fieldsOf(res: request.Response): string[] | null {
  const details = (res.body as { details?: unknown })?.details;
  if (!Array.isArray(details) || details.length === 0) return null;
  const fields = details.map((d) => (d as { field?: unknown })?.field);
  return fields.every((f): f is string => typeof f === 'string') ? fields : null;
}

/** Why an answer breaks the rules, or null: never a 5xx; a 4xx names what it refused. */
export function judge(req: FuzzRequest, res: request.Response): string | null {
  const { status } = res;
  if (status >= 500) return `answered ${status}: ${res.text.slice(0, 300)}`;
  if (status >= 200 && status < 300) return req.bad ? `accepted bad input (${req.bad}) with ${status}` : null;
  if (status >= 300 && status < 400) {
    const to = String(res.headers.location ?? '');
    return to.startsWith('/') && !to.startsWith('//') ? null : `redirected off the site to ${to}`;
  }
  if (status === 400) {
    if (isJson(res)) {
      const fields = fieldsOf(res);
      if (!fields) return `400 without details[].field: ${res.text.slice(0, 300)}`;
      const unnamed = fields.filter((f) => !FIELD.test(f));
      return unnamed.length
        ? `400 with fields that name no part of the request: ${unnamed.join(', ')}`
        : null;
    }
    return /data-field="[^"]+"/.test(res.text) ? null : `400 page names no field: ${res.text.slice(0, 300)}`;
  }
  if (status === 422) {
    if (!isJson(res))
      return /data-field="[^"]+"/.test(res.text)
        ? null
        : `422 page names no field: ${res.text.slice(0, 300)}`;
    if (fieldsOf(res)) return null;
    const message = String((res.body as { message?: unknown })?.message ?? '');
    return NAMED_IN_MESSAGE.test(message) ? null : `422 names no field: ${res.text.slice(0, 300)}`;
  }
  if (req.url.startsWith('/api') && !isJson(res) && status !== 431)
    return `${status} from the API is not JSON: ${res.text.slice(0, 300)}`;
  if (isJson(res)) {
    const { error, message } = (res.body ?? {}) as { error?: unknown; message?: unknown };
    return typeof error === 'string' && typeof message === 'string'
      ? null
      : `${status} without error and message: ${res.text.slice(0, 300)}`;
  }
  // A console page (404, 403, 429 …) or Node's own answer to an oversized request (413, 431).
  return null;
}
