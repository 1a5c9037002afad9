import type { Prisma } from '@prisma/client';
import { caseNumber, PROGRAMMES, type OpenProgrammeCode } from '../domain/programmes';
import { localDateOf } from '../domain/working-days';

/**
 * The next case number of a county, programme prefix and year (the prefecture's year). The
 * counter row is incremented as the filing's last write and stays locked until its transaction
 * ends, so filings of one county and prefix are numbered one after another while each holds
 * the lock only to its commit, and a filing that rolls back (a refusal, a failure) gives its
 * number back: numbers have no gaps.
 */
export async function issueCaseNumber(
  tx: Prisma.TransactionClient,
  programme: OpenProgrammeCode,
  countyId: string,
  now: Date,
): Promise<string> {
  const prefix = PROGRAMMES[programme].caseNoPrefix;
  const year = Number(localDateOf(now).slice(0, 4));
  const [{ lastSerial }] = await tx.$queryRaw<[{ lastSerial: number }]>`
    INSERT INTO "CaseNumberCounter" ("countyId", "prefix", "year", "lastSerial")
    VALUES (${countyId}, ${prefix}, ${year}, 1)
    ON CONFLICT ("countyId", "prefix", "year")
    DO UPDATE SET "lastSerial" = "CaseNumberCounter"."lastSerial" + 1
    RETURNING "lastSerial"`;
  return caseNumber(programme, countyId, year, lastSerial);
}

/**
 * Numbers a case written with a provisional number: the county's counter is incremented and the
 * case row takes the number (and its workflow id) in one statement, the filing's last before its
 * commit, so the counter row is locked for that statement and the commit only. The number is
 * formed as caseNumber() forms it, and checked against it before the transaction commits.
 */
export async function numberCase(
  tx: Prisma.TransactionClient,
  caseId: string,
  programme: OpenProgrammeCode,
  countyId: string,
  now: Date,
  workflowIdOf: (caseNo: string) => string,
): Promise<string> {
  const prefix = PROGRAMMES[programme].caseNoPrefix;
  const year = Number(localDateOf(now).slice(0, 4));
  // caseNumber() of serial 0 ends in six zeros: what stands before them is the number's stem.
  const stem = caseNumber(programme, countyId, year, 0).slice(0, -SERIAL_DIGITS);
  const workflowStem = workflowIdOf('');
  const rows = await tx.$queryRaw<{ caseNo: string; lastSerial: number }[]>`
    WITH serial AS (
      INSERT INTO "CaseNumberCounter" ("countyId", "prefix", "year", "lastSerial")
      VALUES (${countyId}, ${prefix}, ${year}, 1)
      ON CONFLICT ("countyId", "prefix", "year")
      DO UPDATE SET "lastSerial" = "CaseNumberCounter"."lastSerial" + 1
      RETURNING "lastSerial"
    ), numbered AS (
      SELECT ${stem}::text || lpad(s.digits, greatest(${SERIAL_DIGITS}, length(s.digits)), '0') AS "caseNo",
        s."lastSerial"
      FROM (SELECT "lastSerial", "lastSerial"::text AS digits FROM serial) s
    )
    UPDATE "Case" SET "caseNo" = numbered."caseNo", "workflowId" = ${workflowStem}::text || numbered."caseNo",
      "updatedAt" = ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'
    FROM numbered
    WHERE "Case".id = ${caseId}
    RETURNING numbered."caseNo", numbered."lastSerial"`;
  const numbered = rows[0];
  const expected = numbered && caseNumber(programme, countyId, year, numbered.lastSerial);
  if (
    !numbered ||
    numbered.caseNo !== expected ||
    workflowIdOf(numbered.caseNo) !== workflowStem + numbered.caseNo
  ) {
    throw new Error(
      `case ${caseId} was not numbered as caseNumber() would (${numbered?.caseNo} ≠ ${expected})`,
    );
  }
  return numbered.caseNo;
}

const SERIAL_DIGITS = 6;
