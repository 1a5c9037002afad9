import { Context, ApplicationFailure } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { fileApplication } from '../api/case-intake';
import { startCaseWorkflow } from '../api/case-workflows';
import { HttpError } from '../api/http-error';
import { caseApplicationSchema } from '../api/schemas/case-application';
import type { ReturnHomeCaseRequest } from '../domain/referral-decisions';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { appendCaseEventOnce } from './case-records';

export interface ReturnHomeCaseInput {
  referralNo: string;
  /** The 流浪乞讨人员救助 case whose exit referred the person home. */
  vagrantCaseId: string;
  /** The receiving township: the new case's village must lie in it. */
  townshipId: string;
  /** The township officer completing the referral: the application's filer. */
  actor: Actor;
  request: ReturnHomeCaseRequest;
}

export interface ReturnHomeCase {
  caseId: string;
  caseNo: string;
}

/** The case a returning person's referral opens is keyed by the referral: a retry finds it, never a second. */
export const returnHomeCaseKey = (referralNo: string) => `referral/${referralNo}/case`;

/** The request's own field for an intake field, so a refusal names what the officer filled in. */
const REQUEST_FIELD: Record<string, string> = {
  'members.0.idNumber': 'idNumber',
  'members.0.name': 'name',
  villageId: 'villageId',
  address: 'address',
  phone: 'phone',
};

/** A refusal the officer can fix: the Update fails with it (422 or 409), nothing is written. */
function refusal(type: 'InvalidPayload' | 'WrongStep', message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/**
 * 返乡转介 办结 by opening a case: files a 低保, 特困 or 临时救助 application for the person the
 * rescue station referred home, through the shared intake — the person's name and ID number
 * from the station's record where it has them (the officer supplies what it lacks), the
 * village and address the officer chose in the own township — notes the referral in the new
 * case's log (its page shows where it came from), and starts its workflow. Once per referral:
 * the case's idempotency key is the referral's, so a retried activity finds the case it made.
 * A request the intake refuses (no ID number known, a village of another township, the person
 * already holding an open case of the programme) fails without retry, naming the field.
 */
export async function openCaseForReturnHome(
  db: Database,
  temporal: Client,
  input: ReturnHomeCaseInput,
): Promise<ReturnHomeCase> {
  const key = returnHomeCaseKey(input.referralNo);
  const { request } = input;
  let found = await db.case.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
  if (!found) {
    const [stay, township, village] = await Promise.all([
      db.vagrantStay.findUniqueOrThrow({ where: { caseId: input.vagrantCaseId } }),
      db.orgUnit.findUniqueOrThrow({ where: { id: input.townshipId }, select: { path: true, name: true } }),
      db.orgUnit.findUnique({ where: { id: request.villageId }, select: { path: true, level: true } }),
    ]);
    if (!village || village.level !== 'VILLAGE' || !village.path.startsWith(township.path)) {
      refusal('InvalidPayload', `villageId: ${request.villageId} 不是${township.name}的村（社区）`);
    }
    const name = stay.personName ?? request.name;
    const idNumber = stay.idNumber ?? request.idNumber;
    if (!name) refusal('InvalidPayload', 'name: 救助站未登记姓名，请填写受助人员姓名');
    if (!idNumber) refusal('InvalidPayload', 'idNumber: 救助站未登记身份证号码，请填写核实后的身份证号码');
    const parsed = caseApplicationSchema.safeParse({
      programme: request.programme,
      villageId: request.villageId,
      address: request.address,
      ...(request.phone && { phone: request.phone }),
      // Home again, the person applies at the township, which files it from the station's referral.
      channel: 'inPerson',
      dataCheckAuthorisationSigned: true,
      members: [
        {
          name,
          idNumber,
          relation: 'APPLICANT',
          labourCapacity: request.labourCapacity,
          health: request.health,
        },
      ],
      ...(request.temporary && { temporary: request.temporary }),
    });
    if (!parsed.success) {
      refusal(
        'InvalidPayload',
        parsed.error.issues
          .map((i) => {
            const path = i.path.join('.');
            return `${REQUEST_FIELD[path] ?? path}: ${i.message}`;
          })
          .join('; '),
      );
    }
    try {
      found = { id: (await fileApplication(db, input.actor, parsed.data, key)).caseId };
    } catch (error) {
      if (error instanceof HttpError && error.status < 500) {
        refusal(error.status === 409 ? 'WrongStep' : 'InvalidPayload', error.message);
      }
      throw error;
    }
  }
  const opened = await db.case.findUniqueOrThrow({
    where: { id: found.id },
    select: { id: true, caseNo: true, workflowStartedAt: true },
  });
  await appendCaseEventOnce(db, opened.id, `${key}/event`, {
    type: 'openedFromReferral',
    step: null,
    actor: input.actor,
    reasons: `由救助管理站返乡转介 ${input.referralNo} 开立`,
    payload: { fromReferralNo: input.referralNo, ...(request.note && { note: request.note }) },
  });
  if (!opened.workflowStartedAt) {
    await startCaseWorkflow(db, temporal, Context.current().info.taskQueue, opened.id);
  }
  return { caseId: opened.id, caseNo: opened.caseNo };
}
