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
