import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { drawQuarter, rerunDraw, startVisitWorkflows } from '../activities/random-checks';
import { QUARTER_PATTERN, quarterOfLocalDate } from '../domain/random-checks';
import type { Actor, StaffRole } from '../domain/staff-roles';
import { VERIFICATION_CONSEQUENCES } from '../domain/verification-findings';
import { localDateOf } from '../domain/working-days';
import type { Database } from '../platform/database';
import { HttpError } from './http-error';
import { storableText } from './schemas/storable-text';
import { findingFields, refineFinding } from './verification-findings';

// 随机抽查: the quarterly draws a county's approver and the supervisors above it read, re-run and act on.

/** Who reads the draws and their visits: the county's approver and the supervisors above it. */
export const RANDOM_CHECK_READERS: readonly StaffRole[] = ['COUNTY_APPROVER', 'SUPERVISOR'];
/** Who draws by hand and records a visit's finding: the county's approver (the county visits). */
export const RANDOM_CHECK_VERIFIERS: readonly StaffRole[] = ['COUNTY_APPROVER'];

const quarter = z.string().regex(QUARTER_PATTERN, '季度格式应为 YYYY-Qn，如 2026-Q4');
const uuid = (what: string) => z.uuid(`${what}编号格式不对 (not an id)`);

export const randomCheckListQuerySchema = z.strictObject({ quarter: quarter.optional() });
export const drawParamsSchema = z.strictObject({ drawId: uuid('抽查') });
export const visitParamsSchema = z.strictObject({ visitId: uuid('核查') });

/** A draw by hand (the Schedule draws on the first day of each quarter): this quarter by default. */
export const drawRequestSchema = z.strictObject({
  countyId: z
    .string()
    .regex(/^\d{6}$/, '县（市）代码为 6 位数字')
    .optional(),
  quarter: quarter.optional(),
});

/** A visit's finding: no issue, an out-of-cycle review, or a fraud exit from the month named. */
export const visitFindingSchema = z
  .strictObject({
    consequence: z.enum(['NONE', 'REVIEW', 'FRAUD_EXIT'], {
      error: '请选择处理方式 (NONE, REVIEW or FRAUD_EXIT)',
    }),
    findings: storableText({ multiline: true }).min(2, '请填写核查情况').max(4000),
    ineligibleFromMonth: findingFields.ineligibleFromMonth,
  })
  .superRefine(refineFinding);

export function requireRandomCheckReader(actor: Actor): void {
  if (!RANDOM_CHECK_READERS.includes(actor.role))
    throw new HttpError(403, 'forbidden', '无权查看随机抽查 (county approvers and supervisors only)');
}

const notFound = () =>
  new HttpError(404, 'not_found', '辖区内没有这次抽查 (no such draw in your jurisdiction)');

type DrawRow = NonNullable<Awaited<ReturnType<Database['randomCheckDraw']['findUnique']>>>;

function drawSummary(draw: DrawRow, countyName: string | undefined) {
  const candidates = draw.candidates as unknown[];
  const drawn = draw.drawnCaseNos as string[];
  return {
    drawId: draw.id,
    countyId: draw.countyId,
    countyName: countyName ?? null,
    quarter: draw.quarter,
    seed: draw.seed,
    share: Number(draw.share),
    candidateCount: candidates.length,
    candidatesHash: draw.candidatesHash,
    drawnCount: drawn.length,
    drawnBy: draw.drawnBy,
    drawnAt: draw.drawnAt.toISOString(),
  };
}

async function countyNames(db: Database, ids: string[]) {
  const units = await db.orgUnit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(units.map((u) => [u.id, u.name]));
}

/** The draws in the reader's jurisdiction, newest quarter first. */
export async function listDraws(
  db: Database,
  actor: Actor,
  query: z.infer<typeof randomCheckListQuerySchema>,
) {
  requireRandomCheckReader(actor);
  const draws = await db.randomCheckDraw.findMany({
    where: { countyPath: { startsWith: actor.unitPath }, ...(query.quarter && { quarter: query.quarter }) },
    orderBy: [{ quarter: 'desc' }, { countyId: 'asc' }],
    take: 200,
  });
  const names = await countyNames(
    db,
    draws.map((d) => d.countyId),
  );
  return { items: draws.map((d) => drawSummary(d, names.get(d.countyId))) };
}

async function visibleDraw(db: Database, actor: Actor, drawId: string) {
  requireRandomCheckReader(actor);
  const draw = await db.randomCheckDraw.findUnique({ where: { id: drawId } });
  if (!draw || !draw.countyPath.startsWith(actor.unitPath)) throw notFound();
  return draw;
}

/** One draw with its visits: the case, its township, the deadline and the finding. */
export async function drawFor(db: Database, actor: Actor, drawId: string) {
  const draw = await visibleDraw(db, actor, drawId);
  const visits = await db.randomCheckVisit.findMany({ where: { drawId }, orderBy: { createdAt: 'asc' } });
  const order = new Map((draw.drawnCaseNos as string[]).map((c, i) => [c, i]));
  visits.sort((a, b) => (order.get(a.caseNo) ?? 0) - (order.get(b.caseNo) ?? 0));
  const names = await countyNames(db, [draw.countyId, ...visits.map((v) => v.townshipId)]);
  return {
    ...drawSummary(draw, names.get(draw.countyId)),
    visits: visits.map((v) => ({
      visitId: v.id,
      caseNo: v.caseNo,
      townshipId: v.townshipId,
      townshipName: names.get(v.townshipId) ?? null,
      status: v.status,
      statusName: v.status === 'CHECKING' ? '核查中' : '已核查',
      consequence: v.consequence,
      consequenceName: v.consequence ? VERIFICATION_CONSEQUENCES[v.consequence].name : null,
      findings: v.findings,
      dueAt: v.dueAt?.toISOString() ?? null,
      overdue: v.overdue,
      closedBy: v.closedBy,
      closedAt: v.closedAt?.toISOString() ?? null,
    })),
  };
}

/** The draw recomputed from its recorded seed, share and candidates, and compared. */
export async function rerunFor(db: Database, actor: Actor, drawId: string) {
  await visibleDraw(db, actor, drawId);
  return rerunDraw(db, drawId);
}

export function requireDrawer(actor: Actor): void {
  if (!RANDOM_CHECK_VERIFIERS.includes(actor.role))
    throw new HttpError(403, 'forbidden', '只有县民政局可以抽取 (county approvers only)');
}

/** A draw by hand: the county's approver, for their county, once per quarter. */
export async function drawByHand(
  db: Database,
  temporal: Client,
  taskQueue: string,
  actor: Actor,
  body: z.infer<typeof drawRequestSchema>,
) {
  requireDrawer(actor);
  const countyId = body.countyId ?? actor.unitId;
  if (countyId !== actor.unitId)
    throw new HttpError(403, 'forbidden', '只能抽取本县（市）的案件 (your own county only)');
  const county = await db.orgUnit.findUnique({ where: { id: countyId } });
  if (!county || county.level !== 'COUNTY')
    throw new HttpError(422, 'invalid_input', 'body.countyId: 不是县（市）', [
      { field: 'body.countyId', message: '不是县（市）' },
    ]);
  const drawn = await drawQuarter(db, {
    countyId,
    quarter: body.quarter ?? quarterOfLocalDate(localDateOf(Date.now())),
    drawnBy: actor.username,
  });
  await startVisitWorkflows(temporal, taskQueue, drawn.visitIds);
  return { created: drawn.created, draw: await drawFor(db, actor, drawn.drawId) };
}

/** One visit, within the reader's jurisdiction; only the county's approver records its finding. */
export async function visitForVerifier(db: Database, actor: Actor, visitId: string) {
  requireRandomCheckReader(actor);
  const visit = await db.randomCheckVisit.findUnique({ where: { id: visitId } });
  if (!visit || !visit.assigneePath.startsWith(actor.unitPath))
    throw new HttpError(404, 'not_found', '辖区内没有这次核查 (no such visit in your jurisdiction)');
  if (!RANDOM_CHECK_VERIFIERS.includes(actor.role) || actor.unitId !== visit.assigneeUnitId)
    throw new HttpError(403, 'forbidden', '只有承办的县民政局可以登记核查结果 (the county approver only)');
  if (visit.status !== 'CHECKING') throw new HttpError(409, 'WrongStep', '核查已办结 (already closed)');
  return visit;
}
