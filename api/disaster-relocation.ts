import { randomUUID } from 'node:crypto';
import { Prisma } from '@prisma/client';
import type { Client } from '@temporalio/client';
import { transitionalAidEnd, RELOCATION_AID_KINDS } from '../domain/disaster-relocation';
import type { RelocationAidKind } from '../domain/disaster-relocation';
import { idCardFacts, maskIdCard } from '../domain/id-card';
import type { DisasterFacts } from '../domain/programme-facts';
import { isWithinJurisdiction, type Actor, type StaffRole } from '../domain/staff-roles';
import { localDateOf } from '../domain/working-days';
import type { Database } from '../platform/database';
import { policyOn } from '../activities/county-rules';
import { recordReturnHome } from '../workflows/disaster-definitions';
import { audit } from './audit';
import { issueCaseNumber } from './case-numbers';
import { caseWorkflowId, startCaseWorkflow } from './case-workflows';
import { DISASTER_READERS } from './disasters';
import { HttpError } from './http-error';
import { requireRole } from './payment-rolls';
import { executeStaffUpdate } from './workflow-updates';

/**
 * 紧急转移安置 emergency relocation. A site 安置点 is set up for an event in a township of a county
 * hit; its occupancy never exceeds its capacity (CHECK, and every registration is one conditional
 * UPDATE, so two registrations racing for the last place cannot both succeed). People are
 * registered at once, with an ID number where known (masked in every list and log) or a
 * description, and the aid given them: goods issued from the county's relief supplies where they
 * come from the reserve (the stock taken in the same transaction, never below zero), other goods
 * and cash recorded as given. With transitional living aid 过渡期生活救助 the registration opens a
 * 受灾人员救助 case (ZH-…) whose workflow pays the days relocated (workflows/disaster-relief.ts);
 * a return home ends it.
 */

/** Who runs the sites: the township's officers and the county's civil-affairs bureau. */
export const SITE_STAFF: readonly StaffRole[] = ['TOWNSHIP_OFFICER', 'COUNTY_APPROVER'];
export const SITE_READERS: readonly StaffRole[] = [...DISASTER_READERS, 'TOWNSHIP_OFFICER'];

type Tx = Prisma.TransactionClient;

const day = (d: Date) => d.toISOString().slice(0, 10);
const asDate = (local: string) => new Date(`${local}T00:00:00Z`);

export function fieldError(status: number, code: string, field: string, message: string): HttpError {
  return new HttpError(status, code, `${field}: ${message}`, [{ field, message }]);
}

/** A village of one of the counties the event hit, with its county; else 422 naming the field. */
export async function villageOfEventHit(
  db: Database,
  event: { counties: { countyId: string }[] },
  villageId: string,
  field: string,
) {
  const village = await db.orgUnit.findUnique({ where: { id: villageId }, include: { parent: true } });
  const countyId = village?.parent?.parentId;
  if (
    !village ||
    village.level !== 'VILLAGE' ||
    !countyId ||
    !event.counties.some((c) => c.countyId === countyId)
  )
    throw fieldError(
      422,
      'unknown_village',
      field,
      '不是受灾县（市）的村（社区）(not a village of a county hit)',
    );
  return { village, countyId };
}

export async function createSite(
  db: Database,
  actor: Actor,
  eventId: string,
  body: { townshipId: string; name: string; address: string; capacity: number },
) {
  requireRole(actor, SITE_STAFF, '安置点由乡镇或县民政部门设立');
  const event = await db.disasterEvent.findUnique({ where: { id: eventId }, include: { counties: true } });
  if (!event) throw new HttpError(404, 'not_found', '没有这次灾害事件 (no such event)');
  const township = await db.orgUnit.findUnique({ where: { id: body.townshipId } });
  if (
    !township ||
    township.level !== 'TOWNSHIP' ||
    !event.counties.some((c) => c.countyId === township.parentId)
  )
    throw fieldError(
      422,
      'unknown_township',
      'body.townshipId',
      '不是受灾县（市）的乡镇 (not a township of a county hit)',
    );
  if (!isWithinJurisdiction(actor.unitPath, township.path))
    throw fieldError(
      403,
      'forbidden',
      'body.townshipId',
      '该乡镇不在您的管辖范围内 (outside your jurisdiction)',
    );
  if (event.closedAt) throw new HttpError(409, 'closed', '该灾害事件已结束 (event closed)');
  try {
    const site = await db.relocationSite.create({
      data: {
        eventId,
        countyId: township.parentId!,
        townshipId: township.id,
        name: body.name,
        address: body.address,
        capacity: body.capacity,
        createdBy: actor.username,
      },
    });
    await audit(db, actor, 'createRelocationSite', 'RelocationSite', site.id, body);
    return siteSummary(site, township.name);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw fieldError(
        409,
        'duplicate_site',
        'body.name',
        '本次灾害已有同名安置点 (a site of that name exists)',
      );
    throw error;
  }
}

type SiteRow = Awaited<ReturnType<Database['relocationSite']['findUniqueOrThrow']>>;

const siteSummary = (s: SiteRow, townshipName: string) => ({
  siteId: s.id,
  eventId: s.eventId,
  countyId: s.countyId,
  townshipId: s.townshipId,
  townshipName,
  name: s.name,
  address: s.address,
  capacity: s.capacity,
  occupancy: s.occupancy,
});

/** A site the actor may act at (its township within the jurisdiction); another answers 404 like none. */
async function siteFor(db: Database, actor: Actor, siteId: string, roles: readonly StaffRole[]) {
  requireRole(actor, roles, '安置点由乡镇或县民政部门管理');
  const site = await db.relocationSite.findUnique({ where: { id: siteId } });
  const township = site && (await db.orgUnit.findUnique({ where: { id: site.townshipId } }));
  if (!site || !township || !isWithinJurisdiction(actor.unitPath, township.path))
    throw new HttpError(404, 'not_found', '没有这个安置点 (no such site)');
  return { site, township };
}

/** The sites of an event in the actor's jurisdiction, each with the people still there. */
export async function listSites(db: Database, actor: Actor, eventId: string) {
  requireRole(actor, SITE_READERS, '安置点仅供乡镇、县民政局、监督和管理人员查看');
  await eventSeenBy(db, actor, eventId);
  return { eventId, sites: await sitesOf(db, actor, [eventId]) };
}

/**
 * An event that hit a county in the actor's jurisdiction or the county the actor works in (a
 * township or village of it); otherwise 404 like none.
 */
export async function eventSeenBy(db: Database, actor: Actor, eventId: string) {
  const event = await db.disasterEvent.findUnique({
    where: { id: eventId },
    include: { counties: { include: { county: true } } },
  });
  if (
    !event ||
    !event.counties.some(
      (c) => isWithinJurisdiction(actor.unitPath, c.county.path) || actor.unitPath.startsWith(c.county.path),
    )
  )
    throw new HttpError(404, 'not_found', '没有这次灾害事件 (no such event)');
  return event;
}

/** Sites of the events, within the jurisdiction, with the people present and what they were given. */
export async function sitesOf(db: Database, actor: Actor, eventIds: string[]) {
  const sites = await db.relocationSite.findMany({
    where: { eventId: { in: eventIds } },
    orderBy: [{ townshipId: 'asc' }, { name: 'asc' }],
    include: {
      people: {
        where: { returnedOn: null },
        orderBy: [{ registeredOn: 'asc' }, { createdAt: 'asc' }],
        include: { aid: { orderBy: { createdAt: 'asc' } } },
      },
    },
  });
  const units = await db.orgUnit.findMany({
    where: {
      id: { in: [...new Set(sites.flatMap((s) => [s.townshipId, ...s.people.map((p) => p.homeVillageId)]))] },
    },
  });
  const unit = new Map(units.map((u) => [u.id, u]));
  const caseIds = sites.flatMap((s) => s.people.flatMap((p) => (p.caseId ? [p.caseId] : [])));
  const cases = await db.case.findMany({
    where: { id: { in: caseIds } },
    select: { id: true, caseNo: true, status: true },
  });
  const caseOf = new Map(cases.map((c) => [c.id, c]));
  return sites
    .filter((s) => {
      const township = unit.get(s.townshipId);
      return township && isWithinJurisdiction(actor.unitPath, township.path);
    })
    .map((s) => ({
      ...siteSummary(s, unit.get(s.townshipId)?.name ?? s.townshipId),
      present: s.people.map((p) =>
        personView(p, unit.get(p.homeVillageId)?.name, p.caseId ? caseOf.get(p.caseId) : undefined),
      ),
    }));
}

type PersonRow = Awaited<ReturnType<Database['relocatedPerson']['findUniqueOrThrow']>> & {
  aid: Awaited<ReturnType<Database['relocationAid']['findMany']>>;
};

function personView(
  p: PersonRow,
  homeVillageName: string | undefined,
  found?: { caseNo: string; status: string },
) {
  return {
    personId: p.id,
    siteId: p.siteId,
    name: p.name,
    idNumber: p.idNumber ? maskIdCard(p.idNumber) : null,
    description: p.description,
    homeVillageId: p.homeVillageId,
    homeVillageName: homeVillageName ?? p.homeVillageId,
    persons: p.persons,
    registeredOn: day(p.registeredOn),
    returnedOn: p.returnedOn ? day(p.returnedOn) : null,
    caseNo: found?.caseNo ?? null,
    caseStatus: found?.status ?? null,
    aid: p.aid.map((a) => ({
      kind: a.kind,
      kindName: RELOCATION_AID_KINDS[a.kind],
      label:
        a.item && a.item !== RELOCATION_AID_KINDS[a.kind]
          ? `${RELOCATION_AID_KINDS[a.kind]}（${a.item}）`
          : RELOCATION_AID_KINDS[a.kind],
      item: a.item,
      quantity: a.quantity,
      unit: a.unit,
      amountYuan: a.amountYuan === null ? null : Number(a.amountYuan),
      fromReserve: a.movementId !== null,
      by: a.givenBy,
    })),
  };
}

export interface AidItem {
  kind: RelocationAidKind;
  stockId?: string;
  item?: string;
  quantity?: number;
  unit?: string;
  amountYuan?: number;
}

/**
 * Writes the aid given to a person at a site; goods from a stock of the site's county are taken
 * from it (one conditional UPDATE, never below zero) and issued against the event and the site.
 */
async function writeAid(
  tx: Tx,
  actor: Actor,
  site: SiteRow,
  personId: string,
  aid: readonly AidItem[],
  field: string,
): Promise<void> {
  for (const [i, a] of aid.entries()) {
    let movementId: string | null = null;
    let item = a.item ?? null;
    let unit = a.unit ?? null;
    if (a.stockId) {
      const stock = await tx.reliefStock.findUnique({ where: { id: a.stockId } });
      if (!stock || stock.countyId !== site.countyId)
        throw fieldError(
          422,
          'unknown_stock',
          `${field}.${i}.stockId`,
          '不是本县（市）的物资储备 (not a stock of the site county)',
        );
      const taken = await tx.$executeRaw`
        UPDATE "ReliefStock" SET quantity = quantity - ${a.quantity!}, "updatedAt" = now()
        WHERE id = ${stock.id} AND quantity >= ${a.quantity!}`;
      if (taken !== 1)
        throw fieldError(
          409,
          'insufficient_stock',
          `${field}.${i}.quantity`,
          `库存不足，仅余 ${stock.quantity}${stock.unit} (only ${stock.quantity} left)`,
        );
      const movement = await tx.reliefMovement.create({
        data: {
          kind: 'ISSUE',
          stockId: stock.id,
          eventId: site.eventId,
          siteName: site.name,
          quantity: a.quantity!,
          byUsername: actor.username,
        },
      });
      movementId = movement.id;
      item = stock.item;
      unit = stock.unit;
    }
    await tx.relocationAid.create({
      data: {
        personId,
        kind: a.kind,
        item,
        quantity: a.kind === 'CASH' ? null : a.quantity!,
        unit,
        amountYuan: a.kind === 'CASH' ? a.amountYuan! : null,
        movementId,
        givenBy: actor.username,
      },
    });
  }
}

export interface Registration {
  name: string;
  idNumber?: string;
  description?: string;
  homeVillageId: string;
  persons: number;
  registeredOn?: string;
  transitionalAid: boolean;
  aid: AidItem[];
}

/** For the audit log: the ID number masked. */
const masked = (r: Registration) =>
  ({ ...r, idNumber: r.idNumber ? maskIdCard(r.idNumber) : null }) as unknown as Prisma.InputJsonValue;

/**
 * Registers a person (or a household of `persons`) at a site: the place taken (409 when the site
 * is full), the aid given, and with transitional aid the 受灾人员救助 case opened and its workflow
 * started. The same Idempotency-Key again answers the person already registered.
 */
export async function registerPerson(
  db: Database,
  temporal: { client: Client; taskQueue: string },
  actor: Actor,
  siteId: string,
  body: Registration,
  idempotencyKey: string | undefined,
) {
  const { site } = await siteFor(db, actor, siteId, SITE_STAFF);
  if (idempotencyKey) {
    const again = await db.relocatedPerson.findUnique({ where: { idempotencyKey } });
    if (again) {
      if (again.siteId !== siteId || again.name !== body.name)
        throw new HttpError(
          422,
          'idempotency_key_reused',
          'Idempotency-Key 已用于另一次登记 (key was used for a different request)',
        );
      return { created: false, ...(await personResult(db, again.id)) };
    }
  }
  const event = await db.disasterEvent.findUnique({
    where: { id: site.eventId },
    include: { counties: true },
  });
  if (!event || event.closedAt) throw new HttpError(409, 'closed', '该灾害事件已结束 (event closed)');
  const { village, countyId } = await villageOfEventHit(db, event, body.homeVillageId, 'body.homeVillageId');
  const today = localDateOf(Date.now());
  const registeredOn = body.registeredOn ?? today;
  if (registeredOn > today)
    throw fieldError(422, 'future_date', 'body.registeredOn', '登记日期不能晚于今天 (not in the future)');
  if (registeredOn < day(event.occurredOn))
    throw fieldError(422, 'before_event', 'body.registeredOn', '登记日期早于灾害发生日期 (before the event)');
  if (body.transitionalAid && countyId !== site.countyId)
    throw fieldError(
      422,
      'other_county',
      'body.transitionalAid',
      '过渡期生活救助由户籍所在县（市）的安置点登记 (only for people of the site county)',
    );
  const policy = body.transitionalAid ? await policyOn(db, countyId, registeredOn) : null;

  let caseId: string | null = null;
  let personId: string;
  try {
    personId = await db.$transaction(async (tx) => {
      const taken = await tx.$executeRaw`
        UPDATE "RelocationSite" SET occupancy = occupancy + ${body.persons}
        WHERE id = ${siteId} AND occupancy + ${body.persons} <= capacity`;
      if (taken !== 1) {
        const now = await tx.relocationSite.findUniqueOrThrow({ where: { id: siteId } });
        throw fieldError(
          409,
          'site_full',
          'body.persons',
          `安置点已满，仅余 ${now.capacity - now.occupancy} 个床位 (only ${now.capacity - now.occupancy} places left)`,
        );
      }
      const person = await tx.relocatedPerson.create({
        data: {
          siteId,
          eventId: site.eventId,
          name: body.name,
          idNumber: body.idNumber ?? null,
          description: body.description ?? null,
          homeVillageId: village.id,
          persons: body.persons,
          registeredOn: asDate(registeredOn),
          registeredBy: actor.username,
          idempotencyKey: idempotencyKey ?? null,
        },
      });
      await writeAid(tx, actor, site, person.id, body.aid, 'body.aid');
      if (policy) {
        const terms = policy.disasterRelief;
        const facts: DisasterFacts = {
          kind: 'transitional',
          eventId: site.eventId,
          personId: person.id,
          siteName: site.name,
          relocatedOn: registeredOn,
          persons: body.persons,
          dailyYuan: terms.transitionalDailyYuan,
          months: terms.transitionalMonths,
          endsOn: transitionalAidEnd(registeredOn, terms.transitionalMonths),
          returnedOn: null,
          paidDays: 0,
          paidYuan: 0,
        };
        caseId = await openDisasterCase(tx, actor, {
          village,
          countyId,
          name: body.name,
          idNumber: body.idNumber,
          address: `${site.name}（安置点）`,
          facts,
          intake: { channel: 'relocationSite', siteName: site.name, persons: body.persons },
        });
        await tx.relocatedPerson.update({ where: { id: person.id }, data: { caseId } });
      }
      return person.id;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw fieldError(
        409,
        'already_registered',
        'body.idNumber',
        '此人已在本次灾害的安置点登记，尚未返家 (already at a site)',
      );
    throw error;
  }
  await audit(db, actor, 'registerRelocatedPerson', 'RelocatedPerson', personId, masked(body));
  // Started once the rows are in; a start lost here is made by the left-behind reconciler.
  if (caseId) await startCaseWorkflow(db, temporal.client, temporal.taskQueue, caseId);
  return { created: true, ...(await personResult(db, personId)) };
}

async function personResult(db: Database, personId: string) {
  const p = await db.relocatedPerson.findUniqueOrThrow({
    where: { id: personId },
    include: { aid: { orderBy: { createdAt: 'asc' } }, site: true },
  });
  const [village, found] = await Promise.all([
    db.orgUnit.findUnique({ where: { id: p.homeVillageId } }),
    p.caseId ? db.case.findUnique({ where: { id: p.caseId }, select: { caseNo: true, status: true } }) : null,
  ]);
  return {
    ...personView(p, village?.name, found ?? undefined),
    site: { siteId: p.site.id, name: p.site.name, capacity: p.site.capacity, occupancy: p.site.occupancy },
  };
}

/**
 * A 受灾人员救助 case: household, case row, first event, its number. Opened for a relocated person
 * here, and for each household a village list approves (activities/disaster-lists.ts); `status`
 * and `closed` for a grant paid at once, whose case needs no workflow of its own.
 */
export async function openDisasterCase(
  tx: Tx,
  actor: Pick<Actor, 'userId' | 'role' | 'displayName'>,
  c: {
    village: { id: string; parentId: string | null; path: string };
    countyId: string;
    name: string;
    idNumber: string | null | undefined;
    address: string;
    facts: DisasterFacts | null;
    intake: Prisma.InputJsonObject;
    status?: 'SUBMITTED' | 'GRANTED';
    closed?: boolean;
  },
): Promise<string> {
  const provisional = `pending/${randomUUID()}`;
  const facts = c.idNumber ? idCardFacts(c.idNumber) : null;
  const household = await tx.household.create({
    data: {
      countyId: c.countyId,
      townshipId: c.village.parentId!,
      villageId: c.village.id,
      address: c.address,
      ...(c.idNumber &&
        facts && {
          members: {
            create: [
              {
                name: c.name,
                idNumber: c.idNumber,
                relation: 'APPLICANT',
                birthDate: asDate(facts.birthDate),
                sex: facts.sex,
                labourCapacity: 'FULL',
                health: 'HEALTHY',
              },
            ],
          },
        }),
    },
  });
  const created = await tx.case.create({
    data: {
      caseNo: provisional,
      programmeCode: 'DISASTER',
      householdId: household.id,
      countyId: c.countyId,
      townshipId: c.village.parentId!,
      villageId: c.village.id,
      applicantName: c.name,
      status: c.status ?? 'SUBMITTED',
      workflowId: provisional,
      createdById: actor.userId,
      lastEventSeq: 1,
      programmeFacts: c.facts ?? Prisma.DbNull,
      ...(c.status && { workflowStartedAt: new Date() }),
      ...(c.closed && { closedAt: new Date() }),
    },
  });
  await tx.caseEvent.create({
    data: {
      caseId: created.id,
      seq: 1,
      type: 'applicationReceived',
      actorId: actor.userId,
      actorRole: actor.role,
      actorName: actor.displayName,
      payload: c.intake,
      idempotencyKey: `intake/${created.id}`,
    },
  });
  const caseNo = await issueCaseNumber(tx, 'DISASTER', c.countyId, new Date());
  await tx.case.update({ where: { id: created.id }, data: { caseNo, workflowId: caseWorkflowId(caseNo) } });
  return created.id;
}

/** Further aid given to a person still at the site. */
export async function giveAid(
  db: Database,
  actor: Actor,
  siteId: string,
  personId: string,
  body: { aid: AidItem[] },
) {
  const { site } = await siteFor(db, actor, siteId, SITE_STAFF);
  const person = await db.relocatedPerson.findUnique({ where: { id: personId } });
  if (!person || person.siteId !== siteId)
    throw new HttpError(404, 'not_found', '该安置点没有此人 (no such person here)');
  if (person.returnedOn) throw new HttpError(409, 'returned', '此人已返家 (returned home)');
  await db.$transaction((tx) => writeAid(tx, actor, site, personId, body.aid, 'body.aid'));
  await audit(
    db,
    actor,
    'giveRelocationAid',
    'RelocatedPerson',
    personId,
    body as unknown as Prisma.InputJsonValue,
  );
  return personResult(db, personId);
}

/**
 * 返家: the person leaves the site (the place freed) and, with transitional aid, the case's
 * workflow pays the days up to the return and ends. The workflow checks the date first (not
 * before the days already paid, nor in the future), so a refused date changes nothing; a retry
 * after the workflow took the return finds the case closed and only frees the place.
 */
export async function returnHome(
  db: Database,
  temporal: Client,
  actor: Actor,
  siteId: string,
  personId: string,
  body: { returnedOn: string; note?: string },
) {
  const { site } = await siteFor(db, actor, siteId, SITE_STAFF);
  const person = await db.relocatedPerson.findUnique({ where: { id: personId } });
  if (!person || person.siteId !== siteId)
    throw new HttpError(404, 'not_found', '该安置点没有此人 (no such person here)');
  if (person.returnedOn) throw new HttpError(409, 'returned', '此人已登记返家 (already returned home)');
  let returnedOn = body.returnedOn;
  const today = localDateOf(Date.now());
  const found = person.caseId ? await db.case.findUniqueOrThrow({ where: { id: person.caseId } }) : null;
  if (found && !found.closedAt) {
    await executeStaffUpdate(
      temporal,
      found.workflowId,
      recordReturnHome,
      { actor, payload: { returnedOn, ...(body.note && { note: body.note }) } },
      { code: 'closed', message: '过渡期生活救助已结束 (the aid has ended)' },
    );
  } else {
    const recorded = (found?.programmeFacts as { returnedOn?: string | null } | null)?.returnedOn;
    if (recorded) returnedOn = recorded;
    else if (returnedOn < day(person.registeredOn))
      throw fieldError(
        422,
        'before_registration',
        'body.returnedOn',
        `返家日期不能早于安置日期 ${day(person.registeredOn)}`,
      );
    else if (returnedOn > today)
      throw fieldError(422, 'future_date', 'body.returnedOn', `返家日期不能晚于今天 ${today}`);
  }
  await db.$transaction(async (tx) => {
    const freed = await tx.relocatedPerson.updateMany({
      where: { id: personId, returnedOn: null },
      data: { returnedOn: asDate(returnedOn), returnedBy: actor.username },
    });
    if (freed.count === 1)
      await tx.$executeRaw`UPDATE "RelocationSite" SET occupancy = occupancy - ${person.persons} WHERE id = ${site.id}`;
  });
  await audit(db, actor, 'recordReturnHome', 'RelocatedPerson', personId, body);
  return personResult(db, personId);
}

/**
 * What the /disasters page shows of relocation for the reader: the open events hitting the
 * reader's county (a township officer reads no tally, only the sites), the sites with the people
 * still there, the transitional aid cases in progress and any overdue DISASTER case.
 */
export async function relocationOverview(db: Database, actor: Actor) {
  // Village assistants see their village's lists there (no sites, no tally).
  requireRole(
    actor,
    [...SITE_READERS, 'VILLAGE_ASSISTANT'],
    '灾害救助仅供村、乡镇、县民政局、监督和管理人员查看',
  );
  const events = await db.disasterEvent.findMany({
    where: { closedAt: null },
    include: { counties: { include: { county: true } } },
    orderBy: [{ occurredOn: 'desc' }, { createdAt: 'desc' }],
  });
  const near = events.filter((e) =>
    e.counties.some(
      (c) => isWithinJurisdiction(actor.unitPath, c.county.path) || actor.unitPath.startsWith(c.county.path),
    ),
  );
  const eventIds = near.map((e) => e.id);
  const sites = await sitesOf(db, actor, eventIds);
  const countyIds = [...new Set(near.flatMap((e) => e.counties.map((c) => c.countyId)))];
  // The reserves a site may draw from: those of the counties hit that the reader belongs to or oversees.
  const ownCounties = near.flatMap((e) =>
    e.counties
      .filter(
        (c) =>
          isWithinJurisdiction(actor.unitPath, c.county.path) || actor.unitPath.startsWith(c.county.path),
      )
      .map((c) => c.countyId),
  );
  const [townships, villages, aidCases, stocks] = await Promise.all([
    db.orgUnit.findMany({
      where: { level: 'TOWNSHIP', parentId: { in: countyIds }, path: { startsWith: actor.unitPath } },
      orderBy: { id: 'asc' },
      select: { id: true, name: true, parentId: true },
    }),
    db.orgUnit.findMany({
      where: { level: 'VILLAGE', path: { startsWith: actor.unitPath } },
      orderBy: { id: 'asc' },
      select: { id: true, name: true, path: true },
    }),
    db.relocatedPerson.findMany({
      where: { eventId: { in: eventIds }, caseId: { not: null } },
      select: { eventId: true, caseId: true, siteId: true },
    }),
    db.reliefStock.findMany({
      where: { countyId: { in: ownCounties }, quantity: { gt: 0 } },
      orderBy: [{ countyId: 'asc' }, { item: 'asc' }, { location: 'asc' }],
    }),
  ]);
  const counties = new Map(near.flatMap((e) => e.counties.map((c) => [c.countyId, c.county.path])));
  const cases = await db.case.findMany({
    where: { id: { in: aidCases.map((a) => a.caseId!) } },
    select: {
      id: true,
      caseNo: true,
      applicantName: true,
      status: true,
      overdue: true,
      currentStep: true,
      dueAt: true,
      closedAt: true,
    },
  });
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const siteIds = new Set(sites.map((s) => s.siteId));
  return near.map((e) => {
    const ofEvent = aidCases
      .filter((a) => a.eventId === e.id && siteIds.has(a.siteId))
      .map((a) => caseById.get(a.caseId!)!);
    return {
      eventId: e.id,
      name: e.name,
      sites: sites.filter((s) => s.eventId === e.id),
      stillRelocated: sites.filter((s) => s.eventId === e.id).reduce((n, s) => n + s.occupancy, 0),
      inProgress: ofEvent.filter((c) => c && !c.closedAt).length,
      ended: ofEvent.filter((c) => c && c.closedAt).length,
      overdue: ofEvent
        .filter((c) => c && !c.closedAt && c.overdue)
        .map((c) => ({
          caseNo: c.caseNo,
          name: c.applicantName,
          step: c.currentStep,
          dueAt: c.dueAt?.toISOString() ?? null,
        })),
      townships: townships.filter((t) => e.counties.some((c) => c.countyId === t.parentId)),
      stocks: stocks
        .filter((st) => e.counties.some((c) => c.countyId === st.countyId))
        .map((st) => ({
          stockId: st.id,
          countyId: st.countyId,
          item: st.item,
          unit: st.unit,
          location: st.location,
          quantity: st.quantity,
        })),
      villages: villages.filter((v) =>
        e.counties.some((c) => v.path.startsWith(counties.get(c.countyId) ?? '-')),
      ),
    };
  });
}
