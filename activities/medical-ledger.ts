import type { Prisma } from '@prisma/client';
import {
  computeMedicalAssistance,
  EMPTY_MEDICAL_YEAR,
  settleAdvance,
  type MedicalAssistanceComputed,
  type MedicalAssistanceTerms,
  type MedicalBills,
  type MedicalCategory,
  type MedicalYearState,
} from '../domain/medical-assistance';
import type { Database } from '../platform/database';

type Tx = Prisma.TransactionClient;

/**
 * 医疗救助's per-person-year ledger: every claim and advance of a person in a year counts
 * against one row, locked for the length of the write, so claims racing for the same person
 * are computed one after the other against what the previous one left; the update itself
 * carries the cap as its condition. Each grant is written once per (case, stage): a retried
 * activity answers the entry already written and changes nothing.
 */

export interface MedicalGrantInput {
  caseId: string;
  category: MedicalCategory;
  terms: MedicalAssistanceTerms;
  bills: Pick<MedicalBills, 'selfPaidYuan' | 'outsideListYuan'>;
  /** The year the claim counts against (the prefecture's calendar year of the decision). */
  year: number;
}

export interface MedicalGrant extends MedicalAssistanceComputed {
  year: number;
  /** Settlement only: paid on top of the advance, or to be recovered 追回. */
  topUpFen: number;
  recoverFen: number;
  /** The advance a settlement settled. */
  advanceFen: number;
}

type Stage = 'claim' | 'advance' | 'settlement';

/** The patient: the case's applicant. */
async function patientIdNumber(tx: Tx | Database, caseId: string): Promise<string> {
  const found = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      household: { select: { members: { where: { relation: 'APPLICANT' }, select: { idNumber: true } } } },
    },
  });
  const applicant = found.household.members[0];
  if (!applicant) throw new Error(`case ${caseId} has no applicant`);
  return applicant.idNumber;
}

interface YearRow {
  paidFen: bigint;
  reservedFen: bigint;
  deductibleUsedFen: bigint;
}

const stateOf = (row: YearRow | undefined): MedicalYearState =>
  row
    ? {
        paidFen: Number(row.paidFen),
        reservedFen: Number(row.reservedFen),
        deductibleUsedFen: Number(row.deductibleUsedFen),
      }
    : EMPTY_MEDICAL_YEAR;

/** The person's year, locked until the transaction ends (the row is made first when new). */
async function lockYear(tx: Tx, idNumber: string, year: number): Promise<MedicalYearState> {
  await tx.$executeRaw`
    INSERT INTO "MedicalAssistanceYear" ("idNumber", "year") VALUES (${idNumber}, ${year}::int)
    ON CONFLICT DO NOTHING`;
  const rows = await tx.$queryRaw<YearRow[]>`
    SELECT "paidFen", "reservedFen", "deductibleUsedFen" FROM "MedicalAssistanceYear"
    WHERE "idNumber" = ${idNumber} AND "year" = ${year}::int FOR UPDATE`;
  return stateOf(rows[0]);
}

/** Moves the year by the given amounts, only while paid + reserved stays within the cap. */
async function moveYear(
  tx: Tx,
  key: { idNumber: string; year: number },
  by: { paidFen: number; reservedFen: number; deductibleFen: number },
  capFen: number,
): Promise<void> {
  const grows = by.paidFen + by.reservedFen;
  const changed = await tx.$executeRaw`
    UPDATE "MedicalAssistanceYear" SET
      "paidFen" = "paidFen" + ${by.paidFen}::bigint,
      "reservedFen" = "reservedFen" + ${by.reservedFen}::bigint,
      "deductibleUsedFen" = "deductibleUsedFen" + ${by.deductibleFen}::bigint,
      "updatedAt" = now()
    WHERE "idNumber" = ${key.idNumber} AND "year" = ${key.year}::int
      AND ("paidFen" + "reservedFen" + ${grows}::bigint <= ${capFen}::bigint OR ${grows}::bigint <= 0)`;
  if (changed !== 1) throw new Error(`medical assistance for ${key.year} would pass the yearly cap`);
}

function grantOf(
  entry: {
    year: number;
    eligibleFen: bigint;
    deductibleAppliedFen: bigint;
    computedFen: bigint;
    amountFen: bigint;
    capLeftFen: bigint;
    topUpFen: bigint;
    recoverFen: bigint;
  },
  advanceFen = 0,
): MedicalGrant {
  const amountFen = Number(entry.amountFen);
  const beforeCapFen = Number(entry.computedFen);
  return {
    year: entry.year,
    eligibleFen: Number(entry.eligibleFen),
    deductibleAppliedFen: Number(entry.deductibleAppliedFen),
    beforeCapFen,
    capLeftFen: Number(entry.capLeftFen),
    amountFen,
    capped: amountFen < beforeCapFen,
    topUpFen: Number(entry.topUpFen),
    recoverFen: Number(entry.recoverFen),
    advanceFen,
  };
}

async function entryOf(tx: Tx | Database, caseId: string, stage: Stage) {
  return tx.medicalAssistanceEntry.findUnique({ where: { caseId_stage: { caseId, stage } } });
}

/** What the claim would earn on the person's year as it stands now (read only: the township's check). */
export async function previewMedicalAssistance(
  db: Database,
  input: MedicalGrantInput,
): Promise<MedicalAssistanceComputed> {
  const idNumber = await patientIdNumber(db, input.caseId);
  const row = await db.medicalAssistanceYear.findUnique({
    where: { idNumber_year: { idNumber, year: input.year } },
  });
  return computeMedicalAssistance(input.terms, input.bills, stateOf(row ?? undefined));
}

/**
 * 县级审批 approved: the claim's assistance paid (stage `claim`), or an advance paid ahead and
 * reserved against the cap (stage `advance`), computed on the locked year and written with it.
 */
export async function grantMedicalAssistance(
  db: Database,
  input: MedicalGrantInput & { stage: 'claim' | 'advance' },
): Promise<MedicalGrant> {
  return db.$transaction(async (tx) => {
    const done = await entryOf(tx, input.caseId, input.stage);
    if (done) return grantOf(done);
    const idNumber = await patientIdNumber(tx, input.caseId);
    const year = await lockYear(tx, idNumber, input.year);
    const computed = computeMedicalAssistance(input.terms, input.bills, year);
    await moveYear(
      tx,
      { idNumber, year: input.year },
      {
        paidFen: input.stage === 'claim' ? computed.amountFen : 0,
        reservedFen: input.stage === 'advance' ? computed.amountFen : 0,
        deductibleFen: computed.deductibleAppliedFen,
      },
      input.terms.yearlyCapFen,
    );
    const entry = await tx.medicalAssistanceEntry.create({
      data: {
        caseId: input.caseId,
        stage: input.stage,
        idNumber,
        year: input.year,
        category: input.category,
        eligibleFen: computed.eligibleFen,
        deductibleAppliedFen: computed.deductibleAppliedFen,
        computedFen: computed.beforeCapFen,
        amountFen: computed.amountFen,
        capLeftFen: computed.capLeftFen,
      },
    });
    return grantOf(entry);
  });
}

/**
 * 事前救助结算: the final bills replace the estimate. The advance's reservation (and the
 * deductible it used) is released and the final amount counted as paid, in one write; the
 * difference is paid on top or recovered.
 */
export async function settleMedicalAdvance(
  db: Database,
  input: Omit<MedicalGrantInput, 'year'>,
): Promise<MedicalGrant> {
  return db.$transaction(async (tx) => {
    const advance = await entryOf(tx, input.caseId, 'advance');
    if (!advance) throw new Error(`case ${input.caseId} has no advance to settle`);
    const advanceFen = Number(advance.amountFen);
    const done = await entryOf(tx, input.caseId, 'settlement');
    if (done) return grantOf(done, advanceFen);
    const year = await lockYear(tx, advance.idNumber, advance.year);
    const released = { amountFen: advanceFen, deductibleFen: Number(advance.deductibleAppliedFen) };
    const computed = computeMedicalAssistance(input.terms, input.bills, year, released);
    const { topUpFen, recoverFen } = settleAdvance(advanceFen, computed.amountFen);
    await moveYear(
      tx,
      { idNumber: advance.idNumber, year: advance.year },
      {
        paidFen: computed.amountFen,
        reservedFen: -advanceFen,
        deductibleFen: computed.deductibleAppliedFen - released.deductibleFen,
      },
      input.terms.yearlyCapFen,
    );
    const entry = await tx.medicalAssistanceEntry.create({
      data: {
        caseId: input.caseId,
        stage: 'settlement',
        idNumber: advance.idNumber,
        year: advance.year,
        category: input.category,
        eligibleFen: computed.eligibleFen,
        deductibleAppliedFen: computed.deductibleAppliedFen,
        computedFen: computed.beforeCapFen,
        amountFen: computed.amountFen,
        capLeftFen: computed.capLeftFen,
        topUpFen,
        recoverFen,
      },
    });
    return grantOf(entry, advanceFen);
  });
}
