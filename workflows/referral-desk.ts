import { setHandler } from '@temporalio/workflow';
import type { z } from 'zod';
import {
  referralAcceptSchema,
  referralCompletionSchema,
  referralConfirmSchema,
  referralDeclineSchema,
  referralDismissSchema,
  referralProgressSchema,
  TOWNSHIP_REFERRAL_RESULTS,
} from '../domain/referral-decisions';
import { receivedByTownship } from '../domain/referral-needs';
import {
  REFERRAL_ACTIONS,
  referralActionRefusal,
  referralPartyRoles,
  type ReferralAction,
} from '../domain/referral-steps';
import type { Actor } from '../domain/staff-roles';
import type { StepSubmission } from './definitions';
import type { ReferralLedger } from './referral-ledger';
import { referralUpdates, type ReferralInput, type ReferralView } from './referral-definitions';
import { checkSubmission, reject } from './submission-check';

export const REFERRAL_PAYLOADS = {
  confirm: referralConfirmSchema,
  dismiss: referralDismissSchema,
  accept: referralAcceptSchema,
  decline: referralDeclineSchema,
  progress: referralProgressSchema,
  complete: referralCompletionSchema,
} satisfies Record<ReferralAction, z.ZodType>;

export type ReferralPayload<A extends ReferralAction> = z.infer<(typeof REFERRAL_PAYLOADS)[A]>;

export type ReferralTransitions = {
  [A in ReferralAction]: (actor: Actor, payload: ReferralPayload<A>) => Promise<ReferralView>;
};

/**
 * Registers the referral's Updates. Each validator accepts an action only in a status the
 * table allows, from the party it belongs to (the referring township inside the household's
 * jurisdiction, or the receiving unit's own officers: a bureau's, or for 返乡转介 the receiving
 * township's), with a payload its schema accepts;
 * one decision at a time, none once the household has exited. The handler runs the transition
 * and answers with the referral after it.
 */
export function registerReferralDesk(
  input: ReferralInput,
  receivingUnitPath: string,
  ledger: ReferralLedger,
  ended: () => boolean,
  transitions: ReferralTransitions,
): void {
  let busy = false;
  const check = (action: ReferralAction, submission: StepSubmission) => {
    if (ended()) reject('WrongStep', '该家庭已停止保障，转介已终止 (the referral was closed)');
    if (busy) reject('StepBusy', '该转介已有决定正在处理 (a decision is being recorded)');
    const refusal = referralActionRefusal(action, ledger.current.status);
    if (refusal) reject('WrongStep', refusal);
    const spec = REFERRAL_ACTIONS[action];
    const path = spec.by === 'referrer' ? input.case.villagePath : receivingUnitPath;
    const checked = checkSubmission(
      spec.label,
      referralPartyRoles(spec.by, input.kind),
      path,
      REFERRAL_PAYLOADS[action] as z.ZodType<unknown>,
      submission,
    );
    const payload = checked.payload as { result?: string };
    if (payload.result === 'memberRefused' && (input.department !== 'LABOUR' || !input.memberId)) {
      reject('InvalidPayload', 'result: 只有针对家庭成员的就业类转介可登记本人拒绝 (labour referrals only)');
    }
    // 返乡转介: the township opens a case or finds none needed; a bureau's outcomes are not its.
    if (payload.result !== undefined) {
      const township = (TOWNSHIP_REFERRAL_RESULTS as readonly string[]).includes(payload.result);
      if (township !== receivedByTownship(input.kind)) {
        reject(
          'InvalidPayload',
          township
            ? 'result: 开立救助申请或无需救助仅用于返乡受助人员转介 (return-home referrals only)'
            : 'result: 返乡受助人员转介应开立救助申请或登记无需救助 (caseOpened or noneNeeded)',
        );
      }
    }
    return checked;
  };
  for (const action of Object.keys(REFERRAL_ACTIONS) as ReferralAction[]) {
    setHandler(
      referralUpdates[action],
      async (submission) => {
        const { actor, payload } = check(action, submission);
        busy = true;
        try {
          return await (transitions[action] as ReferralTransitions[ReferralAction])(actor, payload as never);
        } finally {
          busy = false;
        }
      },
      { validator: (submission) => void check(action, submission) },
    );
  }
}
