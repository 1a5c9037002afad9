import { patched } from '@temporalio/workflow';

/**
 * One patch that stands for every earlier patch of the case workflows. Each `patched()` call
 * records a marker and an upsert of `TemporalChangeVersion` in every run that reaches it (two
 * history events), and a case's procedure reached five or six in each of its runs, continued
 * as new included. A run recorded since this patch carries this marker alone and takes the
 * patched path of all of them; a history recorded before it has no such marker, so each
 * earlier patch is asked on its own, as it was recorded. The first call (the ledger's, as a
 * run starts) decides for the whole run.
 *
 * Only for the patches named where `since` is called; a patch added later calls `patched()`
 * itself (or joins a later umbrella of its own).
 */
export const LEAN_HISTORY = 'lean-history';

/**
 * The next umbrella: a run recorded since it runs a procedure's local activities one at a
 * time, in the ledger's queue (`CaseLedger.inTurn`), and answers a decision's Update once the
 * write carrying that decision is in. It stands for `lean-history` and all before it, so a new
 * run still records one marker; a run recorded before it asks `lean-history` as it was.
 */
export const SERIAL_LOCAL_ACTIVITIES = 'serial-local-activities';

/**
 * The umbrella after that: a run recorded since it writes the start of the whole procedure's
 * limit with the first step's opening (`startOverallLimit`), one local activity fewer in the
 * acceptance's workflow task. It stands for `serial-local-activities` and all before it.
 */
export const OVERALL_LIMIT_WITH_FIRST_STEP = 'overall-limit-with-first-step';

let overallWithFirstStep: boolean | undefined;
let serial: boolean | undefined;
let lean: boolean | undefined;

/** Whether this run writes the overall limit's start with the first step (and every earlier patch is taken). */
export function overallLimitWithFirstStep(): boolean {
  return (overallWithFirstStep ??= patched(OVERALL_LIMIT_WITH_FIRST_STEP));
}

/** Whether this run's local activities take turns (and every earlier patch is taken). */
export function serialLocalActivities(): boolean {
  return (serial ??= overallLimitWithFirstStep() || patched(SERIAL_LOCAL_ACTIVITIES));
}

/** Whether this run was recorded with the lean history's shape (only `CaseOverdue` upserted, one marker for all patches). */
export function leanHistory(): boolean {
  return (lean ??= serialLocalActivities() || patched(LEAN_HISTORY));
}

/** An earlier patch: taken when this run is lean, else asked on its own as it was recorded. */
export function since(patchId: string): boolean {
  return leanHistory() || patched(patchId);
}
