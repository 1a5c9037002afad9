import fc from 'fast-check';
import {
  hostileAmount,
  hostileDate,
  hostileIdNumber,
  hostileNumber,
  hostileString,
  wrongType,
  type Hostile,
} from './hostile-values';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** A body as sent, what was done to it, and why the API must refuse it (if it must). */
export interface MutatedBody {
  body: unknown;
  changes: string[];
  bad?: string;
}

/** While mutating: where the bad value went, to see that later changes left it there. */
interface Draft extends MutatedBody {
  badAt?: { path: Path; value: string };
  /** The example as documented: only a field it has is one the schema reads. */
  original: unknown;
}

/** Whether the example has a field at `path` (an element of one of its arrays counts). */
function documented(original: unknown, path: Path): boolean {
  if (path.length === 0) return false;
  const parent = valueAt(original, path.slice(0, -1));
  if (Array.isArray(parent)) return typeof path.at(-1) === 'number';
  return parent !== null && typeof parent === 'object' && Object.hasOwn(parent, path.at(-1)!);
}

/** Every place in a JSON value: the root, each property and each element, at any depth. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  const here = [path];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => pathsOf(item, [...path, i]))];
  if (value && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))];
  return here;
}

const valueAt = (root: unknown, path: Path): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], root);

/** A copy of `root` with the value at `path` replaced (or removed, for `undefined`). */
function withValueAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else parent[key] = value;
  return copy;
}

/** What a field of this name and value may be sent instead, by what the field holds. */
function hostileFor(key: string | number | undefined, current: unknown): fc.Arbitrary<Hostile> {
  const name = typeof key === 'string' ? key : '';
  if (/Yuan$/.test(name) && typeof current === 'number')
    return fc.oneof(hostileAmount, hostileNumber, wrongType);
  if (/(On|From|Since|Before|^since)$/.test(name) && typeof current === 'string')
    return fc.oneof(hostileDate, hostileString, wrongType);
  if (name === 'idNumber') return fc.oneof(hostileIdNumber, hostileString, wrongType);
  if (typeof current === 'string') return fc.oneof({ weight: 3, arbitrary: hostileString }, wrongType);
  if (typeof current === 'number') return fc.oneof(hostileNumber, wrongType, hostileString);
  return fc.oneof(wrongType, hostileString, hostileNumber);
}

const show = (path: Path) => (path.length ? path.join('.') : '(body)');
const brief = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…(${text.length})` : text;
};

/** One change to a body: a field replaced, removed or added, or the whole body swapped. */
function oneChange(current: Draft): fc.Arbitrary<Draft> {
  const paths = pathsOf(current.body);
  const objects = paths.filter((p) => {
    const v = valueAt(current.body, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  const replace = fc.constantFrom(...paths).chain((path) =>
    hostileFor(path.at(-1), valueAt(current.body, path)).map((h): Draft => {
      const body = withValueAt(current.body, path, h.value);
      const changes = [...current.changes, `${show(path)} = ${brief(h.value)}`];
      // Only a field the example had is one the schema reads; the root is not a field.
      if (h.bad && documented(current.original, path))
        return { ...current, body, changes, bad: h.bad, badAt: { path, value: JSON.stringify(h.value) } };
      return { ...current, body, changes };
    }),
  );
  const fields = paths.filter((p) => p.length > 0);
  const remove = fc.constantFrom(...(fields.length ? fields : [[]])).map((path): Draft => ({
    ...current,
    body: withValueAt(current.body, path, undefined),
    changes: [...current.changes, `${show(path)} removed`],
  }));
  const add = fc
    .tuple(
      fc.constantFrom(...(objects.length ? objects : [[]])),
      fc.oneof(fc.constantFrom('extra', '__proto__', 'constructor', '', '_csrf', 'id'), fc.string()),
      fc.oneof(wrongType, hostileString),
    )
    .map(([path, key, h]): Draft => {
      const target = valueAt(current.body, path);
      if (target === null || typeof target !== 'object' || Array.isArray(target)) return current;
      const copy = structuredClone(current.body);
      // defineProperty: a key named __proto__ must become an own property, as JSON.parse makes it.
      Object.defineProperty(valueAt(copy, path), key, {
        value: h.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return { ...current, body: copy, changes: [...current.changes, `+${show([...path, key])}`] };
    });
  const swap = fc.oneof(wrongType, hostileString, hostileNumber).map((h): Draft => ({
    body: h.value,
    changes: [...current.changes, `body = ${brief(h.value)}`],
    original: current.original,
  }));
  return fc.oneof(
    { weight: 6, arbitrary: replace },
    { weight: 2, arbitrary: fields.length ? remove : replace },
    { weight: 2, arbitrary: add },
    { weight: 1, arbitrary: swap },
  );
}

/** Bad only while the bad value is still where it was put (a later change may remove or move it). */
function settled({ badAt, original: _original, ...draft }: Draft): MutatedBody {
  const kept = badAt && JSON.stringify(valueAt(draft.body, badAt.path)) === badAt.value;
  return kept ? draft : { body: draft.body, changes: draft.changes };
}

/** The example as it is (rarely), or with one to three changes. */
export function mutatedBody(example: Json | undefined): fc.Arbitrary<MutatedBody> {
  const start: Draft = { body: example ?? {}, changes: [], original: example ?? {} };
  const changed = (n: number): fc.Arbitrary<Draft> =>
    n === 0 ? fc.constant(start) : changed(n - 1).chain(oneChange);
  return fc
    .oneof(
      { weight: 1, arbitrary: fc.constant(start) },
      { weight: 6, arbitrary: changed(1) },
      { weight: 3, arbitrary: fc.integer({ min: 2, max: 3 }).chain(changed) },
    )
    .map(settled);
}

export type { Json };
