import { getExternalWorkflowHandle, log, patched, setHandler } from '@temporalio/workflow';
import { ACTION_ROLES } from '../domain/step-roles';
import type { HouseholdFacts } from '../activities/household-facts';
import type { CountyPolicy } from '../domain/county-policy';
import { manualReferralSchema } from '../domain/referral-decisions';
import { detectNeeds, REFERRAL_KINDS, type ProposedReferral } from '../domain/referral-needs';
import type { IncomeItem } from '../domain/income';
import type { Actor } from '../domain/staff-roles';
import type { InvestigationReport } from '../domain/step-decisions';
import { localDateOf } from '../domain/working-days';
import { registerAction } from './case-actions';
import { localRecords, records } from './case-ledger';
import { referByHand } from './definitions';
import { askForReview, countJobReferralRefusal } from './enrolment-actions';
import type { EnrolmentRun } from './enrolment-run';
import {
  closeReferralSignal,
  referralEndedSignal,
  referralNumber,
  referralWorkflowId,
  type ReferralClosure,
} from './referral-definitions';

type Need = Pick<ProposedReferral, 'kind' | 'memberId' | 'reason'>;

/**
 * Referral workflows started by local activities in the ledger's turn: one marker each in the
 * workflow task that found the needs, where an activity was three events and a workflow task
 * of its own for each referral (15 events fewer for a household with three). The start is
 * keyed by the referral's workflow id, so a retried start starts nothing twice. Histories
 * recorded before the patch started them as activities.
 */
const REFERRAL_STARTS_LOCAL = 'referral-starts-local';

const sameNeed = (a: Need, b: { kind: string; memberId: string | null }) =>
  a.kind === b.kind && a.memberId === b.memberId;

/**
 * Starts one referral workflow per need, numbered from the enrolment's counter, and keeps it
 * among the open referrals. Answers the referral numbers.
 */
async function startReferrals(
  run: EnrolmentRun,
  needs: readonly Need[],
  source: 'proposed' | 'manual',
  requestedBy: Actor | null,
): Promise<string[]> {
  const { state, input } = run;
  const facts = needs.some((n) => n.memberId) ? await run.ledger.householdFacts() : null;
  const numbers: string[] = [];
  for (const need of needs) {
    const referralNo = referralNumber(input.case.caseNo, ++state.referralSeq);
    state.openReferrals.push({ referralNo, kind: need.kind, memberId: need.memberId });
    const start = {
      workflowId: referralWorkflowId(referralNo),
      input: {
        referralNo,
        case: input.case,
        enrolmentWorkflowId: run.workflowId,
        kind: need.kind,
        department: REFERRAL_KINDS[need.kind].department,
        memberId: need.memberId,
        memberName: facts?.members.find((m) => m.id === need.memberId)?.name ?? null,
        reason: need.reason,
        source,
        requestedBy,
      },
    };
    await (patched(REFERRAL_STARTS_LOCAL)
      ? run.ledger.inTurn(() => localRecords.startReferral(start))
      : records.startReferral(start));
    numbers.push(referralNo);
  }
  return numbers;
}

/**
 * Runs the needs rules on the household as just investigated (at enrolment and after every
 * review) and proposes each need not already referred; the township confirms or dismisses them.
 */
export async function proposeReferrals(
  run: EnrolmentRun,
  facts: HouseholdFacts,
  incomes: readonly IncomeItem[],
  circumstances: InvestigationReport['circumstances'] | undefined,
  policy: CountyPolicy,
): Promise<void> {
  const found = detectNeeds({
    on: localDateOf(Date.now()),
    members: facts.members.filter((m) => !m.exclusion),
    incomes,
    housing: circumstances?.housing ?? 'adequate',
    legalNeed: circumstances?.legalNeed ?? null,
    medicalCostsYuan: circumstances?.medicalCostsYuan ?? 0,
    largeMedicalCostsYuan: policy.medicalAssistance.largeOutOfPocketYuan,
  });
  const fresh = found.filter((need) => !run.state.openReferrals.some((open) => sameNeed(need, open)));
  if (fresh.length > 0 && !run.exiting) await startReferrals(run, fresh, 'proposed', null);
}

/** When the household exits: every open referral ends, the department told by a notice. */
export async function closeOpenReferrals(run: EnrolmentRun, closure: ReferralClosure): Promise<void> {
  const open = run.state.openReferrals.splice(0);
  await Promise.all(
    open.map(async ({ referralNo }) => {
      try {
        await getExternalWorkflowHandle(referralWorkflowId(referralNo)).signal(closeReferralSignal, closure);
      } catch (error) {
        // It ended on its own meanwhile; its outcome signal will find it no longer open.
        log.info('referral already ended', { referralNo, error: String(error) });
      }
    }),
  );
}

/**
 * A referral staff make by hand, and the outcomes referrals report back: a job the member
 * refused counts toward the three-refusal exit; a labour referral that placed someone in work
 * asks for an out-of-cycle review, since the household's income has changed.
 */
export function registerReferralActions(run: EnrolmentRun): void {
  const { proc, state } = run;

  registerAction(proc, referByHand, {
    label: '手动转介',
    roles: ACTION_ROLES.referByHand,
    payload: manualReferralSchema,
    notNow: (payload) => {
      if (run.exiting)
        return { type: 'WrongStep', message: '已告知停保，不再转介 (the enrolment is ending)' };
      if (payload.memberId && state.memberIds.length === 0)
        return { type: 'NotYet', message: '正在载入家庭成员，请稍后再试 (household not loaded yet)' };
      if (payload.memberId && !state.memberIds.includes(payload.memberId))
        return { type: 'InvalidPayload', message: `memberId: ${payload.memberId} 不是本户家庭成员` };
      const open = state.openReferrals.find((r) => sameNeed(payload, r));
      if (open)
        return {
          type: 'WrongStep',
          message: `同一事项已有转介 ${open.referralNo} 在办理中 (already referred)`,
        };
      return null;
    },
    run: async (actor, payload) => {
      const [referralNo] = await startReferrals(run, [payload], 'manual', actor);
      return { referralNo: referralNo! };
    },
  });

  setHandler(referralEndedSignal, async (ended) => {
    const at = state.openReferrals.findIndex((r) => r.referralNo === ended.referralNo);
    if (at < 0) return;
    state.openReferrals.splice(at, 1);
    if (run.exiting) return;
    const outcome = ended.outcome;
    if (outcome?.result === 'memberRefused' && ended.memberId) {
      await countJobReferralRefusal(run, undefined, {
        memberId: ended.memberId,
        refusedOn: outcome.refusedOn,
        referral: `转介 ${ended.referralNo}：${outcome.offer}`,
        reasons: outcome.reasons,
      });
    } else if (outcome?.result === 'served' && ended.department === 'LABOUR') {
      await askForReview(run, {
        source: 'referralOutcome',
        reasons: `转介 ${ended.referralNo} 办结：${outcome.service}`,
        requestId: ended.referralNo,
      });
    }
  });
}
