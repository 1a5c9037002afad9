import {
  ActivityFailure,
  ApplicationFailure,
  getExternalWorkflowHandle,
  log,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ReferralChange } from '../activities/referral-records';
import { chineseDate, chineseMonth } from '../domain/chinese-date';
import { PROGRAMMES } from '../domain/programmes';
import { REFERRAL_RESULTS, type ReferralCompletion } from '../domain/referral-decisions';
import { receivedByTownship } from '../domain/referral-needs';
import {
  FINAL_REFERRAL_STATUSES,
  OPEN_REFERRAL_STATUSES,
  type ReferralStatus,
} from '../domain/referral-steps';
import type { Actor } from '../domain/staff-roles';
import { deadlineAfter } from '../domain/working-days';
import { records } from './case-ledger';
import { registerReferralDesk } from './referral-desk';
import {
  closeReferralSignal,
  referralEndedSignal,
  type ReferralClosure,
  type ReferralInput,
  type ReferralView,
} from './referral-definitions';
import { ReferralLedger } from './referral-ledger';
import { awaitDeadline, type DeadlineWatch } from './deadline';
import type { StepRejection } from './definitions';
import { reject } from './submission-check';

/** What the referral waits for in each open status, as the reminder mails say it. */
const WAITING_FOR: Partial<Record<ReferralStatus, string>> = {
  PROPOSED: '确认是否转介',
  SENT: '接收或退回',
  ACCEPTED: '办结并反馈结果',
  IN_PROGRESS: '办结并反馈结果',
};

const COMPLETED_AS: Record<ReferralCompletion['result'], ReferralStatus> = {
  served: 'COMPLETED',
  unableToHelp: 'UNABLE_TO_HELP',
  memberRefused: 'MEMBER_REFUSED',
  caseOpened: 'COMPLETED',
  noneNeeded: 'COMPLETED',
};

/**
 * A serious-illness referral, once sent, also opens the member's 医疗救助 case (a normal
 * activity after the send's write; histories from before it open none).
 */
export const REFERRAL_OPENS_MEDICAL_CASE = 'referral-opens-medical-case';

/**
 * 转介: one referral of a 低保 household to another bureau, from the proposal (or a referral
 * by hand) to the department's outcome. Each wait has its deadline in working days from the
 * county's service levels; a missed one marks the referral overdue, reminds the unit it waits
 * on and escalates to the supervisors above it and to county civil affairs, and the referral
 * keeps waiting. When the household exits, the enrolment closes the referral with a notice to
 * the department. The enrolment is told how every other referral ended.
 */
export async function referral(input: ReferralInput): Promise<ReferralView> {
  const { caseId } = input.case;
  // 返乡转介: a township of the prefecture receives it, on its own county's service levels and
  // calendar; the rescue station's county referred the person and hears back.
  const township = receivedByTownship(input.kind);
  const unit = await records.findReceivingUnit({
    countyId: input.case.countyId,
    department: input.department,
    ...(township && { unitId: input.receivingUnitId }),
  });
  const countyId = township ? unit.countyId : input.case.countyId;
  const townshipId = township ? input.case.countyId : input.case.townshipId;
  const { policy, calendar } = await records.loadCountyRules({ countyId });
  const levels = policy.referralServiceLevels;
  const ledger = new ReferralLedger(
    {
      referralNo: input.referralNo,
      workflowId: workflowInfo().workflowId,
      caseId,
      department: input.department,
      receivingUnitId: unit.id,
      countyId,
      villagePath: input.case.villagePath,
      kind: input.kind,
      memberId: input.memberId,
      memberName: input.memberName,
      reason: input.reason,
      source: input.source,
    },
    {
      referralNo: input.referralNo,
      status: input.source === 'proposed' ? 'PROPOSED' : 'SENT',
      receivingUnitId: unit.id,
      dueAt: null,
      overdue: false,
    },
  );
  let closure: ReferralClosure | null = null;
  let sentAt: number | null = null;
  let outcome: ReferralCompletion | null = null;
  const now = () => new Date(Date.now()).toISOString();
  const dueAfter = (limit: typeof levels.accept) => deadlineAfter(Date.now(), limit, calendar).toISOString();
  const ended = (status: ReferralStatus, at: Partial<ReferralChange> = {}): Partial<ReferralChange> => ({
    status,
    dueAt: null,
    overdue: false,
    endedAt: now(),
    ...at,
  });

  const send = async (actor: Actor | null, note?: string) => {
    const acceptDueAt = dueAfter(levels.accept);
    sentAt = Date.now();
    const view = await ledger.record(
      {
        type: 'referralSent',
        ...(actor && { actor }),
        reasons: input.reason,
        payload: { source: input.source, ...(note && { note }) },
      },
      { status: 'SENT', dueAt: acceptDueAt, acceptDueAt, sentAt: now(), overdue: false },
      unit.id,
      // 返乡转介: the station's 返乡受助人员转介函 is the letter; the township is not sent a second.
      township
        ? {}
        : {
            letter: {
              kind: 'referral',
              facts: {
                acceptDueOn: chineseDate(Date.parse(acceptDueAt)),
                completeDays: levels.complete.days,
              },
            },
          },
    );
    // 医疗救助: the health bureau still has the referral; the ill member's claim opens beside it,
    // findable from the referral's case log and the household file (一户一档).
    if (
      input.kind === 'medicalAssistance' &&
      input.memberId &&
      actor &&
      patched(REFERRAL_OPENS_MEDICAL_CASE)
    ) {
      await records.openMedicalCaseForReferral({
        referralNo: input.referralNo,
        caseId,
        memberId: input.memberId,
        actor,
      });
    }
    return view;
  };

  registerReferralDesk(input, unit.path, ledger, () => closure !== null, {
    confirm: (actor, p) => send(actor, p.note),
    dismiss: (actor, p) =>
      ledger.record({ type: 'referralDismissed', actor, reasons: p.reasons }, ended('DISMISSED'), townshipId),
    accept: (actor, p) => {
      const completeDueAt = dueAfter(levels.complete);
      return ledger.record(
        { type: 'referralAccepted', actor, reasons: p.note ?? null, payload: p },
        {
          status: 'ACCEPTED',
          dueAt: completeDueAt,
          completeDueAt,
          acceptedAt: now(),
          handler: p.handler,
          overdue: false,
        },
        unit.id,
      );
    },
    decline: (actor, p) =>
      ledger.record(
        { type: 'referralDeclined', actor, reasons: p.reasons },
        ended('DECLINED', { outcome: { result: 'declined', reasons: p.reasons } }),
        townshipId,
        {
          staffMails: [
            { kind: township ? 'returnHomeDeclined' : 'referralDeclined', facts: { reasons: p.reasons } },
          ],
        },
      ),
    progress: (actor, p) =>
      ledger.record(
        { type: 'referralProgress', actor, reasons: p.note, payload: p },
        { status: 'IN_PROGRESS' },
        unit.id,
      ),
    complete: async (actor, p) => {
      if (p.result === 'caseOpened') {
        // 返乡转介: the township opens the person's case through the shared intake first; a
        // request it refuses fails this Update with the intake's reason and changes nothing.
        const { result, programme, villageId, note } = p;
        const opened = await openReturnHomeCase(input, unit.id, actor, p);
        const programmeName = PROGRAMMES[programme].name;
        const recorded = { result, programme, programmeName, caseNo: opened.caseNo, villageId, note };
        outcome = recorded as unknown as ReferralCompletion;
        return ledger.record(
          {
            type: 'referralCompleted',
            actor,
            decision: p.result,
            reasons: `开立${programmeName}申请 ${opened.caseNo}`,
            payload: { outcome: recorded, resultText: REFERRAL_RESULTS[result], openedCaseNo: opened.caseNo },
          },
          ended('COMPLETED', { outcome: recorded }),
          townshipId,
        );
      }
      outcome = p;
      return ledger.record(
        {
          type: 'referralCompleted',
          actor,
          decision: p.result,
          reasons: p.result === 'served' ? p.service : p.reasons,
          payload: { outcome: p, resultText: REFERRAL_RESULTS[p.result] },
        },
        ended(COMPLETED_AS[p.result], { outcome: p }),
        townshipId,
      );
    },
  });
  setHandler(closeReferralSignal, (c) => {
    closure ??= c;
  });

  const referralDeadline = (): DeadlineWatch => ({
    done: () => FINAL_REFERRAL_STATUSES.includes(ledger.current.status),
    dueAt: () => (ledger.current.dueAt ? Date.parse(ledger.current.dueAt) : null),
    epoch: () => ledger.current.status,
    interrupted: () => closure !== null,
    onOverdue: async (due) => {
      const { status } = ledger.current;
      const facts = { dueOn: chineseDate(due), waitingFor: WAITING_FOR[status] ?? '' };
      const withDepartment = status !== 'PROPOSED';
      await ledger.record(
        {
          type: 'referralOverdue',
          reasons: `应于${facts.dueOn}前${facts.waitingFor}`,
          payload: { dueAt: ledger.current.dueAt },
        },
        { overdue: true },
        withDepartment ? unit.id : townshipId,
        {
          staffMails: [
            { kind: 'referralReminder', facts },
            ...(withDepartment ? [{ kind: 'referralEscalation' as const, facts }] : []),
          ],
        },
      );
    },
  });

  if (input.source === 'proposed') {
    const dueAt = dueAfter(levels.confirm);
    await ledger.record(
      { type: 'referralProposed', reasons: input.reason },
      { status: 'PROPOSED', dueAt, proposedAt: now(), overdue: false },
      townshipId,
    );
  } else {
    await send(input.requestedBy);
  }

  // Waits on whichever deadline the referral's status brings (the township's confirmation, the
  // department's acceptance, then its completion), until it ends or the enrolment closes it.
  while ((await awaitDeadline(referralDeadline())) === 'interrupted') {
    const c: ReferralClosure = closure!;
    const { status } = ledger.current;
    await ledger.record(
      { type: 'referralClosed', reasons: c.exitReason, payload: { ...c } },
      ended('CLOSED'),
      townshipId,
      // The department hears of it only if it had the referral.
      OPEN_REFERRAL_STATUSES.includes(status)
        ? {
            letter: {
              kind: 'referralClosure',
              facts: {
                sentOn: sentAt === null ? '' : chineseDate(sentAt),
                stopMonth: chineseMonth(c.stopMonth),
                exitReason: c.exitReason,
              },
            },
          }
        : {},
    );
  }

  await ledger.settled();
  const final = ledger.current;
  if (final.status !== 'CLOSED' && input.enrolmentWorkflowId) {
    try {
      await getExternalWorkflowHandle(input.enrolmentWorkflowId).signal(referralEndedSignal, {
        referralNo: input.referralNo,
        kind: input.kind,
        department: input.department,
        memberId: input.memberId,
        status: final.status,
        outcome,
      });
    } catch (error) {
      // The enrolment has ended meanwhile: nothing there is waiting for this answer.
      log.info('enrolment not told of the referral outcome', { error: String(error) });
    }
  }
  return final;
}

/** Opens the returning person's case (activities/return-home-cases.ts); its refusal becomes the Update's. */
async function openReturnHomeCase(
  input: ReferralInput,
  townshipId: string,
  actor: Actor,
  request: Extract<ReferralCompletion, { result: 'caseOpened' }>,
): Promise<{ caseNo: string }> {
  try {
    return await records.openCaseForReturnHome({
      referralNo: input.referralNo,
      vagrantCaseId: input.case.caseId,
      townshipId,
      actor,
      request,
    });
  } catch (error) {
    const cause = error instanceof ActivityFailure ? error.cause : null;
    if (cause instanceof ApplicationFailure && cause.type) reject(cause.type as StepRejection, cause.message);
    throw error;
  }
}
