import { setHandler } from '@temporalio/workflow';
import { ACTION_ROLES } from '../domain/step-roles';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import { HUMAN_STEPS } from '../domain/case-steps';
import { chineseDate } from '../domain/chinese-date';
import type { Actor, StaffRole } from '../domain/staff-roles';
import {
  countyHomeVisitSchema,
  investigationStartSchema,
  letterServiceSchema,
  objectionSchema,
  overallExtensionSchema,
  stepExtensionSchema,
} from '../domain/step-decisions';
import { addWorkingDays } from '../domain/working-days';
import type { CaseProcedure } from './case-procedure';
import {
  caseActions,
  type CaseActionName,
  type CaseView,
  type StepRejection,
  type StepSubmission,
} from './definitions';
import { checkSubmission, reject } from './submission-check';

export interface ActionSpec<P, R = CaseView> {
  label: string;
  roles: readonly StaffRole[];
  payload: z.ZodType<P>;
  /** Why the action cannot be taken now (or by this actor), or null when it can. */
  notNow: (payload: P, actor: Actor) => { type: StepRejection; message: string } | null;
  run: (actor: Actor, payload: P) => Promise<R>;
  /** Taken on a closed case too (the refusal letter's service). */
  whileClosed?: boolean;
}

/** Registers an action's Update: its validator refuses a closed case, a wrong role or place, a bad payload. */
export function registerAction<P, R = CaseView>(
  proc: CaseProcedure,
  update: UpdateDefinition<R, [StepSubmission]>,
  spec: ActionSpec<P, R>,
): void {
  const validate = (submission: StepSubmission) => {
    if (proc.closed && !spec.whileClosed) reject('WrongStep', '案件已办结 (the case is closed)');
    const checked = checkSubmission(spec.label, spec.roles, proc.input.villagePath, spec.payload, submission);
    const refused = spec.notNow(checked.payload, checked.actor);
    if (refused) reject(refused.type, refused.message);
    return checked;
  };
  setHandler(
    update,
    async (submission) => {
      const { actor, payload } = validate(submission);
      return spec.run(actor, payload);
    },
    { validator: (submission) => void validate(submission) },
  );
}

/** Supervision, objections and the county's home visit: Updates accepted beside the steps. */
export function registerCaseActions(proc: CaseProcedure): void {
  const { ledger } = proc;
  const register = <P>(name: CaseActionName, spec: ActionSpec<P>) =>
    registerAction(proc, caseActions[name], spec);

  register('extendStepDeadline', {
    label: '延长环节时限',
    roles: ACTION_ROLES.extendStepDeadline,
    payload: stepExtensionSchema,
    notNow: () =>
      proc.stepDeadline ? null : { type: 'WrongStep', message: '当前没有待办环节可延期 (no open step)' },
    run: async (actor, payload) => {
      const deadline = proc.stepDeadline!;
      const { calendar } = await proc.rules();
      const dueAt = addWorkingDays(Math.max(Date.now(), deadline.dueAt), payload.workingDays, calendar);
      deadline.dueAt = dueAt.getTime();
      return ledger.record(
        {
          type: 'deadlineExtended',
          step: deadline.step,
          actor,
          reasons: payload.reasons,
          payload: { ...payload, dueAt: dueAt.toISOString() },
        },
        { dueAt: dueAt.toISOString(), overdue: false },
      );
    },
  });

  register('extendOverallLimit', {
    label: '延长办理总时限',
    roles: ACTION_ROLES.extendOverallLimit,
    payload: overallExtensionSchema,
    notNow: () => {
      if (!proc.overall) return { type: 'WrongStep', message: '案件尚未受理，无总时限 (not yet accepted)' };
      if (proc.overall.extended)
        return { type: 'WrongStep', message: '办理总时限已延长过一次 (already extended)' };
      return null;
    },
    run: async (actor, payload) => {
      const overall = proc.overall!;
      const { calendar, policy } = await proc.rules();
      const days = overall.extendedDays ?? policy.stepLimits.overallExtended.days;
      const dueAt = addWorkingDays(overall.startedAt, days, calendar);
      overall.dueAt = dueAt.getTime();
      overall.extended = true;
      return ledger.record(
        {
          type: 'overallLimitExtended',
          actor,
          reasons: payload.reasons,
          payload: { dueAt: dueAt.toISOString(), days },
        },
        { overallDueAt: dueAt.toISOString(), overallOverdue: dueAt.getTime() < Date.now() },
      );
    },
  });

  register('recordObjection', {
    label: '登记公示异议',
    roles: ACTION_ROLES.recordObjection,
    payload: objectionSchema,
    notNow: () =>
      proc.notice ? null : { type: 'WrongStep', message: '案件不在公示期 (not on public notice)' },
    run: async (actor, payload) => {
      proc.notice!.objections.push(payload);
      return ledger.record({
        type: 'objectionReceived',
        step: 'publicNotice',
        actor,
        reasons: payload.content,
        payload,
      });
    },
  });

  register('recordCountyHomeVisit', {
    label: '县级入户核查',
    roles: ACTION_ROLES.recordCountyHomeVisit,
    payload: countyHomeVisitSchema,
    notNow: () => {
      if (!proc.input.relativeOfStaff)
        return { type: 'WrongStep', message: '非近亲属备案案件，无须县级入户核查' };
      if (proc.countyVisit) return { type: 'WrongStep', message: '县级入户核查已登记' };
      const status = ledger.current.status;
      if (status !== 'ON_NOTICE' && status !== 'OBJECTION_REVIEW' && status !== 'COUNTY_APPROVAL') {
        return {
          type: 'NotYet',
          message: `公示开始后方可登记县级入户核查（当前：${ledger.current.currentStep ? (HUMAN_STEPS[ledger.current.currentStep as keyof typeof HUMAN_STEPS] ?? '公示') : status}）`,
        };
      }
      return null;
    },
    run: async (actor, payload) => {
      proc.countyVisit = payload;
      return ledger.record({
        type: 'countyHomeVisit',
        actor,
        reasons: payload.findings,
        payload: { ...payload, recordedOn: chineseDate(Date.now()) },
      });
    },
  });

  register('recordLetterServed', {
    label: '登记不予批准通知书送达',
    roles: ACTION_ROLES.recordLetterServed,
    payload: letterServiceSchema,
    whileClosed: true,
    notNow: () =>
      proc.letterServed === null
        ? null
        : {
            type: 'WrongStep',
            message: proc.letterServed
              ? '不予批准通知书已登记送达'
              : '没有待送达的不予批准通知书 (no refusal letter awaiting service)',
          },
    run: async (actor, payload) => {
      proc.letterServed = payload;
      return ledger.record(
        {
          type: 'refusalLetterServed',
          actor,
          decision: payload.method,
          reasons: payload.note ?? null,
          payload: { ...payload, recordedOn: chineseDate(Date.now()) },
        },
        { overdue: false, assigneeUnitId: null },
      );
    },
  });

  register('recordInvestigationStart', {
    label: '开始入户调查',
    roles: ACTION_ROLES.recordInvestigationStart,
    payload: investigationStartSchema,
    notNow: () => {
      if (ledger.current.currentStep !== 'investigation')
        return { type: 'WrongStep', message: '案件不在调查核实环节 (not at the investigation)' };
      if (proc.investigationStarted) return { type: 'WrongStep', message: '已登记开始入户调查' };
      return null;
    },
    run: async (actor, payload) => {
      proc.investigationStarted = payload;
      // A start recorded late clears the flag its limit raised; the step's own deadline still counts.
      const stepLate = proc.stepDeadline !== undefined && proc.stepDeadline.dueAt <= Date.now();
      return ledger.record(
        {
          type: 'investigationStarted',
          step: 'investigation',
          actor,
          reasons: payload.note ?? null,
          payload: { ...payload, recordedOn: chineseDate(Date.now()) },
        },
        { overdue: stepLate },
      );
    },
  });
}
