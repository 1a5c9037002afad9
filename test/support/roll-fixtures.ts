import { randomUUID } from 'node:crypto';
import type { ProgrammeCode } from '../../domain/programmes';
import type { Database } from '../../platform/database';
import { idNumber } from './fixtures';

/** 大理市 and two of its townships, as seeded. */
export const DALI = '532901';
export const XIZHOU = '532901003';
export const DALIZHEN = '532901002';

export interface RollHousehold {
  householdId: string;
  name: string;
  idNumber: string;
}

let serial = 700;

/**
 * A household of one with a case in a programme, written straight into the read model as an
 * enrolment leaves it (the roll reads only rows: programmes write them, not the roll).
 */
export async function rollHousehold(
  db: Database,
  { name, townshipId = XIZHOU, account = true }: { name: string; townshipId?: string; account?: boolean },
): Promise<RollHousehold> {
  const village = await db.orgUnit.findFirstOrThrow({
    where: { parentId: townshipId },
    orderBy: { id: 'asc' },
  });
  const id = idNumber('1960-05-01', (serial += 2));
  const household = await db.household.create({
    data: {
      countyId: townshipId.slice(0, 6),
      townshipId,
      villageId: village.id,
      address: `${village.name}1号`,
    },
  });
  await db.householdMember.create({
    data: {
      householdId: household.id,
      name,
      idNumber: id,
      relation: 'APPLICANT',
      birthDate: new Date('1960-05-01'),
      sex: 'M',
      labourCapacity: 'NONE',
      health: 'HEALTHY',
    },
  });
  if (account)
    await db.householdBankAccount.create({
      data: {
        householdId: household.id,
        holderName: name,
        bankName: '大理农商银行',
        accountNo: `6230${id.slice(6, 18)}`,
      },
    });
  return { householdId: household.id, name, idNumber: id };
}

/** A case of the household in a programme (status as its procedure leaves it). */
export async function rollCase(
  db: Database,
  h: RollHousehold,
  programmeCode: ProgrammeCode,
  status = 'ENROLLED',
): Promise<string> {
  const household = await db.household.findUniqueOrThrow({ where: { id: h.householdId } });
  const caseNo = `ROLL-${randomUUID().slice(0, 12)}`;
  const row = await db.case.create({
    data: {
      caseNo,
      programmeCode,
      householdId: h.householdId,
      countyId: household.countyId,
      townshipId: household.townshipId,
      villageId: household.villageId,
      applicantName: h.name,
      status,
      workflowId: `case-${caseNo}`,
    },
  });
  return row.id;
}

/** A month on the roster, as `recordBenefitPayment` writes it. */
export async function pay(db: Database, caseId: string, month: string, amountYuan: number): Promise<void> {
  await db.benefitPayment.create({ data: { caseId, month, amountYuan } });
}

/** A fraud exit's notice event with the overpayment it states (workflows/enrolment-exit.ts). */
export async function fraudExit(
  db: Database,
  caseId: string,
  overpayment: { fromMonth: string; months: string[]; totalYuan: number },
): Promise<void> {
  await db.caseEvent.create({
    data: {
      caseId,
      seq: 1,
      type: 'exitNotified',
      decision: 'fraud',
      payload: { reason: 'fraud', stopMonth: null, overpayment },
      idempotencyKey: `fraud-${caseId}`,
    },
  });
}

/** A budget line with an allocation. */
export async function budget(
  db: Database,
  programmeCode: ProgrammeCode,
  allocatedYuan: number,
  source: 'HIGHER_TRANSFER' | 'COUNTY_BUDGET' = 'HIGHER_TRANSFER',
  year = 2027,
): Promise<string> {
  const line = await db.fundBudgetLine.create({
    data: { countyId: DALI, year, programmeCode, source, allocatedYuan },
  });
  return line.id;
}

let eventSerial = 0;
/** A 低保 case applied for on `appliedOn` (UTC+8 noon), and its events on their days, as the ledger leaves them. */
export async function reportCase(
  db: Database,
  name: string,
  townshipId: string,
  appliedOn: string,
  events: { type: string; decision?: string; reasons?: string; on: string }[],
) {
  const h = await rollHousehold(db, { name, townshipId });
  const caseId = await rollCase(db, h, 'DIBAO_RURAL', 'SUBMITTED');
  await db.case.update({
    where: { id: caseId },
    data: { appliedAt: new Date(`${appliedOn}T12:00:00+08:00`) },
  });
  for (const e of events) {
    eventSerial += 1;
    await db.caseEvent.create({
      data: {
        caseId,
        seq: eventSerial,
        type: e.type,
        decision: e.decision ?? null,
        reasons: e.reasons ?? null,
        occurredAt: new Date(`${e.on}T12:00:00+08:00`),
        idempotencyKey: `report-case-${eventSerial}`,
      },
    });
  }
}
