import {
  DonationConflict,
  exchangeGoods,
  issueMonthlyPoints,
  recordDonation,
  type DonationInput,
} from '../activities/donations';
import { renderTemplate } from '../activities/templates';
import { donationShare } from '../domain/donations';
import { PROGRAMMES, type ProgrammeDefinition } from '../domain/programmes';
import { isWithinJurisdiction, type Actor, type StaffRole } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { audit } from './audit';
import { HttpError } from './http-error';
import { countyInJurisdiction, readableCounties, requireRole } from './payment-rolls';

/**
 * Donations 社会捐助 and charity supermarkets 爱心超市: the county's approver records donations,
 * opens supermarkets, issues the month's points and records exchanges; county approvers,
 * supervisors and administrators read them in their jurisdiction. Another county's donation or
 * supermarket answers 404 like none at all.
 */
export const DONATION_READERS: readonly StaffRole[] = ['COUNTY_APPROVER', 'SUPERVISOR', 'ADMINISTRATOR'];
export const DONATION_KEEPERS: readonly StaffRole[] = ['COUNTY_APPROVER'];

const money = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function conflict(error: unknown): never {
  if (error instanceof DonationConflict)
    throw new HttpError(409, 'donation_conflict', error.message, error.details);
  throw error;
}

async function countyOf(db: Database, actor: Actor, countyId: string) {
  const county = await db.orgUnit.findUnique({ where: { id: countyId } });
  return county && isWithinJurisdiction(actor.unitPath, county.path) ? county : null;
}

async function unitBelow(db: Database, unitId: string, countyPath: string, field: string) {
  const unit = await db.orgUnit.findUnique({ where: { id: unitId } });
  if (!unit || unit.level !== 'TOWNSHIP' || !unit.path.startsWith(countyPath)) {
    const message = `乡镇（街道）${unitId} 不在该县（市） (no such township in the county)`;
    throw new HttpError(422, 'unknown_township', `${field}: ${message}`, [{ field, message }]);
  }
}

export async function createDonation(db: Database, actor: Actor, body: DonationInput) {
  requireRole(actor, DONATION_KEEPERS, '捐赠仅由县民政局审批人员登记');
  const county = await countyInJurisdiction(db, actor, body.countyId, 'body.countyId');
  if (body.direction?.townshipId)
    await unitBelow(db, body.direction.townshipId, county.path, 'body.direction.townshipId');
  const done = await recordDonation(db, body, actor.username).catch(conflict);
  await audit(db, actor, 'recordDonation', 'Donation', done.donationId, { receiptNo: done.receiptNo });
  return done;
}

function donationView(d: Awaited<ReturnType<Database['donation']['findUniqueOrThrow']>>) {
  return {
    donationId: d.id,
    receiptNo: d.receiptNo,
    countyId: d.countyId,
    donorKind: d.donorKind,
    donorName: d.donorName,
    kind: d.kind,
    amountYuan: money(d.amountYuan),
    budgetLineId: d.budgetLineId,
    goods: d.itemName ? { supermarketId: d.supermarketId, itemName: d.itemName, quantity: d.quantity } : null,
    direction: {
      programmeCode: d.directionProgramme,
      townshipId: d.directionTownshipId,
      group: d.directionGroup,
    },
    receivedOn: d.receivedOn,
    recordedBy: d.recordedBy,
  };
}

/** The console's filters over the list (the API's list takes only the county). */
export interface DonationFilter {
  kind?: 'MONEY' | 'GOODS';
  donorKind?: 'PERSON' | 'ORGANISATION';
  /** Part of the donor's name. */
  donor?: string;
  /** Received on or after / on or before (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

export async function listDonations(
  db: Database,
  actor: Actor,
  q: { countyId?: string },
  filter: DonationFilter = {},
) {
  requireRole(actor, DONATION_READERS, '捐赠信息仅供县民政局、监督和管理人员查看');
  const counties = q.countyId
    ? [await countyInJurisdiction(db, actor, q.countyId, 'query.countyId')]
    : await readableCounties(db, actor);
  const rows = await db.donation.findMany({
    where: {
      countyId: { in: counties.map((c) => c.id) },
      ...(filter.kind && { kind: filter.kind }),
      ...(filter.donorKind && { donorKind: filter.donorKind }),
      ...(filter.donor && { donorName: { contains: filter.donor } }),
      ...((filter.from || filter.to) && {
        receivedOn: { ...(filter.from && { gte: filter.from }), ...(filter.to && { lte: filter.to }) },
      }),
    },
    orderBy: [{ countyId: 'asc' }, { receiptNo: 'desc' }],
    take: 500,
  });
  return { donations: rows.map(donationView) };
}

export async function donationFor(db: Database, actor: Actor, donationId: string) {
  requireRole(actor, DONATION_READERS, '捐赠信息仅供县民政局、监督和管理人员查看');
  const d = await db.donation.findUnique({ where: { id: donationId } });
  if (!d || !(await countyOf(db, actor, d.countyId)))
    throw new HttpError(404, 'not_found', '没有这笔捐赠 (no such donation)');
  return d;
}

/**
 * Where a donation went. Money: every roll's draw on the donations line it raised, and the part
 * of each draw this donation bore (proportional to what it gave of everything donated to the
 * line). Goods: every exchange that took units of its lot, with the household and township.
 */
export async function traceDonation(db: Database, actor: Actor, donationId: string) {
  const d = await donationFor(db, actor, donationId);
  const moneyTrace = d.budgetLineId
    ? await (async () => {
        const donated = await db.donation.aggregate({
          where: { budgetLineId: d.budgetLineId },
          _sum: { amountYuan: true },
        });
        const draws = await db.fundDraw.findMany({
          where: { budgetLineId: d.budgetLineId! },
          orderBy: { month: 'asc' },
        });
        const lineDonated = Number(donated._sum.amountYuan ?? 0);
        return draws.map((draw) => ({
          rollId: draw.rollId,
          month: draw.month,
          drawnYuan: Number(draw.amountYuan),
          shareYuan: donationShare(Number(draw.amountYuan), Number(d.amountYuan), lineDonated),
        }));
      })()
    : [];
  const lot = await db.donatedLot.findUnique({ where: { donationId: d.id } });
  const takes = lot
    ? await db.exchangeTake.findMany({
        where: { lotId: lot.id },
        include: { exchange: true },
        orderBy: { exchange: { createdAt: 'asc' } },
      })
    : [];
  const households = await db.household.findMany({
    where: { id: { in: takes.map((t) => t.exchange.householdId) } },
    select: { id: true, townshipId: true },
  });
  const township = new Map(households.map((h) => [h.id, h.townshipId]));
  return {
    donation: donationView(d),
    draws: moneyTrace,
    goods: lot ? { quantity: lot.quantity, remaining: lot.remaining } : null,
    exchanges: takes.map((t) => ({
      exchangeId: t.exchangeId,
      householdId: t.exchange.householdId,
      townshipId: township.get(t.exchange.householdId) ?? null,
      quantity: t.quantity,
      at: t.exchange.createdAt.toISOString(),
    })),
  };
}

export async function createSupermarket(
  db: Database,
  actor: Actor,
  body: { countyId: string; townshipId?: string; name: string },
) {
  requireRole(actor, DONATION_KEEPERS, '爱心超市仅由县民政局审批人员设立');
  const county = await countyInJurisdiction(db, actor, body.countyId, 'body.countyId');
  if (body.townshipId) await unitBelow(db, body.townshipId, county.path, 'body.townshipId');
  const existing = await db.charitySupermarket.findUnique({
    where: { countyId_name: { countyId: body.countyId, name: body.name } },
  });
  const market =
    existing ??
    (await db.charitySupermarket.create({
      data: { countyId: body.countyId, townshipId: body.townshipId ?? null, name: body.name },
    }));
  if (!existing) await audit(db, actor, 'createSupermarket', 'CharitySupermarket', market.id, body);
  return { supermarketId: market.id, name: market.name, countyId: market.countyId };
}

export async function listSupermarkets(db: Database, actor: Actor, q: { countyId?: string }) {
  requireRole(actor, DONATION_READERS, '爱心超市信息仅供县民政局、监督和管理人员查看');
  const counties = q.countyId
    ? [await countyInJurisdiction(db, actor, q.countyId, 'query.countyId')]
    : await readableCounties(db, actor);
  const rows = await db.charitySupermarket.findMany({
    where: { countyId: { in: counties.map((c) => c.id) } },
    orderBy: [{ countyId: 'asc' }, { name: 'asc' }],
  });
  return {
    supermarkets: rows.map((m) => ({
      supermarketId: m.id,
      countyId: m.countyId,
      townshipId: m.townshipId,
      name: m.name,
    })),
  };
}

async function supermarketFor(db: Database, actor: Actor, supermarketId: string) {
  requireRole(actor, DONATION_READERS, '爱心超市信息仅供县民政局、监督和管理人员查看');
  const m = await db.charitySupermarket.findUnique({ where: { id: supermarketId } });
  if (!m || !(await countyOf(db, actor, m.countyId)))
    throw new HttpError(404, 'not_found', '没有这家爱心超市 (no such supermarket)');
  return m;
}

export async function supermarketStock(db: Database, actor: Actor, supermarketId: string) {
  const m = await supermarketFor(db, actor, supermarketId);
  const stock = await db.supermarketStock.findMany({
    where: { supermarketId: m.id },
    orderBy: { itemName: 'asc' },
  });
  return {
    supermarketId: m.id,
    name: m.name,
    countyId: m.countyId,
    stock: stock.map((s) => ({
      stockId: s.id,
      itemName: s.itemName,
      quantity: s.quantity,
      pointsPerUnit: s.pointsPerUnit,
    })),
  };
}

export async function issuePoints(db: Database, actor: Actor, body: { countyId: string; month: string }) {
  requireRole(actor, DONATION_KEEPERS, '积分仅由县民政局审批人员发放');
  await countyInJurisdiction(db, actor, body.countyId, 'body.countyId');
  const done = await issueMonthlyPoints(db, body);
  await audit(db, actor, 'issuePoints', 'PointsIssue', `${body.countyId}:${body.month}`, done);
  return { ...body, ...done };
}

export async function exchange(
  db: Database,
  actor: Actor,
  supermarketId: string,
  body: { stockId: string; householdId: string; quantity: number },
) {
  const m = await supermarketFor(db, actor, supermarketId);
  requireRole(actor, DONATION_KEEPERS, '兑换仅由县民政局审批人员登记');
  const household = await db.household.findUnique({ where: { id: body.householdId } });
  if (!household || household.countyId !== m.countyId) {
    const message = '该县（市）没有这户家庭 (no such household in the county)';
    throw new HttpError(422, 'unknown_household', `body.householdId: ${message}`, [
      { field: 'body.householdId', message },
    ]);
  }
  const done = await exchangeGoods(db, { supermarketId: m.id, ...body }, actor.username).catch(conflict);
  await audit(db, actor, 'exchangeGoods', 'SupermarketExchange', done.exchangeId, body);
  return done;
}

/** The printable receipt 捐赠收据 (zh-CN HTML), from the stored donation, word for word each time. */
export async function donationReceipt(db: Database, actor: Actor, donationId: string): Promise<string> {
  const d = await donationFor(db, actor, donationId);
  const [county, township] = await Promise.all([
    db.orgUnit.findUnique({ where: { id: d.countyId } }),
    d.directionTownshipId ? db.orgUnit.findUnique({ where: { id: d.directionTownshipId } }) : null,
  ]);
  const direction =
    [
      d.directionProgramme
        ? ((PROGRAMMES as Record<string, ProgrammeDefinition>)[d.directionProgramme]?.name ?? null)
        : null,
      township?.name ?? null,
      d.directionGroup,
    ]
      .filter(Boolean)
      .join('，') || '不定向';
  return renderTemplate('notices/donation-receipt', {
    title: '社会捐赠收据',
    caseNo: d.receiptNo,
    donorKindName: d.donorKind === 'PERSON' ? '' : '单位',
    donorName: d.donorName,
    receivedOn: d.receivedOn,
    kindName: d.kind === 'MONEY' ? '捐款' : '捐物',
    amountYuan: d.amountYuan ? Number(d.amountYuan).toFixed(2) : null,
    itemName: d.itemName,
    quantity: d.quantity,
    direction,
    recordedBy: d.recordedBy,
    issuer: `${county?.name ?? d.countyId}民政局`,
    issuedOn: d.createdAt.toISOString().slice(0, 10),
  });
}
