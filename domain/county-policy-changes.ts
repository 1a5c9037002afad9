import { countyPolicySchema, type CountyPolicy } from './county-policy';

/**
 * A county's policy changes as what they change: the figures, by dotted path
 * (`stepLimits.acceptance`, `phaseOutMonths`), and their new values. The policy on a day is the
 * county's own policy with every change effective by then applied in order, so a change dated
 * later changes only what it names and never undoes a change recorded after it for an earlier date.
 */
export type PolicyDelta = Record<string, unknown>;

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A value the schema checks as a whole — a day count (days and unit), a share (numerator and
 * denominator), an add-on rate (its kind and amount) — is changed as a whole, so two changes
 * can never combine halves of it into something the schema refuses.
 */
const isWhole = (v: Json) => isObject(v) && ('unit' in v || 'numerator' in v || 'kind' in v);

/** A list whose order carries no meaning (incomeNotCounted) compares as a set. */
const sameList = (a: Json[], b: Json[]) =>
  a.length === b.length && JSON.stringify(a.map(String).sort()) === JSON.stringify(b.map(String).sort());

const same = (a: Json, b: Json): boolean => {
  if (Array.isArray(a) && Array.isArray(b)) return sameList(a, b);
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  return a === b;
};

/** What `after` changes of `before`: each changed figure's path and new value. */
export function policyDelta(before: CountyPolicy, after: CountyPolicy): PolicyDelta {
  const delta: PolicyDelta = {};
  const walk = (a: Json, b: Json, path: string[]) => {
    if (isObject(a) && isObject(b) && !isWhole(a) && !isWhole(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[key], b[key], [...path, key]);
    } else if (!same(a, b)) delta[path.join('.')] = b;
  };
  walk(before, after, []);
  return delta;
}

/** The policy with the changes applied in order, checked again by the county policy schema. */
export function applyPolicyChanges(policy: CountyPolicy, changes: readonly PolicyDelta[]): CountyPolicy {
  const result = structuredClone(policy) as Record<string, Json>;
  for (const delta of changes) {
    for (const [path, value] of Object.entries(delta)) {
      const keys = path.split('.');
      let node = result;
      for (const key of keys.slice(0, -1)) {
        if (!isObject(node[key])) node[key] = {};
        node = node[key] as Record<string, Json>;
      }
      node[keys.at(-1)!] = structuredClone(value);
    }
  }
  return countyPolicySchema.parse(result);
}

/** The value at a dotted path, for showing what a figure was. */
export function valueAt(policy: CountyPolicy, path: string): unknown {
  return path.split('.').reduce<Json>((node, key) => (isObject(node) ? node[key] : undefined), policy);
}
