import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import {
  BUREAU_CHANGE_COLUMNS,
  BUREAU_CHANGE_KINDS,
  bureauChangeReasons,
  type BureauChangeKind,
} from '../domain/bureau-changes';
import { isEnrolled } from '../domain/case-steps';
import { maskIdCard } from '../domain/id-card';
import { programmeOf } from '../domain/programmes';
import type { Actor } from '../domain/staff-roles';
import { localDateSchema } from '../domain/step-decisions';
import { localDateOf } from '../domain/working-days';
import type { Database } from '../platform/database';
import { enrolmentWorkflowId } from '../workflows/definitions';
import { requestReviewSignal } from '../workflows/enrolment-state';
import { audit } from './audit';
import { sheetRows, type RowProblem } from './bank-files';
import { checkImportBodySchema, requireBureauOfficer, rowsRefused, sourceOfUnit } from './economic-checks';
import { HttpError } from './http-error';
import { idNumberSchema } from './schemas/case-application';
import { storableText } from './schemas/storable-text';

// 部门数据变更: a checking bureau's periodic file of changes about people (a new car, a death in
// the registration). Each enrolled 低保 household with a member named gets an out-of-cycle review
// 动态复核, asked once per change however often the file is imported again.

/** The same body as a result file: CSV text, or an XLSX file in base64. */
export const bureauChangeImportSchema = checkImportBodySchema;

const rowSchema = z.object({
  idNumber: idNumberSchema,
  change: z.enum(Object.keys(BUREAU_CHANGE_KINDS) as [BureauChangeKind, ...BureauChangeKind[]], {
    error: `应为 ${Object.keys(BUREAU_CHANGE_KINDS).join('、')} 之一`,
  }),
  occurredOn: localDateSchema,
  detail: storableText().max(200),
});

type ChangeRow = z.infer<typeof rowSchema>;

export interface BureauChangeAnswer {
  rows: number;
  /** 低保 enrolments asked for a review (once per change and case). */
  reviewsRequested: { caseNo: string; member: string; change: string }[];
  /** Enrolments of programmes whose reassessment the township records (特困): told, not started. */
  forTownship: { caseNo: string; member: string; change: string }[];
  /** Rows naming nobody in an open enrolment of the bureau's county. */
  unmatched: number;
}

/**
 * Reads the file (every problem named by row and column; nothing done unless the whole file is
 * good), finds each person's open enrolments in the bureau's county and asks each 低保 one for a
 * review through the enrolment's `requestReview` signal, whose request id (bureau, person, change,
 * date) makes a second import of the same change a no-op.
 */
export async function importBureauChanges(
  db: Database,
  temporal: Client,
  actor: Actor,
  body: z.infer<typeof bureauChangeImportSchema>,
): Promise<BureauChangeAnswer> {
  requireBureauOfficer(actor);
  if (!(await sourceOfUnit(db, actor.unitId)))
    throw new HttpError(403, 'forbidden', '本单位不承担家庭经济状况核对 (not a checking bureau)');
  const bureau = await db.orgUnit.findUniqueOrThrow({
    where: { id: actor.unitId },
    include: { parent: { select: { path: true } } },
  });
  const changes = await readChanges(body);
  const answer: BureauChangeAnswer = {
    rows: changes.length,
    reviewsRequested: [],
    forTownship: [],
    unmatched: 0,
  };
  for (const change of changes) {
    const cases = await db.case.findMany({
      where: {
        closedAt: null,
        household: {
          village: { path: { startsWith: bureau.parent?.path ?? bureau.path } },
          members: { some: { idNumber: change.idNumber } },
        },
      },
      select: { caseNo: true, status: true, programmeCode: true },
    });
    const enrolled = cases.filter((c) => isEnrolled(c.status));
    if (enrolled.length === 0) answer.unmatched++;
    const said = { member: maskIdCard(change.idNumber), change: BUREAU_CHANGE_KINDS[change.change] };
    for (const found of enrolled) {
      if (programmeOf(found.programmeCode).family !== 'dibao') {
        answer.forTownship.push({ caseNo: found.caseNo, ...said });
        continue;
      }
      const asked = await askForReview(temporal, found.caseNo, bureau.id, bureau.name, change);
      if (asked) answer.reviewsRequested.push({ caseNo: found.caseNo, ...said });
    }
  }
  await audit(db, actor, 'bureauChangesImported', 'OrgUnit', bureau.id, {
    rows: answer.rows,
    reviewsRequested: answer.reviewsRequested.map((r) => r.caseNo),
    forTownship: answer.forTownship.map((r) => r.caseNo),
    unmatched: answer.unmatched,
  });
  return answer;
}

async function readChanges(body: z.infer<typeof bureauChangeImportSchema>): Promise<ChangeRow[]> {
  const rows = await sheetRows(body.format, body.content);
  const problems: RowProblem[] = [];
  const header = (rows[0] ?? []).map((h) => h.trim().replace(/^\uFEFF/, ''));
  if (BUREAU_CHANGE_COLUMNS.some((c, i) => header[i] !== c))
    throw rowsRefused([
      { row: 1, column: 'header', message: `首行应为 ${BUREAU_CHANGE_COLUMNS.join(',')} (the header)` },
    ]);
  const today = localDateOf(new Date());
  const changes: ChangeRow[] = [];
  rows.slice(1).forEach((raw, i) => {
    const row = i + 2;
    const cells = raw.map((c) => c.trim());
    if (cells.every((c) => c === '')) return;
    const parsed = rowSchema.safeParse(
      Object.fromEntries(BUREAU_CHANGE_COLUMNS.map((column, c) => [column, cells[c] ?? ''])),
    );
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ row, column: String(issue.path[0] ?? 'row'), message: issue.message });
      return;
    }
    if (parsed.data.occurredOn > today)
      return void problems.push({ row, column: 'occurredOn', message: '不能晚于今天 (not in the future)' });
    changes.push(parsed.data);
  });
  if (changes.length === 0 && problems.length === 0)
    problems.push({ row: 2, column: 'idNumber', message: '文件中没有变更行 (no rows)' });
  if (problems.length > 0) throw rowsRefused(problems);
  return changes;
}

/** Signals the enrolment; false when its run has ended meanwhile (nothing to review). */
async function askForReview(
  temporal: Client,
  caseNo: string,
  bureauId: string,
  bureauName: string,
  change: ChangeRow,
): Promise<boolean> {
  const requestId = `bureau-change/${createHash('sha256')
    .update(JSON.stringify([bureauId, change.idNumber, change.change, change.occurredOn]))
    .digest('base64url')
    .slice(0, 32)}`;
  try {
    await temporal.workflow.getHandle(enrolmentWorkflowId(caseNo)).signal(requestReviewSignal, {
      source: 'bureauChange',
      reasons: bureauChangeReasons(bureauName, {
        kind: change.change,
        occurredOn: change.occurredOn,
        detail: change.detail,
      }),
      requestId,
    });
    return true;
  } catch (error) {
    if ((error as Error)?.name === 'WorkflowNotFoundError') return false;
    throw error;
  }
}
