import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { isEnrolled } from '../domain/case-steps';
import { programmeOf } from '../domain/programmes';
import { canSeeCase, type Actor } from '../domain/staff-roles';
import { ACTION_ROLES } from '../domain/step-roles';
import {
  findingReasons,
  findingRequestId,
  FRAUD_EXIT_ROLE,
  type VerificationConsequence,
  type VerificationSource,
} from '../domain/verification-findings';
import type { Database } from '../platform/database';
import { enrolmentWorkflowId, programmeActions } from '../workflows/definitions';
import { requestReviewSignal } from '../workflows/enrolment-state';
import { HttpError } from './http-error';
import { executeStaffUpdate } from './workflow-updates';

// A verification's finding applied to its case: the programme's own review or exit path.

/** An empty form field is a field not given. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** The fields a verifier gives beside the findings: what follows for the case, and which case. */
export const findingFields = {
  consequence: optional(
    z.enum(['NONE', 'REVIEW', 'FRAUD_EXIT'], { error: '请选择处理方式 (NONE, REVIEW or FRAUD_EXIT)' }),
  ),
  caseNo: optional(z.string().regex(/^[A-Z]{2}-\d{6}-\d{4}-\d{6}$/, '案件编号格式不对 (a case number)')),
  ineligibleFromMonth: optional(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')),
};

/** The checks every finding's fields pass: a fraud exit names the month the overpayment starts. */
export function refineFinding(
  value: { consequence?: VerificationConsequence; ineligibleFromMonth?: string },
  ctx: z.RefinementCtx,
): void {
  if (value.consequence === 'FRAUD_EXIT' && value.ineligibleFromMonth === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['ineligibleFromMonth'],
      message: '骗保退出须写明自何月起不符合条件 (the month the overpayment starts)',
    });
}

const refused = (field: string, message: string, status = 422) =>
  new HttpError(status, 'invalid_input', `${field}: ${message}`, [{ field, message }]);

const CASE_CLOSED = { code: 'CaseClosed', message: '案件已办结 (the case is closed)' };

export interface Finding {
  source: VerificationSource;
  sourceRef: string;
  consequence: VerificationConsequence;
  caseNo: string | null;
  findings: string;
  ineligibleFromMonth?: string | undefined;
}

/**
 * Checks that the finding can be applied, before anything is recorded: the case exists in the
 * verifier's jurisdiction and is enrolled, its programme has the path, and a fraud exit is the
 * county's. Answers the case's programme family, or null when nothing follows.
 */
export async function checkFinding(db: Database, actor: Actor, finding: Finding) {
  if (finding.consequence === 'NONE') return null;
  if (finding.caseNo === null)
    throw refused('body.caseNo', '复核或退出须写明案件编号 (a review or an exit names the case)');
  const found = await db.case.findUnique({
    where: { caseNo: finding.caseNo },
    select: { caseNo: true, status: true, programmeCode: true, household: { select: { village: true } } },
  });
  if (!found || !canSeeCase(actor, found.household.village.path))
    throw refused('body.caseNo', '辖区内没有这个案件 (no such case in your jurisdiction)');
  if (!isEnrolled(found.status))
    throw new HttpError(
      409,
      'NotEnrolled',
      '该案件不在保障中，不能启动复核或退出 (the case is not enrolled)',
    );
  const programme = programmeOf(found.programmeCode);
  if (programme.family !== 'dibao' && programme.family !== 'tekun')
    throw new HttpError(
      409,
      'WrongStep',
      `${programme.name}没有复核或退出 (no review or exit in this programme)`,
    );
  if (finding.consequence === 'FRAUD_EXIT' && actor.role !== FRAUD_EXIT_ROLE)
    throw new HttpError(403, 'forbidden', '骗取保障的认定须由县民政局作出 (county approver only)');
  // 特困's review is the care reassessment, which the township reports (ACTION_ROLES).
  if (
    programme.family === 'tekun' &&
    finding.consequence === 'REVIEW' &&
    !(ACTION_ROLES.reportCareChange as readonly string[]).includes(actor.role)
  )
    throw new HttpError(
      403,
      'forbidden',
      '特困人员的重新评估由乡镇登记，请转乡镇办理 (the township reports a 特困 reassessment)',
    );
  return programme.family;
}

/**
 * Applies a finding to its case through the programme's own paths, once per finding (the review
 * request's id and the exit Update's id come from the tip-off or the visit):
 * - 低保: a review asked for as by any other part of the system (the enrolment's `requestReview`
 *   signal, which queues the out-of-cycle review); a fraud exit through `requestExit` with reason
 *   `fraud`, whose notice states the overpayment that the payment roll then recovers.
 * - 特困: a review through `reportCareChange` (the support's reassessment); an exit through
 *   `requestExit` for income or assets over the limit, from the first day of the month named.
 */
export async function applyFinding(
  db: Database,
  temporal: Client,
  actor: Actor,
  finding: Finding,
): Promise<void> {
  const family = await checkFinding(db, actor, finding);
  if (family === null) return;
  const caseNo = finding.caseNo!;
  const requestId = findingRequestId(finding.source, finding.sourceRef);
  const reasons = findingReasons(finding.source, finding.sourceRef, finding.findings);
  const workflowId = enrolmentWorkflowId(caseNo);
  const update = (name: 'requestExit' | 'reportCareChange', payload: unknown) =>
    executeStaffUpdate(
      temporal,
      workflowId,
      programmeActions[name],
      { actor, payload },
      CASE_CLOSED,
      requestId,
    );
  if (family === 'dibao') {
    if (finding.consequence === 'REVIEW') {
      try {
        await temporal.workflow.getHandle(workflowId).signal(requestReviewSignal, {
          source: finding.source === 'TIP_OFF' ? 'tipOff' : 'randomCheck',
          reasons: reasons.slice(0, 2000),
          requestId,
        });
      } catch (error) {
        if ((error as Error)?.name === 'WorkflowNotFoundError')
          throw new HttpError(409, CASE_CLOSED.code, CASE_CLOSED.message);
        throw error;
      }
      return;
    }
    await update('requestExit', {
      reason: 'fraud',
      findings: reasons.slice(0, 2000),
      ineligibleFromMonth: finding.ineligibleFromMonth,
    });
    return;
  }
  if (finding.consequence === 'REVIEW') {
    await update('reportCareChange', { description: reasons.slice(0, 2000) });
    return;
  }
  await update('requestExit', {
    reason: 'incomeOrAssetsOverLimit',
    occurredOn: `${finding.ineligibleFromMonth}-01`,
    details: reasons.slice(0, 2000),
  });
}
