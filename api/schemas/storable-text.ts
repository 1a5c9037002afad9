import { z } from 'zod';

/**
 * Text Postgres can store and staff can read back: no control characters (U+0000–U+001F,
 * U+007F) — a multi-line field may hold tab, line feed and carriage return — and no lone
 * surrogate (half of a UTF-16 pair, which has no UTF-8 form). Postgres refuses U+0000 outright
 * and the driver would turn a lone surrogate into U+FFFD, so both are refused at the boundary.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a string cannot be stored, in zh-CN, or null when it can. */
export function unstorableText(value: string, multiline = false): string | null {
  const control = (multiline ? CONTROL_BUT_LINES : CONTROL).exec(value);
  if (control) {
    return `含有不能保存的控制字符 ${codePoint(control[0])}，请删除后再提交 (control character not allowed)`;
  }
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) {
    return `含有无效的字符编码 ${codePoint(surrogate[0])}，请重新输入 (invalid UTF-16: lone surrogate)`;
  }
  return null;
}

/**
 * The string schema of every name, address and free text of a body: trimmed, then refused
 * with a zh-CN message when it holds what cannot be stored. Chain min/max as with z.string().
 */
export function storableText(options: { multiline?: boolean } = {}) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = unstorableText(value, options.multiline);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

type Issue = { path: (string | number)[]; message: string };

/** Deeper than any body of a step, action or referral answer; deeper still would exhaust the stack. */
const MAX_DEPTH = 16;
const TOO_DEEP = `嵌套超过 ${MAX_DEPTH} 层 (nested too deeply)`;

function unstorableIn(value: unknown, path: (string | number)[], issues: Issue[]): void {
  if (typeof value === 'string') {
    const problem = unstorableText(value, true);
    if (problem) issues.push({ path, message: problem });
  } else if (value && typeof value === 'object' && path.length >= MAX_DEPTH) {
    issues.push({ path, message: TOO_DEEP });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableIn(item, [...path, i], issues));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = unstorableText(key);
      if (keyProblem) issues.push({ path: [...path, key], message: keyProblem });
      unstorableIn(item, [...path, key], issues);
    }
  }
}

/**
 * A body handed on whole to a workflow, whose own schemas decide its fields: a JSON object (the
 * workflow's schemas would only say "(payload)" of anything else), every string in it, at any
 * depth, storable (multi-line allowed, the field's schema decides the rest), nested no deeper
 * than a body of this system is.
 */
export const storableBodySchema = z
  .record(z.string(), z.unknown(), { error: '请求体应为 JSON 对象 (body must be a JSON object)' })
  .superRefine((body, ctx) => {
    const issues: Issue[] = [];
    unstorableIn(body, [], issues);
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
