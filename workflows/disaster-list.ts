import { localDateOf } from '../domain/working-days';
import {
  listAppraisalSchema,
  listCountyApprovalSchema,
  listObjectionReviewSchema,
  listTownshipReviewSchema,
  withRemovals,
  type DisasterListFacts,
  type ListAppraisal,
  type ListCountyApproval,
  type ListObjectionReview,
  type ListTownshipReview,
} from '../domain/disaster-lists';
import { closeCase } from './application-steps';
import { records } from './case-ledger';
import type { CaseProcedure } from './case-procedure';
import type { CaseView } from './definitions';
import { runNoticeWithObjections } from './public-notice';
import { runHumanStep } from './run-human-step';

/**
 * 受灾人员救助名单: a village's list of households for 倒损民房恢复重建 or 冬春救助 after an event,
 * run as one DISASTER case on the shared primitives: 民主评议 by the village, the public notice 公示
 * with objections and the township's 异议处理 (workflows/public-notice.ts, as 低保 runs it), 乡镇审核,
 * 县级审批, each with its deadline (overdue, reminder, escalation). A household taken off by a step
 * stays off; on approval each household still on the list gets its own case with its grant on the
 * roster (activities/disaster-lists.ts).
 */
export async function runDisasterList(proc: CaseProcedure): Promise<CaseView> {
  const start = proc.input.disasterList;
  if (!start) throw new Error('a list case starts with its list');
  let facts: DisasterListFacts = { ...start };
  // Read before any step opens: the notice and the approval letter show the households proposed.
  const list = await records.loadDisasterList({ listId: facts.listId });
  const { policy } = await proc.rules();
  const limits = policy.stepLimits;
  const remaining = () =>
    list.households.filter((h) => !facts.removed.some((r) => r.householdId === h.householdId));
  const takeOff = (more: readonly { householdId: string; why: string }[]) => {
    facts = { ...facts, removed: withRemovals(facts.removed, more) };
    return { programmeFacts: facts };
  };
  const unknownHousehold = (remove: readonly { householdId: string }[]) => {
    const bad = remove.find((r) => !list.households.some((h) => h.householdId === r.householdId));
    return bad ? { type: 'InvalidPayload' as const, message: `remove: 名单中没有 ${bad.householdId}` } : null;
  };
  const letterFacts = () => ({
    listKindName: list.kindName,
    eventName: list.eventName,
    listVillage: list.villageName,
    rows: remaining(),
    totalYuan: remaining()
      .reduce((s, h) => s + h.amountYuan, 0)
      .toFixed(2),
  });

  // 民主评议
  await runHumanStep<ListAppraisal>(proc, {
    step: 'appraisal',
    status: 'APPRAISING',
    payload: listAppraisalSchema,
    assigneeUnitId: proc.input.villageId,
    limit: limits.appraisal,
    guard: (p) => unknownHousehold(p.remove),
    summarize: (p) => ({
      decision: 'appraised',
      reasons: p.remove.length > 0 ? p.remove.map((r) => r.why).join('；') : null,
    }),
    onDecision: (p) => ({ change: takeOff(p.remove) }),
  });

  // 公示 (7 days by the county's limit), and 异议处理 when someone objects
  await runNoticeWithObjections<ListObjectionReview>(
    proc,
    { round: 1, limit: limits.publicNotice, letter: { kind: 'disasterListNotice', facts: letterFacts() } },
    {
      step: 'objectionReview',
      status: 'OBJECTION_REVIEW',
      payload: listObjectionReviewSchema,
      limit: limits.townshipReview,
      guard: (p) => unknownHousehold(p.remove),
      onDecision: (p) => ({ change: takeOff(p.remove) }),
    },
  );

  // 乡镇审核
  const review = await runHumanStep<ListTownshipReview>(proc, {
    step: 'townshipReview',
    status: 'TOWNSHIP_REVIEW',
    payload: listTownshipReviewSchema,
    assigneeUnitId: proc.input.townshipId,
    limit: limits.townshipReview,
    guard: (p) => (p.decision === 'pass' ? unknownHousehold(p.remove) : null),
    onDecision: (p) => (p.decision === 'pass' ? { change: takeOff(p.remove) } : {}),
  });
  if (review.payload.decision === 'refuse')
    return closeCase(
      proc,
      'REFUSED',
      {
        type: 'caseClosed',
        step: 'townshipReview',
        actor: review.actor,
        decision: 'refused',
        reasons: review.payload.reasons,
      },
      {},
    );

  // 县级审批
  const approval = await runHumanStep<ListCountyApproval>(proc, {
    step: 'countyApproval',
    status: 'COUNTY_APPROVAL',
    payload: listCountyApprovalSchema,
    assigneeUnitId: proc.input.countyId,
    limit: limits.countyApproval,
    guard: (p) => (p.decision === 'approve' ? unknownHousehold(p.remove) : null),
    onDecision: (p) => (p.decision === 'approve' ? { change: takeOff(p.remove) } : {}),
  });
  if (approval.payload.decision === 'refuse')
    return closeCase(
      proc,
      'REFUSED',
      {
        type: 'caseClosed',
        step: 'countyApproval',
        actor: approval.actor,
        decision: 'refused',
        reasons: approval.payload.reasons,
      },
      {},
    );
  // The decision's write settles before the households' cases are opened (replay keeps its order).
  await proc.ledger.settled();
  const approvedOn = localDateOf(Date.now());
  const granted = await records.approveDisasterList({
    listId: facts.listId,
    actor: approval.actor,
    approvedOn,
    removed: facts.removed,
  });
  return closeCase(
    proc,
    'GRANTED',
    {
      type: 'caseClosed',
      step: 'countyApproval',
      actor: approval.actor,
      decision: 'approved',
      reasons: approval.payload.note ?? null,
      payload: { approvedOn, households: granted.approved, totalYuan: granted.totalYuan },
    },
    { letter: { kind: 'disasterListApproval', facts: { ...letterFacts(), approvedOn } } },
    { programmeFacts: facts, assigneeUnitId: null },
  );
}
