import type { Prisma } from '@prisma/client';
import { budgetYearOf } from '../domain/funds';
import { ENROLMENT_STATUSES } from '../domain/case-steps';
import {
  POINTS_PROGRAMMES,
  receiptNumber,
  type PointsRule,
  UNDIRECTED_MONEY_PROGRAMME,
} from '../domain/donations';
import { localDateOf } from '../domain/working-days';
import { policyOn } from './county-rules';
import type { Database } from '../platform/database';

type Tx = Prisma.TransactionClient;

/** Why a donation's or exchange's write was refused: the API answers 409 with it. */
export class DonationConflict extends Error {
  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

export interface DonationInput {
  countyId: string;
  donorKind: 'PERSON' | 'ORGANISATION';
  donorName: string;
  receivedOn: string;
  direction?: { programmeCode?: string; townshipId?: string; group?: string };
  money?: { amountYuan: number };
  goods?: { supermarketId: string; itemName: string; quantity: number; pointsPerUnit: number };
}

/** The next receipt number of a county and year, gapless: the counter row stays locked to commit. */
async function issueReceiptNumber(tx: Tx, countyId: string, now: Date): Promise<string> {
  const year = Number(localDateOf(now).slice(0, 4));
  const [{ lastSerial }] = await tx.$queryRaw<[{ lastSerial: number }]>`
    INSERT INTO "DonationReceiptCounter" ("countyId", "year", "lastSerial")
    VALUES (${countyId}, ${year}, 1)
    ON CONFLICT ("countyId", "year")
    DO UPDATE SET "lastSerial" = "DonationReceiptCounter"."lastSerial" + 1
    RETURNING "lastSerial"`;
  return receiptNumber(countyId, year, lastSerial);
}

/**
 * Records a donation in one transaction: money raises the county's donations line 社会捐赠 of
 * the directed programme (临时救助 when undirected) for the year it was received; goods go on the
 * supermarket's shelf as a lot of their own. The receipt number is issued last, so a refusal
 * gives it back.
 */
export async function recordDonation(
  db: Database,
  input: DonationInput,
  username: string,
): Promise<{ donationId: string; receiptNo: string }> {
  return db.$transaction(async (tx) => {
    let budgetLineId: string | null = null;
    let stockId: string | null = null;
    if (input.money) {
      const programmeCode = input.direction?.programmeCode ?? UNDIRECTED_MONEY_PROGRAMME;
      const year = budgetYearOf(input.receivedOn);
      const [line] = await tx.$queryRaw<[{ id: string }]>`
        INSERT INTO "FundBudgetLine" (id, "countyId", year, "programmeCode", source, "allocatedYuan", "drawnYuan", "updatedAt")
        VALUES (gen_random_uuid()::text, ${input.countyId}, ${year}, ${programmeCode}::"ProgrammeCode", 'DONATIONS',
                ${input.money.amountYuan}::numeric, 0, now())
        ON CONFLICT ("countyId", year, "programmeCode", source)
        DO UPDATE SET "allocatedYuan" = "FundBudgetLine"."allocatedYuan" + ${input.money.amountYuan}::numeric, "updatedAt" = now()
        RETURNING id`;
      budgetLineId = line.id;
    }
    if (input.goods) {
      const market = await tx.charitySupermarket.findUnique({ where: { id: input.goods.supermarketId } });
      if (!market || market.countyId !== input.countyId)
        throw new DonationConflict('该县（市）没有这家爱心超市 (no such supermarket in the county)', {
          supermarketId: input.goods.supermarketId,
        });
      const [stock] = await tx.$queryRaw<[{ id: string }]>`
        INSERT INTO "SupermarketStock" (id, "supermarketId", "itemName", quantity, "pointsPerUnit")
        VALUES (gen_random_uuid()::text, ${market.id}, ${input.goods.itemName}, ${input.goods.quantity}, ${input.goods.pointsPerUnit})
        ON CONFLICT ("supermarketId", "itemName")
        DO UPDATE SET quantity = "SupermarketStock".quantity + ${input.goods.quantity}
        RETURNING id`;
      stockId = stock.id;
    }
    const receiptNo = await issueReceiptNumber(tx, input.countyId, new Date());
    const donation = await tx.donation.create({
      data: {
        receiptNo,
        countyId: input.countyId,
        donorKind: input.donorKind,
        donorName: input.donorName,
        kind: input.money ? 'MONEY' : 'GOODS',
        amountYuan: input.money?.amountYuan ?? null,
        budgetLineId,
        supermarketId: input.goods?.supermarketId ?? null,
        itemName: input.goods?.itemName ?? null,
        quantity: input.goods?.quantity ?? null,
        directionProgramme: (input.direction?.programmeCode ??
          null) as Prisma.DonationCreateInput['directionProgramme'],
        directionTownshipId: input.direction?.townshipId ?? null,
        directionGroup: input.direction?.group ?? null,
        receivedOn: input.receivedOn,
        recordedBy: username,
      },
    });
    if (stockId && input.goods)
      await tx.donatedLot.create({
        data: {
          donationId: donation.id,
          stockId,
          quantity: input.goods.quantity,
          remaining: input.goods.quantity,
        },
      });
    return { donationId: donation.id, receiptNo };
  });
}

/**
 * Issues a month's points 积分 to every household of the county with an enrolled 低保 or 特困
 * case, by the county's points rule in force on the month's first day (county policy
 * `charitySupermarket`: per household, plus per member beyond the first up to a cap; members
 * excluded from the household are not counted). One statement inserts the issues keyed by
 * household and month (ON CONFLICT DO NOTHING) and raises balances only for the rows it
 * inserted, so a retry or a second call issues nothing.
 */
export async function issueMonthlyPoints(
  db: Database,
  input: { countyId: string; month: string },
): Promise<{ issued: number; rule: PointsRule }> {
  const { charitySupermarket: rule } = await policyOn(db, input.countyId, `${input.month}-01`);
  const programmes = [...POINTS_PROGRAMMES] as string[];
  const statuses = [...ENROLMENT_STATUSES] as string[];
  const rows = await db.$queryRaw<{ issued: bigint }[]>`
    WITH enrolled AS (
      SELECT DISTINCT c."householdId" FROM "Case" c
      WHERE c."countyId" = ${input.countyId} AND c."programmeCode"::text = ANY(${programmes})
        AND c.status = ANY(${statuses})
    ), sized AS (
      SELECT e."householdId",
             ${rule.pointsPerHousehold}::int + ${rule.pointsPerExtraMember}::int
               * (LEAST(GREATEST(count(m.id), 1), ${rule.membersCountedMax}::int) - 1) AS points
      FROM enrolled e LEFT JOIN "HouseholdMember" m ON m."householdId" = e."householdId" AND m.exclusion IS NULL
      GROUP BY e."householdId"
    ), issued AS (
      INSERT INTO "PointsIssue" (id, "householdId", "countyId", month, points)
      SELECT gen_random_uuid()::text, s."householdId", ${input.countyId}, ${input.month}, s.points FROM sized s
      ON CONFLICT ("householdId", month) DO NOTHING
      RETURNING "householdId", points
    ), raised AS (
      INSERT INTO "HouseholdPoints" ("householdId", balance, "updatedAt")
      SELECT "householdId", points, now() FROM issued
      ON CONFLICT ("householdId") DO UPDATE SET balance = "HouseholdPoints".balance + EXCLUDED.balance, "updatedAt" = now()
      RETURNING 1
    )
    SELECT count(*) AS issued FROM raised`;
  return {
    issued: Number(rows[0]?.issued ?? 0),
    rule: {
      pointsPerHousehold: rule.pointsPerHousehold,
      pointsPerExtraMember: rule.pointsPerExtraMember,
      membersCountedMax: rule.membersCountedMax,
    },
  };
}

/**
 * A household exchanges points for goods. Stock and points are taken by conditional updates
 * (and the tables' CHECKs say the same), so two exchanges racing for the last unit: exactly one
 * wins, the other is refused with nothing changed. The units are taken from the oldest donated
 * lots first, so each names its donation.
 */
export async function exchangeGoods(
  db: Database,
  input: { supermarketId: string; stockId: string; householdId: string; quantity: number },
  username: string,
): Promise<{ exchangeId: string; points: number; balance: number; remaining: number }> {
  return db.$transaction(async (tx) => {
    const [stock] = await tx.$queryRaw<{ quantity: number; pointsPerUnit: number }[]>`
      UPDATE "SupermarketStock" SET quantity = quantity - ${input.quantity}
      WHERE id = ${input.stockId} AND "supermarketId" = ${input.supermarketId} AND quantity >= ${input.quantity}
      RETURNING quantity, "pointsPerUnit"`;
    if (!stock)
      throw new DonationConflict('库存不足 (not enough in stock)', {
        stockId: input.stockId,
        requested: input.quantity,
      });
    const points = stock.pointsPerUnit * input.quantity;
    const [account] = await tx.$queryRaw<{ balance: number }[]>`
      UPDATE "HouseholdPoints" SET balance = balance - ${points}, "updatedAt" = now()
      WHERE "householdId" = ${input.householdId} AND balance >= ${points}
      RETURNING balance`;
    if (!account)
      throw new DonationConflict('积分不足 (not enough points)', {
        householdId: input.householdId,
        requiredPoints: points,
      });
    const exchange = await tx.supermarketExchange.create({
      data: { ...input, points, recordedBy: username },
    });
    // Units bought or counted in before any donated lot carry no donation; lots are taken oldest first.
    let left = input.quantity;
    const lots = await tx.$queryRaw<{ id: string; remaining: number }[]>`
      SELECT id, remaining FROM "DonatedLot" WHERE "stockId" = ${input.stockId} AND remaining > 0
      ORDER BY "createdAt", id FOR UPDATE`;
    for (const lot of lots) {
      if (left === 0) break;
      const take = Math.min(left, lot.remaining);
      await tx.$executeRaw`UPDATE "DonatedLot" SET remaining = remaining - ${take} WHERE id = ${lot.id}`;
      await tx.exchangeTake.create({ data: { exchangeId: exchange.id, lotId: lot.id, quantity: take } });
      left -= take;
    }
    return { exchangeId: exchange.id, points, balance: account.balance, remaining: stock.quantity };
  });
}
