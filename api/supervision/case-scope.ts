import { Prisma } from '@prisma/client';
import type { Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';

/**
 * The cases of households below a user's unit, as columns of the case row rather than a join
 * through household and village: the counties (one, or every county below a prefecture), and
 * for a township or a village that one too. `null`: no household lies below the unit (a
 * bureau, a care home).
 */
export interface CaseScope {
  countyIds: string[];
  townshipId?: string;
  villageId?: string;
}

/** A scope and the counties below the user's unit, with their names (a prefecture's twelve). */
export interface ScopedUnit {
  scope: CaseScope | null;
  countiesBelow: { id: string; name: string }[];
}

interface UnitRow {
  level: string;
  path: string;
  counties: { id: string; name: string }[];
}

/**
 * The org tree is prefecture / county / township / village, and a unit's path lists its
 * ancestors, so a township's county and a village's township and county are read off the path.
 */
export async function scopedUnitOf(db: Database, actor: Pick<Actor, 'unitId'>): Promise<ScopedUnit> {
  const [unit] = await db.$queryRaw<UnitRow[]>`
    SELECT u.level::text AS level, u.path,
           coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.id)
                     FROM "OrgUnit" c
                     WHERE c.level = 'COUNTY' AND starts_with(c.path, u.path)), '[]') AS counties
    FROM "OrgUnit" u WHERE u.id = ${actor.unitId}`;
  if (!unit) return { scope: null, countiesBelow: [] };
  const ancestors = unit.path.split('/').filter(Boolean);
  const above = (n: number) => ancestors[ancestors.length - 1 - n]!;
  const countiesBelow = unit.counties;
  switch (unit.level) {
    case 'VILLAGE':
      return { scope: { countyIds: [above(2)], townshipId: above(1), villageId: above(0) }, countiesBelow };
    case 'TOWNSHIP':
      return { scope: { countyIds: [above(1)], townshipId: above(0) }, countiesBelow };
    case 'COUNTY':
      return { scope: { countyIds: [above(0)] }, countiesBelow };
    default:
      return {
        scope: countiesBelow.length > 0 ? { countyIds: countiesBelow.map((c) => c.id) } : null,
        countiesBelow,
      };
  }
}

/** The scope of the cases a user may see (scopedUnitOf without the counties' names). */
export async function caseScopeOf(db: Database, actor: Pick<Actor, 'unitId'>): Promise<CaseScope | null> {
  return (await scopedUnitOf(db, actor)).scope;
}

/** The scope as a condition on the case row `alias`; FALSE for no scope. */
export function scopeCondition(scope: CaseScope | null, alias = 'c'): Prisma.Sql {
  if (!scope) return Prisma.sql`FALSE`;
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  return Prisma.join(
    [
      Prisma.sql`${column('countyId')} IN (${Prisma.join(scope.countyIds)})`,
      scope.townshipId ? Prisma.sql`${column('townshipId')} = ${scope.townshipId}` : null,
      scope.villageId ? Prisma.sql`${column('villageId')} = ${scope.villageId}` : null,
    ].filter((c): c is Prisma.Sql => c !== null),
    ' AND ',
  );
}
