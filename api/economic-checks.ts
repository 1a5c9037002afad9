import { Prisma } from '@prisma/client';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { HUMAN_STEPS, type HumanStepName } from '../domain/case-steps';
import {
  CHECK_SOURCES,
  declarationSchema,
  FINDING_FIELDS,
  findingSchemaOf,
  withCheckedFigures,
  withCheckedTekunFigures,
  type CheckedFigures,
  type CheckReport,
  type CheckSource,
  type InvestigationFigures,
  type MemberFinding,
} from '../domain/economic-check';
import { maskIdCard } from '../domain/id-card';
import { CASE_NO_PATTERN, isCaseNo, programmeOf } from '../domain/programmes';
import { canSeeCase, type Actor, type StaffRole } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import {
  checkRequestAnsweredSignal,
  economicCheck,
  economicCheckWorkflowId,
} from '../workflows/economic-check';
import { sheetRows, type RowProblem } from './bank-files';
import { audit } from './audit';
import { HttpError } from './http-error';
import { storableText } from './schemas/storable-text';

// 家庭经济状况核对: who asks, who answers and who reads; the answers by form and by file; the gate
// the case's steps pass through while a check is open or its mismatch unresolved.

const CASE_NO = CASE_NO_PATTERN.source.slice(1, -1);
/** A check's number: its case's and a counter, e.g. DB-532901-2026-000001-HD01. */
export const CHECK_NO_PATTERN = new RegExp(`^${CASE_NO}-HD\\d{2}$`);
/** A bureau's request: the check's number and the source's code, e.g. …-HD01-GA. */
export const REQUEST_NO_PATTERN = new RegExp(`^${CASE_NO}-HD\\d{2}-[A-Z]{2}$`);

export const checkParamsSchema = z.strictObject({
  checkNo: z.string().regex(CHECK_NO_PATTERN, '核对编号格式不对 (a check number)'),
});
export const requestParamsSchema = z.strictObject({
  requestNo: z.string().regex(REQUEST_NO_PATTERN, '核对请求编号格式不对 (a request number)'),
});

/** 申请核对: the household's declaration the bureaus' findings are held against. */
export const checkRequestBodySchema = z.strictObject({ declared: declarationSchema });

/** 逐人答复: one bureau's findings for each member of the request. */
export const checkAnswerBodySchema = z.strictObject({
  answers: z
    .array(z.looseObject({ memberId: z.string().trim().min(1).max(100) }))
    .min(1, '请逐人答复')
    .max(50),
});

/** 导入核对结果: a CSV text or an XLSX file in base64, rows for any of the bureau's requests. */
export const checkImportBodySchema = z.strictObject({
  format: z.enum(['csv', 'xlsx'], { error: '格式应为 csv 或 xlsx (csv or xlsx)' }),
  content: z.string().min(1, '文件内容不能为空 (the file is empty)').max(200_000, '文件过大 (too large)'),
});

/** 核对差异处理: the township's reasons for how the mismatch was resolved. */
export const checkResolutionBodySchema = z.strictObject({
  resolution: storableText({ multiline: true }).min(2, '请填写处理意见及理由').max(2000),
});

export const checkInboxQuerySchema = z.strictObject({
  status: z.enum(['PENDING', 'ANSWERED']).optional(),
});

/** Who asks for a check and resolves its mismatch: the township, within its jurisdiction. */
export const CHECK_REQUESTERS: readonly StaffRole[] = ['TOWNSHIP_OFFICER'];
/** Who reads the bureaus' inboxes: the bureaus' officers (their own) and supervisors above them. */
export const CHECK_INBOX_READERS: readonly StaffRole[] = ['DEPARTMENT_OFFICER', 'SUPERVISOR'];

export interface CheckMemberRow {
  memberId: string;
  name: string;
  idNumber: string;
}

const notFound = () => new HttpError(404, 'not_found', '核对请求不存在 (no such request)');

/** The source a bureau answers, by its unit's department kind; null for a unit answering none. */
export async function sourceOfUnit(db: Database, unitId: string): Promise<CheckSource | null> {
  const unit = await db.orgUnit.findUnique({
    where: { id: unitId },
    select: { department: true, level: true },
  });
  if (!unit || unit.level !== 'DEPARTMENT') return null;
  const found = (Object.keys(CHECK_SOURCES) as CheckSource[]).find(
    (s) => CHECK_SOURCES[s].department === unit.department,
  );
  return found ?? null;
}

/** The requests a user may see: a bureau's own; a supervisor's below the supervisor's unit. */
function visibleRequests(actor: Actor): Prisma.EconomicCheckRequestWhereInput {
  if (actor.role === 'DEPARTMENT_OFFICER') return { unitId: actor.unitId };
  return { unitPath: { startsWith: actor.unitPath } };
}

/** Full ID numbers only to the officers of the bureau that answers the request. */
const answersRequest = (actor: Actor, unitId: string) =>
  actor.role === 'DEPARTMENT_OFFICER' && actor.unitId === unitId;

function requireInboxReader(actor: Actor) {
  if (!CHECK_INBOX_READERS.includes(actor.role))
    throw new HttpError(403, 'forbidden', '核对请求只由承办部门及监督人员查看 (role not allowed)');
}

function presentRequest(
  actor: Actor,
  r: Prisma.EconomicCheckRequestGetPayload<{ include: { check: true } }>,
  withMembers: boolean,
) {
  const full = answersRequest(actor, r.unitId);
  const members = r.check.members as unknown as CheckMemberRow[];
  return {
    requestNo: r.requestNo,
    checkNo: r.check.checkNo,
    source: r.source,
    sourceName: CHECK_SOURCES[r.source as CheckSource].name,
    fields: CHECK_SOURCES[r.source as CheckSource].fields.map((f) => ({
      field: f,
      label: FINDING_FIELDS[f].label,
    })),
    unitId: r.unitId,
    status: r.status,
    dueAt: r.dueAt,
    overdue: r.overdue,
    answeredAt: r.answeredAt,
    answeredVia: r.answeredVia,
    answeredBy: r.answeredByName,
    memberCount: members.length,
    ...(withMembers && {
      members: members.map((m) => ({
        memberId: m.memberId,
        name: m.name,
        idNumber: full ? m.idNumber : maskIdCard(m.idNumber),
      })),
      answers: r.answers,
      idNumbersShown: full,
    }),
  };
}

export async function listCheckRequests(
  db: Database,
  actor: Actor,
  query: z.infer<typeof checkInboxQuerySchema>,
) {
  requireInboxReader(actor);
  const rows = await db.economicCheckRequest.findMany({
    where: { ...visibleRequests(actor), ...(query.status && { status: query.status }) },
    include: { check: true },
    orderBy: [{ status: 'desc' }, { dueAt: 'asc' }, { requestNo: 'asc' }],
    take: 200,
  });
  return { items: rows.map((r) => presentRequest(actor, r, false)) };
}

export async function checkRequestFor(db: Database, actor: Actor, requestNo: string) {
  requireInboxReader(actor);
  const row = await db.economicCheckRequest.findFirst({
    where: { requestNo, ...visibleRequests(actor) },
    include: { check: true },
  });
  if (!row) throw notFound();
  return { row, view: presentRequest(actor, row, true) };
}

/** A request as its reader sees it; a reading that shows members' full ID numbers is audited. */
export async function readCheckRequest(db: Database, actor: Actor, requestNo: string) {
  const { view } = await checkRequestFor(db, actor, requestNo);
  if (view.idNumbersShown)
    await audit(db, actor, 'readEconomicCheckMembers', 'EconomicCheckRequest', requestNo);
  return view;
}

/** The findings of one request checked member by member: every member once, each field valid. */
function checkedFindings(
  source: CheckSource,
  members: readonly CheckMemberRow[],
  answers: readonly Record<string, unknown>[],
): { findings: MemberFinding[]; problems: { field: string; message: string }[] } {
  const problems: { field: string; message: string }[] = [];
  const findings: MemberFinding[] = [];
  const schema = findingSchemaOf(source);
  const seen = new Set<string>();
  answers.forEach((answer, i) => {
    const { memberId, ...rest } = answer as { memberId: string };
    if (!members.some((m) => m.memberId === memberId))
      problems.push({
        field: `body.answers.${i}.memberId`,
        message: '不是本请求的家庭成员 (not a member of the request)',
      });
    else if (seen.has(memberId))
      problems.push({ field: `body.answers.${i}.memberId`, message: '同一成员重复答复 (answered twice)' });
    seen.add(memberId);
    const parsed = schema.safeParse(rest);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.map(String).join('.')];
        for (const key of keys)
          problems.push({
            field: `body.answers.${i}.${key}`,
            message:
              issue.code === 'unrecognized_keys'
                ? '本部门不答复此项 (not this bureau’s field)'
                : issue.message,
          });
      }
    else findings.push({ memberId, ...(parsed.data as object) });
  });
  for (const m of members)
    if (!seen.has(m.memberId)) problems.push({ field: 'body.answers', message: `缺少成员 ${m.name} 的答复` });
  return { findings, problems };
}

/**
 * Writes the answers of one or many requests in one transaction: each request goes from PENDING
 * to ANSWERED once (a conditional update; a request answered meanwhile refuses the whole write
 * with 409), then each check's workflow is told.
 */
async function writeAnswers(
  db: Database,
  temporal: Client,
  actor: Actor,
  via: 'console' | 'file',
  batch: { requestNo: string; checkNo: string; source: CheckSource; findings: MemberFinding[] }[],
) {
  await db.$transaction(async (tx) => {
    for (const b of batch) {
      const written = await tx.economicCheckRequest.updateMany({
        where: { requestNo: b.requestNo, status: 'PENDING', unitId: actor.unitId },
        data: {
          status: 'ANSWERED',
          answers: b.findings as unknown as Prisma.InputJsonValue,
          answeredVia: via,
          answeredById: actor.userId,
          answeredByName: actor.displayName,
          answeredAt: new Date(),
          overdue: false,
        },
      });
      if (written.count !== 1)
        throw new HttpError(409, 'AlreadyAnswered', `核对请求 ${b.requestNo} 已答复 (already answered)`);
    }
    await tx.auditEntry.createMany({
      data: batch.map((b) => ({
        userId: actor.userId,
        username: actor.username,
        action: 'answerEconomicCheck',
        resource: 'EconomicCheckRequest',
        resourceId: b.requestNo,
        detail: { via },
      })),
    });
  });
  for (const b of batch) {
    try {
      await temporal.workflow
        .getHandle(economicCheckWorkflowId(b.checkNo))
        .signal(checkRequestAnsweredSignal, { source: b.source });
    } catch {
      // The write stands; the workflow finds the answer when the request's deadline passes.
    }
  }
}

/** The request its bureau's officer may answer: 404 where not visible, 403 for a reader who does not answer it. */
export async function requestToAnswer(db: Database, actor: Actor, requestNo: string) {
  const { row } = await checkRequestFor(db, actor, requestNo);
  if (!answersRequest(actor, row.unitId))
    throw new HttpError(403, 'forbidden', '只有承办部门的经办人员可以答复 (the answering bureau only)');
  return row;
}

export async function answerRequest(
  db: Database,
  temporal: Client,
  actor: Actor,
  row: Awaited<ReturnType<typeof requestToAnswer>>,
  body: z.infer<typeof checkAnswerBodySchema>,
) {
  const { requestNo } = row;
  if (row.status !== 'PENDING')
    throw new HttpError(409, 'AlreadyAnswered', '该核对请求已答复 (already answered)');
  const source = row.source as CheckSource;
  const { findings, problems } = checkedFindings(
    source,
    row.check.members as unknown as CheckMemberRow[],
    body.answers,
  );
  if (problems.length > 0)
    throw new HttpError(
      422,
      'invalid_input',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  await writeAnswers(db, temporal, actor, 'console', [
    { requestNo, checkNo: row.check.checkNo, source, findings },
  ]);
}

/** The file's columns for a bureau: the request, the member's ID number, then the bureau's fields. */
export function importColumns(source: CheckSource): string[] {
  return ['requestNo', 'idNumber', ...CHECK_SOURCES[source].fields];
}

/**
 * 导入核对结果: one row per member, for any of the bureau's pending requests. Every row is checked
 * and every problem named by its row (1 = the header) and column; every member of a request the
 * file names must have exactly one row. Nothing is written unless the whole file is good.
 */
export function requireBureauOfficer(actor: Actor) {
  if (actor.role !== 'DEPARTMENT_OFFICER')
    throw new HttpError(
      403,
      'forbidden',
      '只有承办部门的经办人员可以导入核对结果 (the answering bureau only)',
    );
}

export async function importAnswers(
  db: Database,
  temporal: Client,
  actor: Actor,
  body: z.infer<typeof checkImportBodySchema>,
) {
  requireBureauOfficer(actor);
  const source = await sourceOfUnit(db, actor.unitId);
  if (!source) throw new HttpError(403, 'forbidden', '本单位不承担家庭经济状况核对 (not a checking bureau)');
  const rows = await sheetRows(body.format, body.content);
  const columns = importColumns(source);
  const problems: RowProblem[] = [];
  const header = (rows[0] ?? []).map((h) => h.trim().replace(/^\uFEFF/, ''));
  if (columns.some((c, i) => header[i] !== c)) {
    problems.push({ row: 1, column: 'header', message: `首行应为 ${columns.join(',')} (the header)` });
    throw rowsRefused(problems);
  }
  const requestNos = [
    ...new Set(
      rows
        .slice(1)
        .map((cells) => (cells[0] ?? '').trim())
        .filter(Boolean),
    ),
  ];
  const requests = await db.economicCheckRequest.findMany({
    where: { requestNo: { in: requestNos.slice(0, 500) }, unitId: actor.unitId },
    include: { check: true },
  });
  const byNo = new Map(requests.map((r) => [r.requestNo, r]));
  const found = new Map<string, MemberFinding[]>();
  const schema = findingSchemaOf(source);
  rows.slice(1).forEach((raw, i) => {
    const row = i + 2;
    const cells = raw.map((c) => c.trim());
    if (cells.every((c) => c === '')) return;
    const at = (column: string, message: string) => problems.push({ row, column, message });
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c !== ''))
      at('extra', '多余的列 (more columns than the header)');
    const [requestNo = '', idNumber = ''] = cells;
    const request = byNo.get(requestNo);
    if (!request) return at('requestNo', '不是本部门的核对请求 (no such request of this bureau)');
    if (request.status !== 'PENDING') return at('requestNo', '该请求已答复 (already answered)');
    const member = (request.check.members as unknown as CheckMemberRow[]).find(
      (m) => m.idNumber === idNumber,
    );
    if (!member) return at('idNumber', '不是该请求的家庭成员 (not a member of the request)');
    const finding: Record<string, unknown> = {};
    let good = true;
    CHECK_SOURCES[source].fields.forEach((field, f) => {
      const text = cells[f + 2] ?? '';
      const numeric = FINDING_FIELDS[field].kind !== 'text';
      if (text === '' || (numeric && !/^-?\d+(\.\d+)?$/.test(text))) {
        good = false;
        return void at(field, text === '' ? '不能为空 (required)' : '应为数字 (a number)');
      }
      const parsed = (schema.shape[field] as z.ZodType).safeParse(numeric ? Number(text) : text);
      if (!parsed.success) {
        good = false;
        at(field, parsed.error.issues[0]?.message ?? 'invalid');
      } else finding[field] = parsed.data;
    });
    const list = found.get(requestNo) ?? [];
    if (list.some((x) => x.memberId === member.memberId))
      return at('idNumber', '同一成员重复 (a second row for the member)');
    if (good) list.push({ memberId: member.memberId, ...finding });
    else list.push({ memberId: member.memberId });
    found.set(requestNo, list);
  });
  for (const [requestNo, list] of found) {
    const members = byNo.get(requestNo)!.check.members as unknown as CheckMemberRow[];
    for (const m of members)
      if (!list.some((x) => x.memberId === m.memberId))
        problems.push({
          row: 0,
          column: 'idNumber',
          message: `${requestNo} 缺少成员 ${maskIdCard(m.idNumber)} 的行`,
        });
  }
  if (found.size === 0 && problems.length === 0)
    problems.push({ row: 2, column: 'requestNo', message: '文件中没有答复行 (no rows)' });
  if (problems.length > 0) throw rowsRefused(problems);
  const batch = [...found].map(([requestNo, findings]) => ({
    requestNo,
    checkNo: byNo.get(requestNo)!.check.checkNo,
    source,
    findings,
  }));
  await writeAnswers(db, temporal, actor, 'file', batch);
  return { answered: batch.map((b) => b.requestNo), rows: batch.reduce((n, b) => n + b.findings.length, 0) };
}

/** 422 naming each problem by row and column, placed beside the file field in the console. */
export function rowsRefused(problems: RowProblem[]) {
  const said = (p: RowProblem) =>
    p.row > 0 ? `第 ${p.row} 行 ${p.column} 列：${p.message}` : `${p.column}：${p.message}`;
  return new HttpError(
    422,
    'invalid_rows',
    problems.map(said).join('; '),
    problems.map((p) => ({ field: 'body.content', row: p.row, column: p.column, message: said(p) })),
  );
}

// ── The township's side: asking, reading the report, resolving ──────────────────────────────

type CaseForCheck = {
  id: string;
  caseNo: string;
  programmeCode: string;
  countyId: string;
  townshipId: string;
  currentStep: string | null;
  closedAt: Date | null;
  household: {
    members: { id: string; name: string; idNumber: string; exclusion?: string | null }[];
    village: { path: string };
  };
};

export function requireRequester(actor: Actor, found: CaseForCheck) {
  if (!CHECK_REQUESTERS.includes(actor.role) || !canSeeCase(actor, found.household.village.path))
    throw new HttpError(
      403,
      'forbidden',
      '家庭经济状况核对由乡镇（街道）经办人员申请和处理 (township officers only)',
    );
}

/**
 * 申请核对: at an investigation step of a programme that means-tests, one check per case at a
 * time (the database settles two at once); its workflow fans it out to the county's bureaus.
 */
export async function askForCheck(
  db: Database,
  temporal: Client,
  taskQueue: string,
  actor: Actor,
  found: CaseForCheck,
  body: z.infer<typeof checkRequestBodySchema>,
) {
  requireRequester(actor, found);
  const programme = programmeOf(found.programmeCode);
  if (!programme.economicCheck)
    throw new HttpError(
      409,
      'WrongStep',
      `${programme.name}不作家庭经济状况核对 (no check in this programme)`,
    );
  const step = found.currentStep as HumanStepName | null;
  if (found.closedAt || !step || !programme.economicCheck.investigationSteps.includes(step))
    throw new HttpError(
      409,
      'WrongStep',
      `只能在${programme.economicCheck.investigationSteps.map((s) => `「${HUMAN_STEPS[s]}」`).join('或')}环节申请核对 (not at an investigation step)`,
    );
  const members = found.household.members.filter((m) => !m.exclusion);
  const declared = body.declared;
  for (const [i, income] of declared.incomes.entries())
    if (!members.some((m) => m.id === income.memberId))
      throw new HttpError(422, 'invalid_input', `body.declared.incomes.${i}.memberId: 不是本户成员`, [
        { field: `body.declared.incomes.${i}.memberId`, message: '不是本户成员 (not a member)' },
      ]);
  const previous = await db.economicCheck.count({ where: { caseId: found.id } });
  const checkNo = `${found.caseNo}-HD${String(previous + 1).padStart(2, '0')}`;
  try {
    await db.economicCheck.create({
      data: {
        checkNo,
        caseId: found.id,
        countyId: found.countyId,
        townshipId: found.townshipId,
        villagePath: found.household.village.path,
        step,
        members: members.map((m) => ({ memberId: m.id, name: m.name, idNumber: m.idNumber })),
        declared: declared as unknown as Prisma.InputJsonValue,
        requestedById: actor.userId,
        requestedByName: actor.displayName,
        workflowId: economicCheckWorkflowId(checkNo),
      },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new HttpError(409, 'CheckOpen', '该案件已有进行中的家庭经济状况核对 (a check is already open)');
    throw error;
  }
  await temporal.workflow.start(economicCheck, {
    workflowId: economicCheckWorkflowId(checkNo),
    taskQueue,
    args: [{ checkNo }],
  });
  await db.auditEntry.create({
    data: {
      userId: actor.userId,
      username: actor.username,
      action: 'askEconomicCheck',
      resource: 'EconomicCheck',
      resourceId: checkNo,
    },
  });
  return checkNo;
}

/** The case's checks, newest first, with their requests and reports, for whoever may see the case. */
export async function checksOfCase(db: Database, caseId: string) {
  const checks = await db.economicCheck.findMany({
    where: { caseId },
    include: { requests: { orderBy: { requestNo: 'asc' } } },
    orderBy: { requestedAt: 'desc' },
  });
  return checks.map((c) => ({
    checkNo: c.checkNo,
    step: c.step,
    status: c.status,
    requestedBy: c.requestedByName,
    requestedAt: c.requestedAt,
    declared: c.declared,
    requests: c.requests.map((r) => ({
      requestNo: r.requestNo,
      source: r.source,
      sourceName: CHECK_SOURCES[r.source as CheckSource].name,
      status: r.status,
      dueAt: r.dueAt,
      overdue: r.overdue,
      answeredAt: r.answeredAt,
      answeredVia: r.answeredVia,
    })),
    reportedAt: c.reportedAt,
    report: c.report
      ? {
          lines: (c.report as unknown as CheckReport).lines,
          mismatches: (c.report as unknown as CheckReport).mismatches,
        }
      : null,
    mismatch: c.mismatch,
    resolution: c.resolution,
    resolvedBy: c.resolvedByName,
    resolvedAt: c.resolvedAt,
    /** The township must resolve the mismatch before its proposal. */
    unresolved: c.mismatch && c.resolvedAt === null,
  }));
}

/** 差异处理: the township records how the report's mismatch was resolved, with its reasons; once. */
/** The check a township officer may resolve: 404 outside the case's jurisdiction, 403 for other roles. */
export async function checkToResolve(db: Database, actor: Actor, checkNo: string) {
  const check = await db.economicCheck.findUnique({ where: { checkNo } });
  if (!check || !canSeeCase(actor, check.villagePath))
    throw new HttpError(404, 'not_found', '核对不存在 (no such check)');
  if (!CHECK_REQUESTERS.includes(actor.role))
    throw new HttpError(403, 'forbidden', '核对差异由乡镇（街道）经办人员处理 (township officers only)');
  return check;
}

/** 差异处理: the township records how the report's mismatch was resolved, with its reasons; once. */
export async function resolveCheck(
  db: Database,
  actor: Actor,
  check: { checkNo: string; status: string; mismatch: boolean },
  body: z.infer<typeof checkResolutionBodySchema>,
) {
  const { checkNo } = check;
  if (check.status !== 'REPORTED' || !check.mismatch)
    throw new HttpError(409, 'WrongStep', '该核对没有待处理的差异 (no mismatch to resolve)');
  const written = await db.economicCheck.updateMany({
    where: { checkNo, status: 'REPORTED', mismatch: true, resolvedAt: null },
    data: {
      resolution: body.resolution,
      resolvedById: actor.userId,
      resolvedByName: actor.displayName,
      resolvedAt: new Date(),
    },
  });
  if (written.count !== 1) throw new HttpError(409, 'AlreadyResolved', '该核对差异已处理 (already resolved)');
  await db.auditEntry.create({
    data: {
      userId: actor.userId,
      username: actor.username,
      action: 'resolveEconomicCheck',
      resource: 'EconomicCheck',
      resourceId: checkNo,
    },
  });
}

/** A decision that takes the case back or ends it: not a proposal, so never held back by a check. */
const NOT_A_PROPOSAL = ['return', 'refuse', 'householdRefused'];

/**
 * The gate a case's step passes through (api/routes/cases.ts): while the case's newest check is
 * open, its investigation and proposal steps are refused (409); while its mismatch is unresolved,
 * the proposal is. At an investigation step after the report, the payload carries the check's
 * number and result as its data-check report (the typed number still works where no check was
 * asked) and the checked figures where they differ from the entered ones.
 */
export async function throughEconomicCheck(
  db: Database,
  actor: Actor,
  caseRef: string,
  step: HumanStepName,
  payload: unknown,
): Promise<unknown> {
  const found = await db.case.findUnique({
    where: isCaseNo(caseRef) ? { caseNo: caseRef } : { id: caseRef },
    select: {
      id: true,
      programmeCode: true,
      currentStep: true,
      household: { select: { village: { select: { path: true } } } },
    },
  });
  // Not visible, or not the step open now: the case routes and the workflow answer as they do.
  if (!found || !canSeeCase(actor, found.household.village.path) || found.currentStep !== step)
    return payload;
  const gate = programmeOf(found.programmeCode).economicCheck;
  if (!gate) return payload;
  const investigation = gate.investigationSteps.includes(step);
  const proposal = gate.proposalSteps.includes(step);
  if (!investigation && !proposal) return payload;
  const check = await db.economicCheck.findFirst({
    where: { caseId: found.id },
    orderBy: { requestedAt: 'desc' },
  });
  if (!check) return payload;
  const body = (payload ?? {}) as Record<string, unknown>;
  const decision =
    typeof body.decision === 'string' ? body.decision : typeof body.outcome === 'string' ? body.outcome : '';
  if (NOT_A_PROPOSAL.includes(decision)) return payload;
  if (check.status === 'OPEN')
    throw new HttpError(
      409,
      'EconomicCheckOpen',
      `家庭经济状况核对 ${check.checkNo} 尚未全部答复，请待核对报告生成后再办理 (the check is open)`,
    );
  if (proposal && check.mismatch && !check.resolvedAt)
    throw new HttpError(
      409,
      'EconomicCheckUnresolved',
      `核对报告 ${check.checkNo} 发现与申报不符的情况，须先处理差异并说明理由 (the mismatch is unresolved)`,
    );
  if (!investigation || check.step !== step) return payload;
  // A review's investigation reads only a check asked since it opened: last cycle's is stale.
  if (programmeOf(found.programmeCode).enrolmentSteps.includes(step)) {
    const opened = await db.caseEvent.findFirst({
      where: { caseId: found.id, type: 'stepOpened', step },
      orderBy: { seq: 'desc' },
      select: { occurredAt: true },
    });
    if (opened && check.requestedAt < opened.occurredAt) return payload;
  }
  return withCheckReport(
    body,
    check.checkNo,
    check.mismatch,
    (check.report as unknown as CheckReport).checked,
  );
}

function withCheckReport(
  body: Record<string, unknown>,
  checkNo: string,
  mismatch: boolean,
  checked: CheckedFigures,
) {
  let next: Record<string, unknown> = { ...body };
  let substituted: string[] = [];
  if (Array.isArray(body.incomes) && body.assets && typeof body.assets === 'object') {
    const { figures, substitutions } = withCheckedFigures(body as unknown as InvestigationFigures, checked);
    next = { ...next, ...figures };
    substituted = substitutions.map(
      (s) => `${s.field}${s.memberId ? `(${s.memberId.slice(0, 8)})` : ''} ${s.entered}→${s.checked}`,
    );
  } else if (
    typeof body.ownIncomeMonthlyYuan === 'number' &&
    body.assets &&
    typeof body.assets === 'object'
  ) {
    const { figures, substitutions } = withCheckedTekunFigures(
      body as unknown as Parameters<typeof withCheckedTekunFigures>[0],
      checked,
    );
    next = { ...next, ...figures };
    substituted = substitutions.map((s) => `${s.field} ${s.entered}→${s.checked}`);
  }
  if ('dataCheck' in body || Array.isArray(body.incomes)) {
    const typed = (body.dataCheck ?? {}) as { note?: unknown };
    next.dataCheck = {
      reportNo: checkNo,
      result: mismatch ? 'discrepancy' : 'consistent',
      ...(typeof typed.note === 'string' && { note: typed.note }),
    };
  }
  if (substituted.length > 0) {
    const said = `依核对报告 ${checkNo} 采用核对数据：${substituted.join('；')}`;
    const note = typeof body.note === 'string' && body.note.trim() !== '' ? `${body.note}\n${said}` : said;
    next.note = note.slice(0, 2000);
  }
  return next;
}
