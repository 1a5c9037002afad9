import { patched } from '@temporalio/workflow';
import type { z } from 'zod';
import { chineseDate } from '../domain/chinese-date';
import type { CountyPolicy } from '../domain/county-policy';
import type { ProgrammeActionName } from '../domain/programmes';
import type { Actor } from '../domain/staff-roles';
import { ACTION_ROLES } from '../domain/step-roles';
import {
  VAGRANT_CONDITIONS,
  VAGRANT_EXIT_WAYS,
  exitProblem,
  resumedDueAt,
  stayExtensionProblem,
} from '../domain/vagrant';
import {
  hospitalReturnSchema,
  hospitalTransferSchema,
  stayExtensionSchema,
  tracingNoticeSchema,
  vagrantExitSchema,
  type VagrantExit,
} from '../domain/vagrant-decisions';
import { REFERRAL_KINDS } from '../domain/referral-needs';
import { closeCase, runApplication } from './application-steps';
import { records } from './case-ledger';
import { referralNumber, referralWorkflowId } from './referral-definitions';
import { registerAction } from './case-actions';
import type { CaseProcedure } from './case-procedure';
import { programmeActions, type CaseView, type CaseWorkflowInput, type StepRejection } from './definitions';
import { watchRecordedWithin } from './recorded-within';
import { runHumanStep } from './run-human-step';

const DAY = 86_400_000;

/**
 * Since this patch an exit that refers the person home also starts a referral workflow
 * (workflows/referral.ts, kind 返乡转介) to the township of origin, numbered …-Z01 from the
 * case, so the township has an inbox item with deadlines; histories from before it sent the
 * letter alone.
 */
export const VAGRANT_RETURN_HOME_REFERRAL = 'vagrant-return-home-referral';

/**
 * 流浪乞讨人员救助 at a rescue station 救助管理站, on the programme seam: one case per stay, from
 * intake (api/rescue-stations.ts, which took the person in within the station's capacity) to the
 * way out. Two clocks on the one deadline primitive: the family-tracing notice 寻亲公告 within
 * the county's hours of intake for a person whose home is unknown (`recordTracingNotice`), and
 * the stay itself as the step 离站 (`vagrantExit`), due after the county's days for an adult —
 * a supervisor may extend it with reasons (`extendStay`) — and at once for a minor, who goes to
 * child protection or to family. The critically and the mentally ill go to treatment first
 * (`transferToHospital`): the stay clock stands still until the return (`returnFromHospital`).
 * Late, either clock marks the case overdue, reminds the station's staff and escalates to the
 * county's supervisors, and keeps waiting. The exit writes its record, frees the place, and
 * where the person's township of origin in the prefecture is known, refers them to it so that
 * 低保, 特困 or temporary assistance can be considered there.
 */
export async function vagrantAssistance(input: CaseWorkflowInput): Promise<CaseView> {
  return runApplication(input, runStay);
}

interface StayClock {
  /** The county's rules as read when the stay opened (the extension's limit). */
  policy?: CountyPolicy;
  dueAt: number;
  inHospitalSince: number | null;
  treated: boolean;
  extendedDays: number;
  noticePublished: boolean;
}

type Refusal = { type: StepRejection; message: string } | null;

async function runStay(proc: CaseProcedure): Promise<CaseView> {
  const facts = proc.input.vagrant;
  if (!facts) throw new Error('a 流浪乞讨人员救助 case starts with its intake');
  const clock: StayClock = {
    dueAt: Date.parse(facts.stayDueAt),
    inHospitalSince: null,
    treated: false,
    extendedDays: 0,
    noticePublished: false,
  };
  registerStayActions(proc, clock);

  // 寻亲公告: due within the county's hours of intake when the home is unknown.
  const notice = facts.tracingNoticeDueAt
    ? await watchRecordedWithin(
        proc,
        { until: Date.parse(facts.tracingNoticeDueAt) },
        {
          name: '发布寻亲公告',
          step: 'vagrantExit',
          overdueEvent: 'tracingNoticeOverdue',
          recorded: () => clock.noticePublished,
        },
      )
    : null;

  const { policy } = await proc.rules();
  clock.policy = policy;
  const { actor, payload } = await runHumanStep<VagrantExit>(proc, {
    step: 'vagrantExit',
    status: 'ACCEPTED',
    payload: vagrantExitSchema,
    assigneeUnitId: proc.input.countyId,
    limit: facts.minor ? { days: 1, unit: 'calendar' } : { days: policy.vagrant.stayDays, unit: 'calendar' },
    dueAt: clock.dueAt,
    paused: () => clock.inHospitalSince !== null,
    guard: (p) => {
      const problem = exitProblem(p.way, {
        minor: facts.minor,
        condition: facts.condition,
        treated: clock.treated,
        inHospital: clock.inHospitalSince !== null,
      });
      return problem ? { type: 'InvalidPayload', message: problem } : null;
    },
    summarize: (p) => ({ decision: p.way, reasons: exitSummary(p) }),
  });
  notice?.end();

  const homeTownshipId = ('homeTownshipId' in payload && payload.homeTownshipId) || facts.homeTownshipId;
  const view = await closeCase(proc, 'EXITED', {
    type: 'vagrantExited',
    step: 'vagrantExit',
    actor,
    decision: payload.way,
    reasons: exitSummary(payload),
    payload: { ...payload, stationId: facts.stationId, exitedOn: chineseDate(Date.now()) },
  });
  // 转介户籍地: the township of origin considers 低保, 特困 or temporary assistance.
  if (!homeTownshipId || payload.way === 'ownWill') return view;
  // Since this patch the letter is followed by a referral the township answers in its inbox.
  const referralNo = patched(VAGRANT_RETURN_HOME_REFERRAL) ? referralNumber(proc.input.caseNo, 1) : null;
  const referred = await proc.ledger.record(
    {
      type: 'returnHomeReferral',
      actor,
      decision: homeTownshipId,
      reasons: '转介户籍地乡镇，核实是否纳入低保、特困供养或给予临时救助',
      payload: { homeTownshipId, ...(referralNo && { referralNo }) },
    },
    {},
    {
      letter: {
        kind: 'vagrantReturnHome',
        facts: {
          homeTownshipId,
          ...(referralNo && { referralNo }),
          issuer: facts.stationName,
          stationName: facts.stationName,
          personLabel: facts.personLabel,
          admittedOn: chineseDate(Date.parse(facts.admittedAt)),
          exitedOn: chineseDate(Date.now()),
          exitWayName: VAGRANT_EXIT_WAYS[payload.way],
          exitSummary: exitSummary(payload),
        },
      },
    },
  );
  if (!referralNo) return referred;
  await records.startReferral({
    workflowId: referralWorkflowId(referralNo),
    input: {
      referralNo,
      case: proc.input,
      enrolmentWorkflowId: null,
      kind: 'returnHome',
      department: REFERRAL_KINDS.returnHome.department,
      receivingUnitId: homeTownshipId,
      memberId: null,
      memberName: facts.personLabel,
      reason: `${facts.stationName}受助人员离站返乡（${exitSummary(payload)}），请核实其家庭生活状况，对符合条件的纳入低保、特困供养或给予临时救助`,
      source: 'manual',
      requestedBy: actor,
    },
  });
  return referred;
}

function exitSummary(p: VagrantExit): string {
  const way = VAGRANT_EXIT_WAYS[p.way];
  switch (p.way) {
    case 'escortHome':
      return `${way}：${p.destination}，护送人员 ${p.escortedBy}`;
    case 'ticketHome':
      return `${way}：${p.destination}，${p.ticket}`;
    case 'familyHandover':
      return `${way}：${p.claimantName}（${p.relation}）`;
    case 'childProtection':
      return `${way}：${p.receivingInstitution}，接收人 ${p.handedOverTo}`;
    case 'ownWill':
      return p.note ? `${way}：${p.note}` : way;
  }
}

/** The notice, the supervisor's extension and the hospital stay: Updates beside the 离站 step. */
function registerStayActions(proc: CaseProcedure, clock: StayClock): void {
  const { ledger } = proc;
  const facts = proc.input.vagrant!;
  const action = <P>(
    name: ProgrammeActionName,
    label: string,
    payload: z.ZodType<P>,
    refuse: (p: P) => Refusal,
    run: (actor: Actor, p: P) => Promise<CaseView>,
  ) =>
    registerAction(proc, programmeActions[name], {
      label,
      roles: ACTION_ROLES[name as keyof typeof ACTION_ROLES],
      payload,
      notNow: (p) => refuse(p),
      run,
    });
  const wrong = (message: string): Refusal => ({ type: 'WrongStep', message });
  const noticeDue = facts.tracingNoticeDueAt ? Date.parse(facts.tracingNoticeDueAt) : null;
  /** Either clock late now: the stay (unless it stands still) or the notice still unpublished. */
  const lateNow = () =>
    (proc.stepDeadline !== undefined &&
      clock.inHospitalSince === null &&
      proc.stepDeadline.dueAt <= Date.now()) ||
    (noticeDue !== null && !clock.noticePublished && noticeDue <= Date.now());

  action(
    'recordTracingNotice',
    '发布寻亲公告',
    tracingNoticeSchema,
    () => (clock.noticePublished ? wrong('寻亲公告已发布 (already published)') : null),
    (actor, p) => {
      clock.noticePublished = true;
      // Published late, the flag its clock raised goes; the stay's own lateness still counts.
      return ledger.record(
        {
          type: 'tracingNoticePublished',
          step: 'vagrantExit',
          actor,
          decision: 'published',
          reasons: p.medium,
          payload: { ...p, publishedOn: chineseDate(Date.now()) },
        },
        { overdue: lateNow() },
      );
    },
  );

  action(
    'extendStay',
    '延长站内救助期限',
    stayExtensionSchema,
    (p) => {
      if (!proc.stepDeadline || !clock.policy) return wrong('没有在站救助期限可延长 (no stay open)');
      const problem = stayExtensionProblem(
        p.days,
        { minor: facts.minor, extendedDays: clock.extendedDays },
        clock.policy,
      );
      return problem ? { type: 'InvalidPayload', message: problem } : null;
    },
    (actor, p) => {
      const deadline = proc.stepDeadline!;
      deadline.dueAt += p.days * DAY;
      clock.dueAt = deadline.dueAt;
      clock.extendedDays += p.days;
      const dueAt = new Date(deadline.dueAt).toISOString();
      const inHospital = clock.inHospitalSince !== null;
      return ledger.record(
        {
          type: 'stayExtended',
          step: 'vagrantExit',
          actor,
          decision: `${p.days}`,
          reasons: p.reasons,
          payload: { ...p, stayDueAt: dueAt, extendedDays: clock.extendedDays },
        },
        inHospital ? {} : { dueAt, overdue: lateNow() },
      );
    },
  );

  action(
    'transferToHospital',
    '送医救治',
    hospitalTransferSchema,
    () => {
      if (!proc.stepDeadline) return wrong('受助人员已离站 (the stay has ended)');
      return clock.inHospitalSince !== null ? wrong('受助人员已在医院救治 (already in hospital)') : null;
    },
    (actor, p) => {
      clock.inHospitalSince = Date.now();
      clock.treated = true;
      return ledger.record(
        {
          type: 'hospitalTransfer',
          step: 'vagrantExit',
          actor,
          decision: p.condition,
          reasons: `${p.hospital}（${VAGRANT_CONDITIONS[p.condition]}）`,
          payload: { ...p, transferredOn: chineseDate(Date.now()) },
        },
        // The stay clock stands still: nothing of the stay is due while the person is treated.
        { dueAt: null, overdue: lateNow() },
      );
    },
  );

  action(
    'returnFromHospital',
    '出院返站',
    hospitalReturnSchema,
    () => (clock.inHospitalSince === null ? wrong('受助人员不在医院 (not in hospital)') : null),
    (actor, p) => {
      const deadline = proc.stepDeadline!;
      deadline.dueAt = resumedDueAt(deadline.dueAt, clock.inHospitalSince!, Date.now());
      clock.dueAt = deadline.dueAt;
      const pausedHours = Math.round((Date.now() - clock.inHospitalSince!) / 3_600_000);
      clock.inHospitalSince = null;
      const dueAt = new Date(deadline.dueAt).toISOString();
      return ledger.record(
        {
          type: 'hospitalReturn',
          step: 'vagrantExit',
          actor,
          reasons: p.note ?? null,
          payload: { ...p, stayDueAt: dueAt, pausedHours },
        },
        { dueAt, overdue: lateNow() },
      );
    },
  );
}
