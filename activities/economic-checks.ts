import { Prisma } from '@prisma/client';
import {
  CHECK_SOURCES,
  compileReport,
  declarationSchema,
  type CheckMember,
  type CheckSource,
  type MemberFinding,
} from '../domain/economic-check';
import { deadlineAfter } from '../domain/working-days';
import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import { loadCountyRules } from './county-rules';
import { deliverMailWhere } from './mail-delivery';
import { queueOverdueMail } from './verification-mail';

// 家庭经济状况核对: the check's requests to the bureaus, their overdue mail, and the report.

const mailKeyPrefix = (checkNo: string) => `economic-check/${checkNo}/`;

export interface OpenedRequest {
  source: CheckSource;
  requestNo: string;
  dueAt: string;
}

export function requestNumber(checkNo: string, source: CheckSource): string {
  return `${checkNo}-${CHECK_SOURCES[source].code}`;
}

/**
 * One request per bureau of the county, each due after the county's `economicCheckAnswer` limit
 * in force on the day the check was asked; a retry finds the rows written and answers the same.
 */
export async function openEconomicCheck(
  db: Database,
  { checkNo }: { checkNo: string },
): Promise<OpenedRequest[]> {
  const check = await db.economicCheck.findUniqueOrThrow({ where: { checkNo } });
  const { policy, calendar } = await loadCountyRules(db, check.countyId, check.requestedAt);
  const dueAt = deadlineAfter(check.requestedAt, policy.economicCheckAnswer, calendar);
  const sources = Object.keys(CHECK_SOURCES) as CheckSource[];
  const units = await db.orgUnit.findMany({
    where: {
      parentId: check.countyId,
      level: 'DEPARTMENT',
      department: { in: sources.map((s) => CHECK_SOURCES[s].department) },
    },
  });
  const data = sources.map((source) => {
    const unit = units.find((u) => u.department === CHECK_SOURCES[source].department);
    if (!unit) throw new Error(`county ${check.countyId} has no ${CHECK_SOURCES[source].department} unit`);
    return {
      requestNo: requestNumber(checkNo, source),
      checkId: check.id,
      source,
      unitId: unit.id,
      unitPath: unit.path,
      dueAt,
    };
  });
  await db.economicCheckRequest.createMany({ data, skipDuplicates: true });
  const rows = await db.economicCheckRequest.findMany({
    where: { checkId: check.id },
    orderBy: { requestNo: 'asc' },
  });
  return rows.map((r) => ({
    source: r.source as CheckSource,
    requestNo: r.requestNo,
    dueAt: r.dueAt.toISOString(),
  }));
}

/**
 * The request's deadline passed: unless the bureau has answered meanwhile (then it answers so),
 * the request is marked overdue and its bureau's staff reminded, the supervisors above the bureau
 * told, in one transaction; each mail keyed by request, deadline and person, so a retry queues
 * nothing twice.
 */
export async function markCheckRequestOverdue(
  db: Database,
  { requestNo, dueAt }: { requestNo: string; dueAt: string },
): Promise<{ answered: boolean }> {
  return db.$transaction(async (tx) => {
    const marked = await tx.economicCheckRequest.updateMany({
      where: { requestNo, status: 'PENDING' },
      data: { overdue: true, remindedAt: new Date() },
    });
    if (marked.count === 0) return { answered: true };
    const request = await tx.economicCheckRequest.findUniqueOrThrow({
      where: { requestNo },
      include: { check: { select: { checkNo: true } } },
    });
    await queueOverdueMail(tx, {
      keyPrefix: `${mailKeyPrefix(request.check.checkNo)}${requestNo}/`,
      dueAt,
      unitId: request.unitId,
      kindName: '家庭经济状况核对',
      reference: requestNo,
      subjects: { reminder: '【核对超期提醒】', escalation: '【督办】家庭经济状况核对超期' },
      templates: { reminder: 'mail/economic-check-reminder', escalation: 'mail/economic-check-escalation' },
      facts: { requestNo, sourceName: CHECK_SOURCES[request.source as CheckSource].name },
    });
    return { answered: false };
  });
}

/** Sends the check's queued mail (its reminders and escalations). */
export async function deliverEconomicCheckMail(
  db: Database,
  mailer: Mailer,
  { checkNo }: { checkNo: string },
) {
  return deliverMailWhere(db, mailer, Prisma.sql`"idempotencyKey" LIKE ${`${mailKeyPrefix(checkNo)}%`}`);
}

/** Every bureau has answered: the report is compiled and the check closed; a second write changes nothing. */
export async function compileEconomicCheck(db: Database, { checkNo }: { checkNo: string }) {
  const check = await db.economicCheck.findUniqueOrThrow({ where: { checkNo }, include: { requests: true } });
  if (check.status !== 'OPEN') return { mismatch: check.mismatch };
  const answers: Partial<Record<CheckSource, MemberFinding[]>> = {};
  for (const r of check.requests)
    answers[r.source as CheckSource] = (r.answers ?? []) as unknown as MemberFinding[];
  const report = compileReport(
    declarationSchema.parse(check.declared),
    check.members as unknown as CheckMember[],
    answers,
  );
  await db.economicCheck.updateMany({
    where: { checkNo, status: 'OPEN' },
    data: {
      status: 'REPORTED',
      report: report as unknown as Prisma.InputJsonValue,
      mismatch: report.mismatches > 0,
      reportedAt: new Date(),
    },
  });
  return { mismatch: report.mismatches > 0 };
}
