import { getExternalWorkflowHandle, log } from '@temporalio/workflow';
import { PLACEMENT_END_REASONS, type PlacementEndReason } from '../domain/care-home-queue';
import { chineseDate } from '../domain/chinese-date';
import { bedOfferAnswerSchema, type BedOfferAnswer } from '../domain/tekun-support-decisions';
import { records } from './case-ledger';
import type { CaseView } from './definitions';
import { runHumanStep, StepExpired, StepInterrupted } from './run-human-step';
import type { TekunRun } from './tekun-run';
import { bedOfferedSignal, type BedOffer, type Placement } from './tekun-support-state';

/** 集中供养: beds in care homes, the waiting list, freed beds offered in turn. */

async function recordPlacement(
  run: TekunRun,
  placement: Placement,
  transferredFrom?: string,
): Promise<CaseView> {
  run.state.placement = placement;
  run.state.waitingEntryId = null;
  return run.ledger.record(
    {
      type: 'placed',
      decision: placement.homeId,
      reasons: `${placement.homeName} 床位 ${placement.bedLabel}`,
      payload: placement,
    },
    run.facts(),
    {
      letter: {
        kind: 'carePlacement',
        facts: { ...placement, placedOn: chineseDate(Date.now()), transferredFrom: transferredFrom ?? null },
      },
    },
  );
}

/** Asks for a bed (the preferred home first): placed at once, or on the county's waiting list. */
export function requestBed(run: TekunRun, preferredHomeId?: string): Promise<CaseView> {
  return run.beds.runExclusive(() => placeOrQueue(run, preferredHomeId));
}

async function placeOrQueue(run: TekunRun, preferredHomeId?: string): Promise<CaseView> {
  const { input, state } = run;
  const outcome = await records.requestPlacement({
    key: run.nextKey('placement'),
    caseId: input.case.caseId,
    personId: state.personId,
    countyId: input.case.countyId,
    preferredHomeId,
    careLevel: state.careLevel,
    workflowId: run.workflowId,
  });
  if (outcome.outcome === 'placed') {
    const { placementId, homeId, homeName, bedLabel } = outcome;
    return recordPlacement(run, { placementId, homeId, homeName, bedLabel });
  }
  state.waitingEntryId = outcome.entryId;
  return run.ledger.record(
    {
      type: 'waitingListed',
      decision: String(outcome.position),
      reasons: `暂无合适床位，列入轮候名单第 ${outcome.position} 位`,
      payload: outcome,
    },
    run.facts(),
  );
}

/**
 * A freed bed offered to this person: the township puts it to them and records the answer
 * before the county's deadline; declined or lapsed, it goes to the next in line.
 */
export async function answerBedOffer(run: TekunRun, offer: BedOffer): Promise<void> {
  const { policy } = await run.proc.rules();
  let answer: BedOfferAnswer | null = null;
  try {
    const decided = await runHumanStep<BedOfferAnswer>(run.proc, {
      step: 'bedOfferAnswer',
      status: 'ENROLLED',
      payload: bedOfferAnswerSchema,
      assigneeUnitId: run.input.case.townshipId,
      limit: policy.extremePoverty.stepLimits.bedOfferAcceptance,
      lapses: true,
      openingMail: { kind: 'bedOffered', facts: { homeName: offer.homeName, bedLabel: offer.bedLabel } },
      summarize: (p) => ({ decision: p.answer, reasons: p.answer === 'decline' ? p.reasons : null }),
      onDecision: () => ({ change: { currentStep: null, assigneeUnitId: null, dueAt: null } }),
      // Left the list meanwhile (home after all, or support ending): the bed was passed on then.
      interruptWhen: () => run.state.waitingEntryId === null || run.termination !== null,
    });
    answer = decided.payload;
  } catch (error) {
    if (error instanceof StepInterrupted) return;
    if (!(error instanceof StepExpired)) throw error;
  }
  await run.beds.runExclusive(() => recordAnswer(run, offer, answer));
}

async function recordAnswer(run: TekunRun, offer: BedOffer, answer: BedOfferAnswer | null): Promise<void> {
  const { ledger } = run;
  const result = await records.answerOffer({
    key: run.nextKey('offer'),
    offerId: offer.offerId,
    answer: answer?.answer ?? 'expire',
  });
  if ('placed' in result && result.placed) {
    await recordPlacement(run, { ...offer, placementId: result.placed.placementId });
    return;
  }
  await ledger.record({
    type: 'bedOffered',
    decision: answer ? 'declined' : 'lapsed',
    reasons: answer
      ? `放弃 ${offer.homeName} 床位 ${offer.bedLabel}`
      : `逾期未确认 ${offer.homeName} 床位 ${offer.bedLabel}`,
    payload: offer,
  });
  await passOn(run, 'nextOffer' in result ? result.nextOffer : null);
}

/** 转院: to a fitting bed in another home; the bed left is offered to whoever waits for it. */
export function transferBed(run: TekunRun, toHomeId: string): Promise<CaseView> {
  return run.beds.runExclusive(() => moveToHome(run, toHomeId));
}

async function moveToHome(run: TekunRun, toHomeId: string): Promise<CaseView> {
  const from = run.state.placement!;
  const moved = await records.transferPlacement({
    key: run.nextKey('transfer'),
    placementId: from.placementId,
    toHomeId,
  });
  if (moved.outcome === 'refused') {
    return run.ledger.record({
      type: 'supportArranged',
      decision: 'transferRefused',
      reasons: `${TRANSFER_REFUSALS[moved.reason]}，仍在${from.homeName}供养`,
      payload: moved,
    });
  }
  const { placementId, homeId, homeName, bedLabel } = moved.placed;
  const view = await recordPlacement(run, { placementId, homeId, homeName, bedLabel }, from.homeName);
  await passOn(run, moved.offer);
  return view;
}

const TRANSFER_REFUSALS = {
  notPlaced: '本人不在供养机构',
  sameHome: '已在该供养机构',
  unknownHome: '转入的供养机构不存在',
  otherCounty: '转入的供养机构不在本县',
  noFittingBed: '转入的供养机构暂无合适床位',
} as const;

/** Leaves the waiting list (support ends, or the person stays at home); a bed held for them passes on. */
export function leaveWaitingList(run: TekunRun): Promise<void> {
  return run.beds.runExclusive(() => withdraw(run));
}

async function withdraw(run: TekunRun): Promise<void> {
  const entryId = run.state.waitingEntryId;
  if (!entryId) return;
  const left = await records.withdrawFromWaitingList({ key: run.nextKey('withdraw'), entryId });
  run.state.waitingEntryId = null;
  await passOn(run, left.nextOffer);
}

/** Leaves the care home: the bed is freed and offered to whoever waits for it. */
export function leaveCareHome(
  run: TekunRun,
  reason: PlacementEndReason,
  extra: Record<string, unknown> = {},
): Promise<void> {
  return run.beds.runExclusive(() => release(run, reason, extra));
}

async function release(run: TekunRun, reason: PlacementEndReason, extra: Record<string, unknown>) {
  const placement = run.state.placement;
  if (!placement) return;
  const released = await records.releaseBed({
    key: run.nextKey('release'),
    placementId: placement.placementId,
    reason,
  });
  run.state.placement = null;
  await run.ledger.record(
    { type: 'placementEnded', decision: reason, reasons: PLACEMENT_END_REASONS[reason], payload: placement },
    run.facts(),
    {
      letter: {
        kind: 'careDischarge',
        facts: {
          ...placement,
          ...extra,
          endedOn: chineseDate(Date.now()),
          reasonText: PLACEMENT_END_REASONS[reason],
        },
      },
    },
  );
  await passOn(run, released.offer);
}

type NextOffer = Awaited<ReturnType<typeof records.releaseBed>>['offer'];

/** Tells the next in line of the bed held for them; one whose support has ended passes it on. */
async function passOn(run: TekunRun, offer: NextOffer): Promise<void> {
  let next = offer;
  while (next) {
    const { offerId, homeId, homeName, bedLabel, workflowId } = next;
    try {
      await getExternalWorkflowHandle(workflowId).signal(bedOfferedSignal, {
        offerId,
        homeId,
        homeName,
        bedLabel,
      });
      return;
    } catch (error) {
      log.warn('bed offer could not reach its workflow; offered to the next in line', {
        workflowId,
        error: String(error),
      });
      const passed = await records.answerOffer({ key: run.nextKey('offer'), offerId, answer: 'expire' });
      next = 'nextOffer' in passed ? passed.nextOffer : null;
    }
  }
}
