import { randomUUID } from 'node:crypto';
import { DISASTER_KINDS, figureProblems, responseLevelName, type DisasterFigures } from '../domain/disaster';
import type { DisasterKind } from '../domain/disaster';
import { isWithinJurisdiction, type Actor, type StaffRole } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { audit } from './audit';
import { HttpError } from './http-error';
import { countyInJurisdiction, readableCounties, requireRole } from './payment-rolls';

/**
 * 灾害救助 disaster relief, first slice. An event is declared by the prefecture's or a county's
 * staff (county approvers, supervisors) for the counties hit; the same staff file dated reports per
 * village, kept as filed (append-only), so the tally — the latest report of each village — shows
 * how it grew. Relief supplies 救灾物资 are a county's reserves, received, issued against an event
 * and a site, and transferred by the county's approver; a quantity never goes below zero (CHECK),
 * and each move is one conditional UPDATE, so two issues racing for the last tents cannot both
 * succeed.
 */

export const DISASTER_READERS: readonly StaffRole[] = ['COUNTY_APPROVER', 'SUPERVISOR', 'ADMINISTRATOR'];
export const DISASTER_REPORTERS: readonly StaffRole[] = ['COUNTY_APPROVER', 'SUPERVISOR'];
export const SUPPLY_KEEPERS: readonly StaffRole[] = ['COUNTY_APPROVER'];

const money = (v: unknown) => Number(v ?? 0);
const day = (d: Date) => d.toISOString().slice(0, 10);

export async function declareEvent(
  db: Database,
  actor: Actor,
  body: { kind: DisasterKind; name: string; occurredOn: string; responseLevel: number; countyIds: string[] },
) {
  requireRole(actor, DISASTER_REPORTERS, '灾害事件由州、县民政部门启动');
  for (const [i, id] of body.countyIds.entries())
    await countyInJurisdiction(db, actor, id, `body.countyIds.${i}`);
  const event = await db.disasterEvent.create({
    data: {
      kind: body.kind,
      name: body.name,
      occurredOn: new Date(`${body.occurredOn}T00:00:00Z`),
      responseLevel: body.responseLevel,
      declaredByUnitId: actor.unitId,
      declaredBy: actor.username,
      counties: { create: body.countyIds.map((countyId) => ({ countyId })) },
    },
  });
  await audit(db, actor, 'declareDisaster', 'DisasterEvent', event.id, body);
  return eventView(db, actor, event.id);
}

/** An event the actor may read (one of its counties in the jurisdiction); otherwise 404 like none. */
async function readableEvent(db: Database, actor: Actor, eventId: string) {
  requireRole(actor, DISASTER_READERS, '灾情仅供县民政局、监督和管理人员查看');
  const event = await db.disasterEvent.findUnique({
    where: { id: eventId },
    include: { counties: { include: { county: true }, orderBy: { countyId: 'asc' } } },
  });
  if (!event || !event.counties.some((c) => isWithinJurisdiction(actor.unitPath, c.county.path)))
    throw new HttpError(404, 'not_found', '没有这次灾害事件 (no such event)');
  return event;
}

export async function listEvents(db: Database, actor: Actor) {
  requireRole(actor, DISASTER_READERS, '灾情仅供县民政局、监督和管理人员查看');
  const counties = (await readableCounties(db, actor)).map((c) => c.id);
  const events = await db.disasterEvent.findMany({
    where: { closedAt: null, counties: { some: { countyId: { in: counties } } } },
    include: { counties: { select: { countyId: true }, orderBy: { countyId: 'asc' } } },
    orderBy: [{ occurredOn: 'desc' }, { createdAt: 'desc' }],
  });
  return {
    events: await Promise.all(events.map((e) => eventView(db, actor, e.id))),
  };
}

type TallyRow = {
  villageId: string;
  villageName: string;
  countyId: string;
  reportedOn: Date;
  affected: number;
  relocated: number;
  dead: number;
  missing: number;
  housesCollapsed: number;
  housesDamaged: number;
  directLossYuan: string;
};

type GrowthRow = Omit<TallyRow, 'villageId' | 'villageName' | 'countyId' | 'reportedOn'> & {
  asOf: Date;
  villages: number;
};

const FIGURES = [
  'affected',
  'relocated',
  'dead',
  'missing',
  'housesCollapsed',
  'housesDamaged',
] as const satisfies readonly (keyof DisasterFigures)[];

function sumFigures(
  rows: readonly (Pick<TallyRow, (typeof FIGURES)[number]> & { directLossYuan: string })[],
) {
  const total: DisasterFigures = {
    affected: 0,
    relocated: 0,
    dead: 0,
    missing: 0,
    housesCollapsed: 0,
    housesDamaged: 0,
    directLossYuan: 0,
  };
  for (const r of rows) {
    for (const f of FIGURES) total[f] += Number(r[f]);
    total.directLossYuan = Math.round((total.directLossYuan + money(r.directLossYuan)) * 100) / 100;
  }
  return total;
}

/**
 * The event with its tally: the latest report of each village (SQL, DISTINCT ON), totals per
 * county and for the event, how the total grew report date by report date, and the supplies
 * issued against it.
 */
export async function eventView(db: Database, actor: Actor, eventId: string) {
  const event = await readableEvent(db, actor, eventId);
  const [latest, growth, issued] = await Promise.all([
    db.$queryRaw<TallyRow[]>`
      SELECT DISTINCT ON (r."villageId") r."villageId", v.name AS "villageName", r."countyId", r."reportedOn",
        r.affected, r.relocated, r.dead, r.missing, r."housesCollapsed", r."housesDamaged",
        r."directLossYuan"::text AS "directLossYuan"
      FROM "DisasterReport" r JOIN "OrgUnit" v ON v.id = r."villageId"
      WHERE r."eventId" = ${eventId}
      ORDER BY r."villageId", r."reportedOn" DESC, r."createdAt" DESC`,
    db.$queryRaw<GrowthRow[]>`
      SELECT d.day AS "asOf", count(*)::int AS villages,
        sum(x.affected)::float8 AS affected, sum(x.relocated)::float8 AS relocated, sum(x.dead)::float8 AS dead,
        sum(x.missing)::float8 AS missing, sum(x."housesCollapsed")::float8 AS "housesCollapsed",
        sum(x."housesDamaged")::float8 AS "housesDamaged", sum(x."directLossYuan")::text AS "directLossYuan"
      FROM (SELECT DISTINCT "reportedOn" AS day FROM "DisasterReport" WHERE "eventId" = ${eventId}) d
      CROSS JOIN LATERAL (
        SELECT DISTINCT ON (r."villageId") r.*
        FROM "DisasterReport" r
        WHERE r."eventId" = ${eventId} AND r."reportedOn" <= d.day
        ORDER BY r."villageId", r."reportedOn" DESC, r."createdAt" DESC
      ) x
      GROUP BY d.day ORDER BY d.day`,
    db.reliefMovement.findMany({
      where: { eventId, kind: 'ISSUE' },
      include: { stock: true },
      orderBy: { createdAt: 'asc' },
    }),
  ]);
  const villages = latest.map((r) => ({
    villageId: r.villageId,
    villageName: r.villageName,
    countyId: r.countyId,
    reportedOn: day(r.reportedOn),
    ...sumFigures([r]),
  }));
  return {
    eventId: event.id,
    kind: event.kind,
    kindName: DISASTER_KINDS[event.kind],
    name: event.name,
    occurredOn: day(event.occurredOn),
    responseLevel: event.responseLevel,
    responseLevelName: responseLevelName(event.responseLevel),
    declaredBy: event.declaredBy,
    open: event.closedAt === null,
    counties: event.counties.map((c) => ({
      countyId: c.countyId,
      countyName: c.county.name,
      ...sumFigures(latest.filter((r) => r.countyId === c.countyId)),
    })),
    tally: sumFigures(latest),
    villages,
    growth: growth.map((g) => ({
      asOf: day(g.asOf),
      villages: g.villages,
      ...sumFigures([g]),
    })),
    issued: issued.map((m) => ({
      movementId: m.id,
      item: m.stock.item,
      unit: m.stock.unit,
      countyId: m.stock.countyId,
      siteName: m.siteName,
      quantity: m.quantity,
      by: m.byUsername,
      at: m.createdAt.toISOString(),
    })),
  };
}

export async function fileReport(
  db: Database,
  actor: Actor,
  eventId: string,
  body: DisasterFigures & { villageId: string; reportedOn: string },
) {
  requireRole(actor, DISASTER_REPORTERS, '灾情由州、县民政部门报告');
  const event = await readableEvent(db, actor, eventId);
  if (event.closedAt) throw new HttpError(409, 'closed', '该灾害事件已结束 (event closed)');
  const village = await db.orgUnit.findUnique({ where: { id: body.villageId } });
  const county = village && event.counties.find((c) => village.path.startsWith(c.county.path));
  if (!village || village.level !== 'VILLAGE' || !county) {
    const message = `村（社区）${body.villageId} 不在受灾县（市）内 (not a village of a county hit)`;
    throw new HttpError(422, 'unknown_village', `body.villageId: ${message}`, [
      { field: 'body.villageId', message },
    ]);
  }
  if (!isWithinJurisdiction(actor.unitPath, village.path))
    throw new HttpError(403, 'forbidden', '该村不在您的管辖范围内 (village outside your jurisdiction)', [
      { field: 'body.villageId', message: 'outside your jurisdiction' },
    ]);
  const problems = figureProblems(body);
  if (problems.length > 0)
    throw new HttpError(
      422,
      'inconsistent_figures',
      problems.map((p) => `body.${p.field}: ${p.message}`).join('; '),
      problems.map((p) => ({ field: `body.${p.field}`, message: p.message })),
    );
  if (body.reportedOn < day(event.occurredOn)) {
    const message = '报告日期早于灾害发生日期 (before the event)';
    throw new HttpError(422, 'before_event', `body.reportedOn: ${message}`, [
      { field: 'body.reportedOn', message },
    ]);
  }
  const report = await db.disasterReport.create({
    data: {
      eventId,
      countyId: county.countyId,
      villageId: village.id,
      reportedOn: new Date(`${body.reportedOn}T00:00:00Z`),
      affected: body.affected,
      relocated: body.relocated,
      dead: body.dead,
      missing: body.missing,
      housesCollapsed: body.housesCollapsed,
      housesDamaged: body.housesDamaged,
      directLossYuan: body.directLossYuan,
      reportedBy: actor.username,
    },
  });
  await audit(db, actor, 'reportDisaster', 'DisasterReport', report.id, { eventId, ...body });
  return { reportId: report.id, ...(await eventView(db, actor, eventId)) };
}

// ── 救灾物资 relief supplies ──

type StockRow = Awaited<ReturnType<Database['reliefStock']['findUniqueOrThrow']>>;

const stockView = (s: StockRow) => ({
  stockId: s.id,
  countyId: s.countyId,
  item: s.item,
  unit: s.unit,
  location: s.location,
  quantity: s.quantity,
});

export async function listStocks(db: Database, actor: Actor, q: { countyId?: string }) {
  requireRole(actor, DISASTER_READERS, '救灾物资仅供县民政局、监督和管理人员查看');
  const counties = q.countyId
    ? [await countyInJurisdiction(db, actor, q.countyId, 'query.countyId')]
    : await readableCounties(db, actor);
  const stocks = await db.reliefStock.findMany({
    where: { countyId: { in: counties.map((c) => c.id) } },
    orderBy: [{ countyId: 'asc' }, { item: 'asc' }, { location: 'asc' }],
  });
  return { stocks: stocks.map(stockView) };
}

/** Goods received into a county's reserve (入库): the stock of the item at the place grows or is made. */
export async function receiveSupplies(
  db: Database,
  actor: Actor,
  body: { countyId: string; item: string; unit: string; location: string; quantity: number },
) {
  requireRole(actor, SUPPLY_KEEPERS, '救灾物资由县民政局管理');
  await countyInJurisdiction(db, actor, body.countyId, 'body.countyId');
  const stock = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; unit: string }[]>`
      INSERT INTO "ReliefStock" (id, "countyId", item, unit, location, quantity)
      VALUES (${randomUUID()}, ${body.countyId}, ${body.item}, ${body.unit}, ${body.location}, ${body.quantity})
      ON CONFLICT ("countyId", item, location)
      DO UPDATE SET quantity = "ReliefStock".quantity + EXCLUDED.quantity, "updatedAt" = now()
      WHERE "ReliefStock".unit = EXCLUDED.unit
      RETURNING id, unit`;
    if (rows.length === 0) return null;
    await tx.reliefMovement.create({
      data: { kind: 'RECEIPT', stockId: rows[0]!.id, quantity: body.quantity, byUsername: actor.username },
    });
    return tx.reliefStock.findUniqueOrThrow({ where: { id: rows[0]!.id } });
  });
  if (!stock) {
    const message = '该物资在此地点以另一计量单位储存 (stored there in another unit)';
    throw new HttpError(409, 'unit_mismatch', `body.unit: ${message}`, [{ field: 'body.unit', message }]);
  }
  await audit(db, actor, 'receiveSupplies', 'ReliefStock', stock.id, body);
  return stockView(stock);
}

/** A stock the county's approver keeps; another county's answers 404 like none. */
async function keptStock(db: Database, actor: Actor, stockId: string) {
  requireRole(actor, SUPPLY_KEEPERS, '救灾物资由县民政局管理');
  const stock = await db.reliefStock.findUnique({ where: { id: stockId }, include: { county: true } });
  if (!stock || !isWithinJurisdiction(actor.unitPath, stock.county.path))
    throw new HttpError(404, 'not_found', '没有这项物资储备 (no such stock)');
  return stock;
}

function tooFew(available: number, unit: string): HttpError {
  const message = `库存不足，仅余 ${available}${unit} (only ${available} left)`;
  return new HttpError(409, 'insufficient_stock', `body.quantity: ${message}`, [
    { field: 'body.quantity', message },
  ]);
}

/**
 * Takes `quantity` from a stock in one conditional UPDATE (never below zero): of two requests
 * racing for the last items, the second finds the row changed and takes nothing.
 */
async function take(
  tx: Parameters<Parameters<Database['$transaction']>[0]>[0],
  stockId: string,
  quantity: number,
) {
  const taken = await tx.$executeRaw`
    UPDATE "ReliefStock" SET quantity = quantity - ${quantity}, "updatedAt" = now()
    WHERE id = ${stockId} AND quantity >= ${quantity}`;
  return taken === 1;
}

/** Supplies issued from a stock to a relocation site of an event hitting the stock's county (发放). */
export async function issueSupplies(
  db: Database,
  actor: Actor,
  stockId: string,
  body: { eventId: string; siteName: string; quantity: number },
) {
  const stock = await keptStock(db, actor, stockId);
  const event = await db.disasterEvent.findUnique({
    where: { id: body.eventId },
    include: { counties: true },
  });
  if (!event || event.closedAt || !event.counties.some((c) => c.countyId === stock.countyId)) {
    const message = '不是本县（市）在办的灾害事件 (no open event of this county)';
    throw new HttpError(422, 'unknown_event', `body.eventId: ${message}`, [
      { field: 'body.eventId', message },
    ]);
  }
  const movement = await db.$transaction(async (tx) => {
    if (!(await take(tx, stockId, body.quantity))) return null;
    return tx.reliefMovement.create({
      data: {
        kind: 'ISSUE',
        stockId,
        eventId: body.eventId,
        siteName: body.siteName,
        quantity: body.quantity,
        byUsername: actor.username,
      },
    });
  });
  const after = await db.reliefStock.findUniqueOrThrow({ where: { id: stockId } });
  if (!movement) throw tooFew(after.quantity, after.unit);
  await audit(db, actor, 'issueSupplies', 'ReliefStock', stockId, body);
  return { movementId: movement.id, ...stockView(after) };
}

/** Supplies moved to another place of the same or another county in the jurisdiction (调拨). */
export async function transferSupplies(
  db: Database,
  actor: Actor,
  stockId: string,
  body: { toCountyId: string; toLocation: string; quantity: number; eventId?: string },
) {
  const stock = await keptStock(db, actor, stockId);
  await countyInJurisdiction(db, actor, body.toCountyId, 'body.toCountyId');
  if (body.toCountyId === stock.countyId && body.toLocation === stock.location) {
    const message = '调入地点与调出地点相同 (the same place)';
    throw new HttpError(422, 'same_place', `body.toLocation: ${message}`, [
      { field: 'body.toLocation', message },
    ]);
  }
  if (body.eventId && !(await db.disasterEvent.findUnique({ where: { id: body.eventId } }))) {
    const message = '没有这次灾害事件 (no such event)';
    throw new HttpError(422, 'unknown_event', `body.eventId: ${message}`, [
      { field: 'body.eventId', message },
    ]);
  }
  const moved = await db.$transaction(async (tx) => {
    if (!(await take(tx, stockId, body.quantity))) return null;
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "ReliefStock" (id, "countyId", item, unit, location, quantity)
      VALUES (${randomUUID()}, ${body.toCountyId}, ${stock.item}, ${stock.unit}, ${body.toLocation}, ${body.quantity})
      ON CONFLICT ("countyId", item, location)
      DO UPDATE SET quantity = "ReliefStock".quantity + EXCLUDED.quantity, "updatedAt" = now()
      WHERE "ReliefStock".unit = EXCLUDED.unit
      RETURNING id`;
    if (rows.length === 0)
      throw new HttpError(409, 'unit_mismatch', '调入地点以另一计量单位储存该物资 (another unit there)');
    const movement = await tx.reliefMovement.create({
      data: {
        kind: 'TRANSFER',
        stockId,
        toStockId: rows[0]!.id,
        eventId: body.eventId ?? null,
        quantity: body.quantity,
        byUsername: actor.username,
      },
    });
    return { movement, toStockId: rows[0]!.id };
  });
  const after = await db.reliefStock.findUniqueOrThrow({ where: { id: stockId } });
  if (!moved) throw tooFew(after.quantity, after.unit);
  await audit(db, actor, 'transferSupplies', 'ReliefStock', stockId, body);
  const to = await db.reliefStock.findUniqueOrThrow({ where: { id: moved.toStockId } });
  return { movementId: moved.movement.id, from: stockView(after), to: stockView(to) };
}
