import pino from 'pino';
import { maskIdCard } from '../domain/id-card';

const ID_NUMBER_PATTERN = /\b\d{17}[\dXx]\b/g;

/** Masks any resident ID number in a logged string, wherever it appears. */
export function maskIdNumbersIn(text: string): string {
  return text.replace(ID_NUMBER_PATTERN, (id) => maskIdCard(id.toUpperCase()));
}

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskIdNumbersIn(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object' && !(value instanceof Error)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  }
  return value;
}

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): pino.Logger {
  return pino({
    name,
    level,
    formatters: { log: (object) => maskDeep(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map(maskDeep) as Parameters<typeof method>);
      },
    },
  });
}
