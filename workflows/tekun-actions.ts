import { ACTION_ROLES } from '../domain/step-roles';
import type { StepRejection } from './definitions';
import { programmeActions } from './definitions';
import { terminationRequestSchema, TERMINATION_REASONS } from '../domain/tekun-termination';
import { careChangeReportSchema, supportModeChangeSchema } from '../domain/tekun-support-decisions';
import { registerAction } from './case-actions';
import { leaveCareHome, leaveWaitingList, requestBed, transferBed } from './tekun-placement';
import type { TekunRun } from './tekun-run';

const ending = (run: TekunRun): { type: StepRejection; message: string } | null =>
  run.termination || run.ending
    ? { type: 'WrongStep', message: '已在办理终止供养，不再受理 (termination in progress)' }
    : null;

/**
 * While a person is supported: a change in their condition (a care reassessment follows), a
 * termination staff ask for (a notice follows), and a change of support mode.
 */
export function registerTekunActions(run: TekunRun): void {
  const { proc, state, ledger } = run;

  registerAction(proc, programmeActions.reportCareChange, {
    label: '登记生活自理能力变化',
    roles: ACTION_ROLES.reportCareChange,
    payload: careChangeReportSchema,
    notNow: () => ending(run),
    run: async (actor, payload) => {
      state.careChanges.push(payload.description);
      return ledger.record({ type: 'changeReported', actor, decision: 'care', reasons: payload.description });
    },
  });

  registerAction(proc, programmeActions.requestExit, {
    label: '终止供养',
    roles: ACTION_ROLES.requestExit,
    payload: terminationRequestSchema,
    notNow: () => ending(run),
    run: async (actor, request) => {
      run.termination = { reason: request.reason, details: request.details, actor };
      return ledger.record({
        type: 'terminationProposed',
        actor,
        decision: request.reason,
        reasons: `${TERMINATION_REASONS[request.reason]}：${request.details}`,
        payload: request,
      });
    },
  });

  registerAction(proc, programmeActions.changeSupportMode, {
    label: '变更供养方式',
    roles: ACTION_ROLES.changeSupportMode,
    payload: supportModeChangeSchema,
    notNow: (payload) => {
      const refused = ending(run);
      if (refused) return refused;
      const { supportMode } = payload;
      if (supportMode.mode === 'dispersed' && state.supportMode.mode === 'dispersed')
        return { type: 'WrongStep', message: '已是分散供养 (already dispersed)' };
      if (supportMode.mode === 'centralised' && state.waitingEntryId)
        return { type: 'WrongStep', message: '正在轮候床位 (already waiting for a bed)' };
      if (supportMode.mode === 'centralised' && state.placement && !supportMode.preferredHomeId)
        return { type: 'InvalidPayload', message: 'supportMode.preferredHomeId: 转院须指明转入的供养机构' };
      if (
        state.placement &&
        supportMode.mode === 'centralised' &&
        supportMode.preferredHomeId === state.placement.homeId
      )
        return { type: 'InvalidPayload', message: 'supportMode.preferredHomeId: 已在该供养机构' };
      return null;
    },
    run: async (actor, { supportMode, reasons }) => {
      await ledger.record({
        type: 'supportArranged',
        actor,
        decision: supportMode.mode,
        reasons,
        payload: supportMode,
      });
      if (supportMode.mode === 'dispersed') {
        state.supportMode = supportMode;
        await leaveWaitingList(run);
        await leaveCareHome(run, 'returnedToDispersed', {
          dispersed: true,
          carerName: supportMode.careAgreement.carerName,
        });
        return ledger.current;
      }
      state.supportMode = supportMode;
      return state.placement
        ? transferBed(run, supportMode.preferredHomeId!)
        : requestBed(run, supportMode.preferredHomeId);
    },
  });
}
