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

let lean: boolean | undefined;

/** Whether this run was recorded with the lean history's shape (only `CaseOverdue` upserted, one marker for all patches). */
export function leanHistory(): boolean {
  return (lean ??= patched(LEAN_HISTORY));
}

/** An earlier patch: taken when this run is lean, else asked on its own as it was recorded. */
export function since(patchId: string): boolean {
  return leanHistory() || patched(patchId);
}
