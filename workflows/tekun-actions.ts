import type { z } from 'zod';
import type { ProgrammeActionName } from '../domain/programmes';
import type { Actor } from '../domain/staff-roles';
import { ACTION_ROLES } from '../domain/step-roles';
import {
  careChangeReportSchema,
  supportModeChangeSchema,
  type SupportModeChange,
} from '../domain/tekun-support-decisions';
import { TERMINATION_REASONS, terminationRequestSchema } from '../domain/tekun-termination';
import { registerAction } from './case-actions';
import { programmeActions, type CaseView, type StepRejection } from './definitions';
import { leaveCareHome, leaveWaitingList, requestBed, transferBed } from './tekun-placement';
import type { TekunRun } from './tekun-run';

type Refusal = { type: StepRejection; message: string } | null;

/**
 * While a person is supported: a change in their condition (a care reassessment follows), a
 * termination staff ask for (a notice follows), and a change of support mode. None is taken
 * once a termination is under way.
 */
export function registerTekunActions(run: TekunRun): void {
  const { state, ledger } = run;
  const supportAction = <P>(
    name: ProgrammeActionName,
    label: string,
    payload: z.ZodType<P>,
    act: (actor: Actor, payload: P) => Promise<CaseView>,
    refuse: (payload: P) => Refusal = () => null,
  ) =>
    registerAction(run.proc, programmeActions[name], {
      label,
      roles: ACTION_ROLES[name],
      payload,
      notNow: (p) =>
        run.termination || run.ending
          ? { type: 'WrongStep', message: '已在办理终止供养，不再受理 (termination in progress)' }
          : refuse(p),
      run: act,
    });

  supportAction('reportCareChange', '登记生活自理能力变化', careChangeReportSchema, async (actor, p) => {
    state.careChanges.push(p.description);
    return ledger.record({ type: 'changeReported', actor, decision: 'care', reasons: p.description });
  });

  supportAction('requestExit', '终止供养', terminationRequestSchema, async (actor, request) => {
    run.termination = { reason: request.reason, details: request.details, actor };
    return ledger.record({
      type: 'terminationProposed',
      actor,
      decision: request.reason,
      reasons: `${TERMINATION_REASONS[request.reason]}：${request.details}`,
      payload: request,
    });
  });

  supportAction(
    'changeSupportMode',
    '变更供养方式',
    supportModeChangeSchema,
    (actor, change) => changeSupportMode(run, actor, change),
    ({ supportMode }) => {
      if (supportMode.mode === 'dispersed')
        return state.supportMode.mode === 'dispersed'
          ? { type: 'WrongStep', message: '已是分散供养 (already dispersed)' }
          : null;
      if (state.waitingEntryId)
        return { type: 'WrongStep', message: '正在轮候床位 (already waiting for a bed)' };
      if (!state.placement) return null;
      if (!supportMode.preferredHomeId)
        return { type: 'InvalidPayload', message: 'supportMode.preferredHomeId: 转院须指明转入的供养机构' };
      return supportMode.preferredHomeId === state.placement.homeId
        ? { type: 'InvalidPayload', message: 'supportMode.preferredHomeId: 已在该供养机构' }
        : null;
    },
  );
}

/** 变更供养方式: into a care home, to another one (转院), or home with a care agreement. */
async function changeSupportMode(run: TekunRun, actor: Actor, { supportMode, reasons }: SupportModeChange) {
  const { state, ledger } = run;
  await ledger.record({
    type: 'supportArranged',
    actor,
    decision: supportMode.mode,
    reasons,
    payload: supportMode,
  });
  state.supportMode = supportMode;
  if (supportMode.mode === 'dispersed') {
    await leaveWaitingList(run);
    await leaveCareHome(run, 'returnedToDispersed', {
      dispersed: true,
      carerName: supportMode.careAgreement.carerName,
    });
    return ledger.current;
  }
  return state.placement
    ? transferBed(run, supportMode.preferredHomeId!)
    : requestBed(run, supportMode.preferredHomeId);
}
