import type { Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';

/** One county's quarter of checks: the random draw's visits and findings, and the public reports. */
export interface CheckFigures {
  countyId: string;
  countyName: string;
  quarter: string;
  /** 随机抽查: cases drawn, visits closed, still open past their deadline. */
  drawn: number;
  checked: number;
  overdue: number;
  /** The visits' findings: no issue, an out-of-cycle review, a fraud exit. */
  noIssue: number;
  reviews: number;
  fraudExits: number;
  /** Of the cases a finding sent to exit, those whose exit is notified or done. */
  exited: number;
  /** 举报投诉: received in the quarter, verified (closed), founded (属实), and what followed. */
  tipOffsReceived: number;
  tipOffsVerified: number;
  tipOffsFounded: number;
  tipOffReviews: number;
  tipOffFraudExits: number;
}

/**
 * Per county below the reader's unit and per quarter (prefecture time): the random checks and the
 * tip-offs, counted in one SQL statement (GROUP BY over the visits, the reports and their
 * findings), newest quarter first. `quarter` narrows it to one.
 */
export async function checkFigures(
  db: Database,
  actor: Pick<Actor, 'unitPath'>,
  quarter: string | undefined,
): Promise<CheckFigures[]> {
  const rows = await db.$queryRaw<Record<string, string | bigint>[]>`
    WITH counties AS (
      SELECT id, name FROM "OrgUnit" WHERE level = 'COUNTY' AND starts_with(path, ${actor.unitPath})
    ), visits AS (
      SELECT v."countyId", v.quarter,
             count(*) AS drawn,
             count(*) FILTER (WHERE v.status = 'CHECKED') AS checked,
             count(*) FILTER (WHERE v.status = 'CHECKING' AND v.overdue) AS overdue,
             count(*) FILTER (WHERE v.consequence = 'NONE') AS "noIssue",
             count(*) FILTER (WHERE v.consequence = 'REVIEW') AS reviews,
             count(*) FILTER (WHERE v.consequence = 'FRAUD_EXIT') AS "fraudExits",
             count(*) FILTER (WHERE v.consequence = 'FRAUD_EXIT'
                                AND c.status IN ('EXIT_NOTIFIED', 'EXITED')) AS exited
      FROM "RandomCheckVisit" v
      JOIN counties k ON k.id = v."countyId"
      LEFT JOIN "Case" c ON c."caseNo" = v."caseNo"
      GROUP BY v."countyId", v.quarter
    ), reports AS (
      SELECT t."countyId",
             to_char(t."createdAt" AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-"Q"Q') AS quarter,
             count(*) AS received,
             count(*) FILTER (WHERE t.status <> 'VERIFYING') AS verified,
             count(*) FILTER (WHERE t.status = 'SUBSTANTIATED') AS founded,
             count(*) FILTER (WHERE f.consequence = 'REVIEW') AS reviews,
             count(*) FILTER (WHERE f.consequence = 'FRAUD_EXIT') AS "fraudExits"
      FROM "TipOff" t
      JOIN counties k ON k.id = t."countyId"
      LEFT JOIN "VerificationFinding" f ON f.source = 'TIP_OFF' AND f."sourceRef" = t."receiptNo"
      GROUP BY 1, 2
    ), quarters AS (
      SELECT "countyId", quarter FROM visits UNION SELECT "countyId", quarter FROM reports
    )
    SELECT q."countyId", k.name AS "countyName", q.quarter,
           coalesce(v.drawn, 0) AS drawn, coalesce(v.checked, 0) AS checked,
           coalesce(v.overdue, 0) AS overdue, coalesce(v."noIssue", 0) AS "noIssue",
           coalesce(v.reviews, 0) AS reviews, coalesce(v."fraudExits", 0) AS "fraudExits",
           coalesce(v.exited, 0) AS exited,
           coalesce(r.received, 0) AS "tipOffsReceived", coalesce(r.verified, 0) AS "tipOffsVerified",
           coalesce(r.founded, 0) AS "tipOffsFounded", coalesce(r.reviews, 0) AS "tipOffReviews",
           coalesce(r."fraudExits", 0) AS "tipOffFraudExits"
    FROM quarters q
    JOIN counties k ON k.id = q."countyId"
    LEFT JOIN visits v ON v."countyId" = q."countyId" AND v.quarter = q.quarter
    LEFT JOIN reports r ON r."countyId" = q."countyId" AND r.quarter = q.quarter
    WHERE ${quarter ?? null}::text IS NULL OR q.quarter = ${quarter ?? null}::text
    ORDER BY q.quarter DESC, q."countyId"`;
  return rows.map((r) => {
    const out: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(r))
      out[key] = typeof value === 'bigint' ? Number(value) : value;
    return out as unknown as CheckFigures;
  });
}
