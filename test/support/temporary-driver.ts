import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { caseApplicationSchema, type CaseApplication } from '../../api/schemas/case-application';
import type { TemporaryCause, TemporaryPath } from '../../domain/temporary-assistance';
import type { Database } from '../../platform/database';
import { CaseDriver } from './case-driver';
import { idNumber, XIZHOU_VILLAGE } from './fixtures';

/**
 * A 临时救助 application as the API parses it: one person of 喜洲村 (rural standard 560) with a
 * path and a cause. The same `serial` is the same person, so the once-per-cause rule applies.
 */
export function temporaryApplication(
  person: { serial: number; name?: string },
  request: { path: TemporaryPath; cause: TemporaryCause; statedExpenseYuan?: number },
): CaseApplication {
  return caseApplicationSchema.parse({
    programme: 'TEMPORARY',
    villageId: XIZHOU_VILLAGE,
    address: '大理市喜洲镇喜洲村委会七社8号',
    channel: 'inPerson',
    dataCheckAuthorisationSigned: true,
    members: [
      {
        name: person.name ?? '李桂芬',
        idNumber: idNumber('1975-03-12', person.serial),
        relation: 'APPLICANT',
        labourCapacity: 'FULL',
        health: 'HEALTHY',
      },
    ],
    temporary: { ...request, circumstances: '住房失火，家具衣物全部烧毁，暂住亲戚家' },
  });
}

export const temporaryReport = (expenseYuan: number | null = null) => ({
  homeVisit: {
    visitedOn: '2026-11-30',
    visitors: ['赵乡镇经办', '段社工'],
    signedByVisitorsAndApplicant: true,
  },
  hardshipConfirmed: true,
  expenseYuan,
  findings: '经入户核实，困难情形属实，邻居证实',
});

/** Files a 临时救助 case (as the village assistant) and starts its workflow, as the API would. */
export async function fileTemporary(
  env: TestWorkflowEnvironment,
  db: Database,
  application: CaseApplication,
): Promise<CaseDriver> {
  return CaseDriver.file(env, db, application, null);
}
