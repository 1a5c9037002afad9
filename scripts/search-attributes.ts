import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CASE_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;

const INDEXED_TYPES = {
  KEYWORD: { cli: 'Keyword', indexed: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD },
  DATETIME: { cli: 'Datetime', indexed: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME },
  BOOL: { cli: 'Bool', indexed: IndexedValueType.INDEXED_VALUE_TYPE_BOOL },
} as const;

type RegisteredType = keyof typeof INDEXED_TYPES;

function typeOf(type: string): (typeof INDEXED_TYPES)[RegisteredType] {
  if (!(type in INDEXED_TYPES)) throw new Error(`no registration for search attribute type ${type}`);
  return INDEXED_TYPES[type as RegisteredType];
}

/** The dev server's flags that register the case search attributes (`Name=Type`). */
export function searchAttributeFlags(): string[] {
  return CASE_SEARCH_ATTRIBUTES.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${typeOf(key.type).cli}`,
  ]);
}

/** Registers the case search attributes (or those given) through the operator API (test server, a cluster). */
export async function registerSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: readonly { name: string; type: string }[] = CASE_SEARCH_ATTRIBUTES,
): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(keys.map((key) => [key.name, typeOf(key.type).indexed])),
  });
}
