import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  maskedContact,
  mayReadReporter,
  publicAnswer,
  RECEIPT_PATTERN,
  receiptNumber,
  TIP_OFF_KINDS,
  TIP_OFF_STATUSES,
  type TipOffKind,
} from '../domain/tip-offs';
import type { Actor, StaffRole } from '../domain/staff-roles';
import { VERIFICATION_CONSEQUENCES, type VerificationConsequence } from '../domain/verification-findings';
import type { Database } from '../platform/database';
import { HttpError } from './http-error';
import { storableText } from './schemas/storable-text';
import { findingFields, refineFinding } from './verification-findings';

// 举报/投诉: what the public files and sees, and what staff see of the verification tasks.

/** An empty form field is a field not given. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const publicReportSchema = z
  .strictObject({
    kind: z.enum(['TIP_OFF', 'COMPLAINT'], { error: '请选择举报或投诉 (TIP_OFF or COMPLAINT)' }),
    villageId: optional(z.string().regex(/^\d{6,15}$/, '请选择村（社区） (a village code)')),
    caseNo: optional(storableText().max(40, '案件编号过长')),
    facts: storableText({ multiline: true })
      .min(10, '请写明反映的事实，至少 10 个字')
      .max(4000, '事实不超过 4000 字'),
    contactName: optional(storableText().max(50, '姓名过长')),
    contactPhone: optional(z.string().regex(/^[0-9+\- ]{5,20}$/, '电话号码只含数字、+、- 和空格')),
    challenge: z.string({ error: '缺少验证信息，请启用浏览器脚本 (challenge)' }).max(300),
    nonce: z.string({ error: '缺少计算结果 (nonce)' }).regex(/^[0-9a-z]{1,32}$/, '计算结果格式不对'),
  })
  .refine((b) => b.villageId !== undefined || b.caseNo !== undefined, {
    path: ['villageId'],
    message: '请选择村（社区）或填写案件编号 (a village or a case number)',
  });
export type PublicReport = z.infer<typeof publicReportSchema>;

export const receiptParamsSchema = z.strictObject({
  receiptNo: z.string().regex(RECEIPT_PATTERN, '受理编号为 16 位字母数字 (16 base32 characters)'),
});

export const tipOffListQuerySchema = z.strictObject({
  status: z.enum(['VERIFYING', 'SUBSTANTIATED', 'NOT_SUBSTANTIATED']).optional(),
});

/**
 * The verifier's outcome: 属实 or 不属实 with the published answer and the staff-only findings;
 * a founded one about an enrolled case also says what follows for it (api/verification-findings.ts):
 * nothing, an out-of-cycle review, or a fraud exit from the month named. An unfounded one has no
 * effect on the case.
 */
export const tipOffOutcomeSchema = z
  .strictObject({
    status: z.enum(['SUBSTANTIATED', 'NOT_SUBSTANTIATED'], { error: '请选择属实或不属实' }),
    outcomeText: storableText({ multiline: true }).min(2, '请填写答复内容').max(2000),
    findings: storableText({ multiline: true }).min(2, '请填写核查情况').max(4000),
    ...findingFields,
  })
  .superRefine((value, ctx) => {
    if (
      value.status === 'NOT_SUBSTANTIATED' &&
      value.consequence !== undefined &&
      value.consequence !== 'NONE'
    )
      ctx.addIssue({
        code: 'custom',
        path: ['consequence'],
        message: '不属实的举报对案件不作处理 (an unfounded report has no consequence)',
      });
    refineFinding(value, ctx);
  });
export type TipOffOutcomeInput = z.infer<typeof tipOffOutcomeSchema>;

/** Who sees the verification inbox: the verifying units and those who supervise them. */
export const TIP_OFF_READERS: readonly StaffRole[] = ['TOWNSHIP_OFFICER', 'COUNTY_APPROVER', 'SUPERVISOR'];
/** Who records the outcome: the verifying unit's officer (township) or approver (county). */
export const TIP_OFF_VERIFIERS: readonly StaffRole[] = ['TOWNSHIP_OFFICER', 'COUNTY_APPROVER'];

const refused = (field: string, message: string, status = 422) =>
  new HttpError(status, 'invalid_input', `${field}: ${message}`, [{ field, message }]);

/** Where a report goes: a tip-off to the township, a complaint to the county. */
async function routeOf(db: Database, report: PublicReport) {
  let villageId: string | null = null;
  let townshipId: string;
  let countyId: string;
  let caseNo: string | null = null;
  if (report.caseNo !== undefined) {
    const found = await db.case.findUnique({
      where: { caseNo: report.caseNo },
      select: { caseNo: true, villageId: true, townshipId: true, countyId: true },
    });
    if (!found) throw refused('body.caseNo', '未找到该案件编号，请核对或改选村（社区）');
    ({ villageId, townshipId, countyId, caseNo } = found);
  } else {
    const village = await db.orgUnit.findUnique({
      where: { id: report.villageId! },
      include: { parent: true },
    });
    if (!village || village.level !== 'VILLAGE' || !village.parent?.parentId)
      throw refused('body.villageId', '没有这个村（社区）');
    villageId = village.id;
    townshipId = village.parent.id;
    countyId = village.parent.parentId;
  }
  const assigneeUnitId = TIP_OFF_KINDS[report.kind].verifiedBy === 'TOWNSHIP' ? townshipId : countyId;
  const assignee = await db.orgUnit.findUniqueOrThrow({ where: { id: assigneeUnitId } });
  return { villageId, countyId, caseNo, assigneeUnitId, assigneePath: assignee.path };
}

/** Files a report (its challenge already spent): the row with a fresh random receipt number. */
export async function fileReport(db: Database, report: PublicReport): Promise<{ receiptNo: string }> {
  const route = await routeOf(db, report);
  const row = await db.tipOff.create({
    data: {
      receiptNo: receiptNumber(randomBytes(10)),
      kind: report.kind,
      ...route,
      facts: report.facts,
      contactName: report.contactName ?? null,
      contactPhone: report.contactPhone ?? null,
    },
  });
  return { receiptNo: row.receiptNo };
}

/** The answer page's content: status and outcome only; an unknown receipt answers 404. */
export async function answerFor(db: Database, receiptNo: string) {
  const row = await db.tipOff.findUnique({
    where: { receiptNo },
    select: { status: true, outcomeText: true },
  });
  if (!row) throw new HttpError(404, 'not_found', '没有这个受理编号 (no such receipt)');
  return { receiptNo, ...publicAnswer(row) };
}

export function requireTipOffReader(actor: Actor): void {
  if (!TIP_OFF_READERS.includes(actor.role))
    throw new HttpError(403, 'forbidden', '无权查看举报投诉核查 (not a reader of tip-offs)');
}

type Row = Awaited<ReturnType<Database['tipOff']['findMany']>>[number];

async function countyPaths(db: Database, rows: Row[]) {
  const ids = [...new Set(rows.map((r) => r.countyId))];
  const units = await db.orgUnit.findMany({ where: { id: { in: ids } }, select: { id: true, path: true } });
  return new Map(units.map((u) => [u.id, u.path]));
}

/** A task as staff see it: the reporter's contact only for the county's supervisors, masked else. */
function staffView(
  actor: Actor,
  row: Row,
  countyPath: string,
  unitName: string | undefined,
  finding: FindingRow | undefined,
) {
  const reporterVisible = mayReadReporter(actor, { countyPath });
  return {
    receiptNo: row.receiptNo,
    kind: row.kind as TipOffKind,
    kindName: TIP_OFF_KINDS[row.kind as TipOffKind].name,
    status: row.status,
    statusName: TIP_OFF_STATUSES[row.status].name,
    caseNo: row.caseNo,
    villageId: row.villageId,
    countyId: row.countyId,
    assigneeUnitId: row.assigneeUnitId,
    assigneeUnitName: unitName ?? null,
    facts: row.facts,
    reporterVisible,
    contactName: reporterVisible ? row.contactName : row.contactName === null ? null : '***',
    contactPhone: reporterVisible ? row.contactPhone : maskedContact(row.contactPhone),
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: row.overdue,
    outcomeText: row.outcomeText,
    findings: row.findings,
    closedAt: row.closedAt?.toISOString() ?? null,
    /** What followed for the case once closed: nothing, a review or a fraud exit. */
    consequence: finding?.consequence ?? null,
    consequenceName: finding ? VERIFICATION_CONSEQUENCES[finding.consequence].name : null,
    ineligibleFromMonth: finding?.ineligibleFromMonth ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
export type TipOffStaffView = ReturnType<typeof staffView>;

type FindingRow = {
  sourceRef: string;
  consequence: VerificationConsequence;
  ineligibleFromMonth: string | null;
};

async function findingsOf(db: Database, rows: Row[]): Promise<Map<string, FindingRow>> {
  const found = await db.verificationFinding.findMany({
    where: { source: 'TIP_OFF', sourceRef: { in: rows.map((r) => r.receiptNo) } },
    select: { sourceRef: true, consequence: true, ineligibleFromMonth: true },
  });
  return new Map(found.map((f) => [f.sourceRef, f]));
}

async function unitNames(db: Database, rows: Row[]) {
  const ids = [...new Set(rows.map((r) => r.assigneeUnitId))];
  const units = await db.orgUnit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(units.map((u) => [u.id, u.name]));
}

/** The inbox: tasks verified by the reader's unit or below, open ones first by due date. */
export async function listTipOffs(
  db: Database,
  actor: Actor,
  query: z.infer<typeof tipOffListQuerySchema>,
): Promise<{ items: TipOffStaffView[] }> {
  requireTipOffReader(actor);
  const rows = await db.tipOff.findMany({
    where: { assigneePath: { startsWith: actor.unitPath }, ...(query.status && { status: query.status }) },
    orderBy: [{ status: 'asc' }, { dueAt: 'asc' }, { createdAt: 'asc' }],
    take: 200,
  });
  const [paths, names, findings] = await Promise.all([
    countyPaths(db, rows),
    unitNames(db, rows),
    findingsOf(db, rows),
  ]);
  return {
    items: rows.map((r) =>
      staffView(
        actor,
        r,
        paths.get(r.countyId) ?? '',
        names.get(r.assigneeUnitId),
        findings.get(r.receiptNo),
      ),
    ),
  };
}

/** One task, within the reader's jurisdiction, else 404 (its existence not told). */
export async function tipOffFor(db: Database, actor: Actor, receiptNo: string): Promise<TipOffStaffView> {
  requireTipOffReader(actor);
  const row = await db.tipOff.findUnique({ where: { receiptNo } });
  if (!row || !row.assigneePath.startsWith(actor.unitPath))
    throw new HttpError(404, 'not_found', '没有这个举报投诉 (no such report in your jurisdiction)');
  const [paths, names, findings] = await Promise.all([
    countyPaths(db, [row]),
    unitNames(db, [row]),
    findingsOf(db, [row]),
  ]);
  return staffView(
    actor,
    row,
    paths.get(row.countyId) ?? '',
    names.get(row.assigneeUnitId),
    findings.get(receiptNo),
  );
}

/**
 * Only the verifying unit's own officer or approver records the outcome, or the county's approver
 * (who alone may decide a fraud exit) for a tip-off its township verified.
 */
export function mayRecordOutcome(actor: Actor, task: Pick<TipOffStaffView, 'assigneeUnitId' | 'countyId'>) {
  const ownUnit = TIP_OFF_VERIFIERS.includes(actor.role) && actor.unitId === task.assigneeUnitId;
  const county = actor.role === 'COUNTY_APPROVER' && actor.unitId === task.countyId;
  return ownUnit || county;
}

export function requireVerifier(actor: Actor, task: TipOffStaffView): void {
  if (!mayRecordOutcome(actor, task))
    throw new HttpError(403, 'forbidden', '只有承办单位可以登记核查结果 (only the verifying unit)');
  if (task.status !== 'VERIFYING') throw new HttpError(409, 'WrongStep', '核查已办结 (already closed)');
}
