import type { Client } from '@temporalio/client';
import { Prisma } from '@prisma/client';
import { followingMonth, sameDayMonthsLater } from '../../domain/benefit-months';
import type { Database } from '../../platform/database';
import type { CaseWorkflowInput } from '../../workflows/definitions';
import { dibaoEnrolment } from '../../workflows/dibao-enrolment';
import { enrolmentWorkflowId } from '../../workflows/definitions';
import type { EnrolmentCycle } from '../../workflows/enrolment-state';

/** Monthly benefit of every bulk-enrolled household (one adult, no income). */
export const BULK_MONTHLY_YUAN = 560;

export interface BulkEnrolmentOptions {
  count: number;
  /** Case numbers are `<prefix>-000001` …, so they sort in the order they were made. */
  prefix: string;
  countyId?: string;
}

/**
 * N enrolled 农村低保 households of one county written by bulk SQL (households, one member
 * each, cases ENROLLED mid-cycle), spread over the county's rural villages, as a county's
 * caseload stands between reviews. Answers each case's workflow input.
 */
export async function writeEnrolledCases(
  db: Database,
  { count, prefix, countyId = '532901' }: BulkEnrolmentOptions,
): Promise<CaseWorkflowInput[]> {
  const written: CaseWorkflowInput[] = [];
  for (let from = 1; from <= count; from += ROWS_PER_STATEMENT) {
    const to = Math.min(count, from + ROWS_PER_STATEMENT - 1);
    written.push(...(await writeEnrolledRange(db, { from, to, prefix, countyId })));
  }
  return written;
}

/**
 * Rows a statement writes. The time goes to the supervision tallies' row triggers
 * (`tally_open_case`, `tally_case_people`), which the rows fire one by one: 30,000 rows in one
 * statement took 35.7 s with them and 1.6 s with the tables' triggers disabled; in statements of
 * 10,000, 21.5 s; of 1,000, 52.7 s. The tests and bench:storm keep the triggers on so the
 * dashboards count these cases; bench/seed-cases.ts loads a million with them off and rebuilds.
 */
const ROWS_PER_STATEMENT = 10_000;

async function writeEnrolledRange(
  db: Database,
  { from, to, prefix, countyId }: { from: number; to: number; prefix: string; countyId: string },
): Promise<CaseWorkflowInput[]> {
  const rows = await db.$queryRaw<
    { caseId: string; caseNo: string; townshipId: string; villageId: string; villagePath: string }[]
  >(Prisma.sql`
    WITH villages AS (
      SELECT v.id, v.path, v."parentId" AS township,
             row_number() OVER (ORDER BY v.id) - 1 AS n, count(*) OVER () AS of
      FROM "OrgUnit" v JOIN "OrgUnit" t ON t.id = v."parentId"
      WHERE v.level = 'VILLAGE' AND t."parentId" = ${countyId}
    ),
    plan AS (
      SELECT i, md5(${prefix} || '-h' || i)::uuid::text AS household, md5(${prefix} || '-c' || i)::uuid::text AS "caseId",
             ${prefix} || '-' || lpad(i::text, 6, '0') AS "caseNo", v.id AS village, v.path, v.township
      FROM generate_series(${from}::int, ${to}::int) AS i JOIN villages v ON v.n = i % v.of
    ),
    households AS (
      INSERT INTO "Household" (id, "countyId", "townshipId", "villageId", address)
      SELECT household, ${countyId}, township, village, '测试地址' || i FROM plan
    ),
    members AS (
      INSERT INTO "HouseholdMember" (id, "householdId", name, "idNumber", relation, "birthDate", sex, "labourCapacity", health)
      SELECT md5(${prefix} || '-m' || i)::uuid::text, household, '户主' || i,
             '5329' || lpad(i::text, 14, '0'), 'APPLICANT', '1960-01-01', 'M', 'NONE', 'HEALTHY'
      FROM plan
    ),
    cases AS (
      INSERT INTO "Case" (id, "caseNo", "programmeCode", "householdId", "countyId", "townshipId", "villageId",
                          "applicantName", status, "workflowId", "workflowStartedAt", "monthlyAmount", "nextReviewAt", "updatedAt")
      SELECT "caseId", "caseNo", 'DIBAO_RURAL', household, ${countyId}, township, village, '户主' || i, 'ENROLLED',
             'enrolment-' || "caseNo", now(), ${BULK_MONTHLY_YUAN}, now() + interval '6 months', now()
      FROM plan
    )
    SELECT "caseId", "caseNo", township AS "townshipId", village AS "villageId", path AS "villagePath"
    FROM plan ORDER BY i`);
  return rows.map((r) => ({
    caseId: r.caseId,
    caseNo: r.caseNo,
    programme: 'DIBAO_RURAL',
    countyId,
    townshipId: r.townshipId,
    villageId: r.villageId,
    villagePath: r.villagePath,
    relativeOfStaff: false,
  }));
}

/**
 * Starts each case's `dibaoEnrolment` as a cycle carried over (continue-as-new's input), so the
 * run only loads the household and waits: its next regular review six months after `now`.
 * `concurrency` starts at once.
 */
export async function startEnrolments(
  client: Client,
  taskQueue: string,
  cases: readonly CaseWorkflowInput[],
  { now, concurrency = 50 }: { now: number; concurrency?: number },
): Promise<void> {
  const carried: EnrolmentCycle = {
    cycle: 1,
    benefitStartMonth: followingMonth(now),
    monthlyAmountYuan: BULK_MONTHLY_YUAN,
    nextPaymentMonth: followingMonth(now),
    nextReviewAt: sameDayMonthsLater(now, 6),
    lastIncomes: [],
    jobReferralRefusals: 0,
    memberIds: [],
    phaseOut: null,
    pendingReviews: [],
    referralSeq: 0,
    openReferrals: [],
    singlePerson: null,
  };
  let next = 0;
  const starter = async () => {
    while (next < cases.length) {
      const input = cases[next++]!;
      await client.workflow.start(dibaoEnrolment, {
        workflowId: enrolmentWorkflowId(input.caseNo),
        taskQueue,
        args: [{ case: input, carried }],
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, starter));
}
