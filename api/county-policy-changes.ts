import { ZodError } from 'zod';
import { policyOn } from '../activities/county-rules';
import { parseCountyPolicy } from '../domain/county-policy';
import { applyPolicyChanges, policyDelta, valueAt, type PolicyDelta } from '../domain/county-policy-changes';
import type { Actor } from '../domain/staff-roles';
import { localDateOf } from '../domain/working-days';
import type { Database } from '../platform/database';
import { fieldProblem } from './administration-access';
import { audit } from './audit';
import type { PolicyChangeBody } from './schemas/county-policy-change';

const asLocalDate = (d: Date) => d.toISOString().slice(0, 10);
const utcDate = (localDate: string) => new Date(`${localDate}T00:00:00Z`);

export type PolicyChangeStatus = 'inForce' | 'scheduled';

/**
 * Records a county's policy change from a date (today or later): the figures the body changes
 * against the policy it was edited from. A change that changes nothing is refused, so every
 * entry of the history means something; the change and its audit entry are one transaction,
 * which also checks that the policy of every later change's date still holds.
 */
export async function recordPolicyChange(
  db: Database,
  actor: Actor,
  countyId: string,
  body: PolicyChangeBody,
) {
  const today = localDateOf(new Date());
  if (body.effectiveFrom < today)
    throw fieldProblem('body.effectiveFrom', `生效日期不能早于今天（${today}）；已经开始的期限不会重新计算`);
  const basis = await policyOn(db, countyId, body.basedOn ?? body.effectiveFrom);
  const changes = policyDelta(basis, body.policy);
  if (Object.keys(changes).length === 0)
    throw fieldProblem(
      'body.policy',
      `与 ${body.basedOn ?? body.effectiveFrom} 适用的政策相同，没有需要保存的修改`,
    );
  const status: PolicyChangeStatus = body.effectiveFrom <= today ? 'inForce' : 'scheduled';
  return db.$transaction(async (tx) => {
    const change = await tx.countyPolicyChange.create({
      data: {
        countyId,
        effectiveFrom: utcDate(body.effectiveFrom),
        changes: changes as object,
        reason: body.reason,
        changedById: actor.userId,
        changedByName: actor.displayName,
      },
    });
    const later = await tx.countyPolicyChange.findMany({
      where: { countyId, effectiveFrom: { gt: utcDate(body.effectiveFrom) } },
      distinct: ['effectiveFrom'],
      select: { effectiveFrom: true },
    });
    for (const { effectiveFrom } of later)
      await policyOn(tx, countyId, asLocalDate(effectiveFrom)).catch((error: unknown) => {
        if (!(error instanceof ZodError)) throw error;
        throw fieldProblem(
          'body.policy',
          `与 ${asLocalDate(effectiveFrom)} 起的变更合并后不符合规则，请先核对该变更`,
        );
      });
    await audit(tx, actor, 'changePolicy', 'countyPolicy', countyId, {
      changeId: change.id,
      effectiveFrom: body.effectiveFrom,
      reason: body.reason,
      changes: changes as object,
    });
    return { change, changes, status };
  });
}

export interface PolicyHistoryEntry {
  id: string;
  effectiveFrom: string;
  reason: string;
  changedBy: string;
  createdAt: Date;
  status: PolicyChangeStatus;
  changes: { field: string; from: unknown; to: unknown }[];
}

/**
 * A county's policy changes in the order they apply (by date, then as recorded), each with the
 * figures it changed, from what to what, and whether it is in force today or still to come.
 */
export async function policyHistory(db: Database, countyId: string): Promise<PolicyHistoryEntry[]> {
  const today = localDateOf(new Date());
  const [own, rows] = await Promise.all([
    db.countyPolicy.findUnique({ where: { countyId } }),
    db.countyPolicyChange.findMany({
      where: { countyId },
      orderBy: [{ effectiveFrom: 'asc' }, { createdAt: 'asc' }],
    }),
  ]);
  let policy = parseCountyPolicy(own?.policy ?? {});
  return rows.map((row) => {
    const delta = row.changes as PolicyDelta;
    const changes = Object.entries(delta).map(([field, to]) => ({ field, from: valueAt(policy, field), to }));
    policy = applyPolicyChanges(policy, [delta]);
    const effectiveFrom = asLocalDate(row.effectiveFrom);
    return {
      id: row.id,
      effectiveFrom,
      reason: row.reason,
      changedBy: row.changedByName,
      createdAt: row.createdAt,
      status: effectiveFrom > today ? 'scheduled' : 'inForce',
      changes,
    };
  });
}
