import {
  answerOffer,
  careHomesOverview,
  releaseBed,
  requestPlacement,
  transferPlacement,
  withdrawFromWaitingList,
  type RequestPlacementInput,
} from '../../activities/care-homes';
import type { CareLevel } from '../../domain/care-level';
import type { Database } from '../../platform/database';
import { CARE_HOMES, seedCareHomes } from '../../prisma/seed/care-homes';
import { createTestDatabase } from '../support/test-database';

/**
 * Care-home beds against a real Postgres: placement, the waiting list, offers, transfers and
 * the race for the last bed. Each scenario runs in its own county (the waiting list is a
 * county's), on homes made here; the seeded 大理市 homes are checked as seeded.
 */

let db: Database;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

afterAll(async () => {
  await db?.$disconnect();
});

let serial = 0;
const nextSerial = () => (serial += 1);
let keySerial = 0;
const newKey = (what: string) => `test/${what}/${(keySerial += 1)}`;

interface Person {
  caseId: string;
  personId: string;
  workflowId: string;
  countyId: string;
  name: string;
}

/** A 特困 person alone in a household of the county's first township and village, with a case. */
async function tekunPerson(
  countyId: string,
  name: string,
  { status = 'ENROLLED', programmeCode = 'TEKUN' as 'TEKUN' | 'DIBAO_RURAL' } = {},
): Promise<Person> {
  const n = nextSerial();
  const townshipId = `${countyId}001`;
  const villageId = `${townshipId}001`;
  const household = await db.household.create({
    data: {
      countyId,
      townshipId,
      villageId,
      address: `测试地址 ${n} 号`,
      members: {
        create: {
          name,
          idNumber: `53290119400101${String(n).padStart(4, '0')}`,
          relation: 'APPLICANT',
          birthDate: new Date('1940-01-01T00:00:00Z'),
          sex: 'M',
          labourCapacity: 'NONE',
          health: 'CHRONIC',
        },
      },
    },
    include: { members: true },
  });
  const caseNo = `TK-${countyId}-2026-${String(n).padStart(6, '0')}`;
  const created = await db.case.create({
    data: {
      caseNo,
      programmeCode,
      householdId: household.id,
      countyId,
      townshipId,
      villageId,
      applicantName: name,
      status,
      workflowId: `case-${caseNo}`,
    },
  });
  return {
    caseId: created.id,
    personId: household.members[0]!.id,
    workflowId: created.workflowId,
    countyId,
    name,
  };
}

/** A care home (org unit and row) below the county's first township, with beds by label. */
async function careHome(countyId: string, name: string, beds: [label: string, level: CareLevel][]) {
  const townshipId = `${countyId}001`;
  const township = await db.orgUnit.findUniqueOrThrow({ where: { id: townshipId } });
  const id = `${townshipId}-T${nextSerial()}`;
  await db.orgUnit.create({
    data: { id, name, level: 'CARE_HOME', parentId: townshipId, path: `${township.path}${id}/` },
  });
  await db.careHome.create({
    data: {
      id,
      countyId,
      townshipId,
      name,
      address: `${name}地址`,
      staffCount: 2,
      beds: { create: beds.map(([label, careLevel]) => ({ label, careLevel })) },
    },
  });
  const rows = await db.careHomeBed.findMany({ where: { homeId: id } });
  const bedId = (label: string) => {
    const found = rows.find((bed) => bed.label === label);
    if (!found) throw new Error(`no bed ${label} in ${name}`);
    return found.id;
  };
  return { id, name, bedId };
}

const ask = (person: Person, careLevel: CareLevel, preferredHomeId?: string, key = newKey('request')) => {
  const input: RequestPlacementInput = {
    key,
    caseId: person.caseId,
    personId: person.personId,
    countyId: person.countyId,
    preferredHomeId,
    careLevel,
    workflowId: person.workflowId,
  };
  return requestPlacement(db, input);
};

/** Every row the care-home activities write, counted. */
async function rowCounts() {
  const [placements, entries, offers, commands, occupied, held] = await Promise.all([
    db.carePlacement.count(),
    db.careWaitingEntry.count(),
    db.careBedOffer.count(),
    db.careHomeCommand.count(),
    db.careHomeBed.count({ where: { occupantPlacementId: { not: null } } }),
    db.careHomeBed.count({ where: { heldByOfferId: { not: null } } }),
  ]);
  return { placements, entries, offers, commands, occupied, held };
}

/** Beds holding more than one PLACED placement, or whose occupant is not PLACED in that bed. */
async function doubleBooked(): Promise<unknown[]> {
  return db.$queryRaw`
    SELECT b.id FROM "CareHomeBed" b
    WHERE (SELECT count(*) FROM "CarePlacement" p WHERE p."bedId" = b.id AND p.status = 'PLACED') > 1
       OR (b."occupantPlacementId" IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM "CarePlacement" p
             WHERE p.id = b."occupantPlacementId" AND p."bedId" = b.id AND p.status = 'PLACED'))`;
}

describe('the seeded care homes of 大理市', () => {
  test('喜洲镇敬老院 and 大理镇敬老院 are units below their townships, with beds by level and a manager', async () => {
    const xizhou = await db.careHome.findUniqueOrThrow({
      where: { id: '532901003-JLY' },
      include: { unit: true, beds: true },
    });
    expect(xizhou).toMatchObject({
      name: '喜洲镇敬老院',
      countyId: '532901',
      townshipId: '532901003',
      staffCount: 4,
    });
    expect(xizhou.unit).toMatchObject({ level: 'CARE_HOME', parentId: '532901003' });
    expect(xizhou.unit.path).toBe('/532900/532901/532901003/532901003-JLY/');
    const levels = xizhou.beds.map((b) => b.careLevel).sort();
    expect(levels).toEqual(['fullLoss', 'partialLoss', 'partialLoss', 'selfCare', 'selfCare', 'selfCare']);
    const dalizhen = await db.careHome.findUniqueOrThrow({
      where: { id: '532901002-JLY' },
      include: { beds: true },
    });
    expect(dalizhen.townshipId).toBe('532901002');
    expect(dalizhen.beds.length).toBeGreaterThan(0);

    const manager = await db.staffUser.findUniqueOrThrow({
      where: { username: 'jly.xizhou' },
      include: { unit: true },
    });
    expect(manager).toMatchObject({ role: 'CARE_HOME_MANAGER', unitId: '532901003-JLY' });
    // Jurisdiction by path: the manager's unit lies within the township's, and no village within the manager's.
    expect(manager.unit.path.startsWith('/532900/532901/532901003/')).toBe(true);
    expect('/532900/532901/532901003/532901003001/'.startsWith(manager.unit.path)).toBe(false);

    const overview = await careHomesOverview(db, '532901');
    expect(overview.homes.map((h) => h.name).sort()).toEqual(['喜洲镇敬老院', '大理镇敬老院'].sort());
    const xizhouSummary = overview.homes.find((h) => h.id === '532901003-JLY')!;
    expect(xizhouSummary).toMatchObject({
      staffCount: 4,
      townshipName: '喜洲镇',
      beds: { total: 6, free: 6, occupied: 0, held: 0 },
      bedsByLevel: {
        selfCare: { total: 3, free: 3 },
        partialLoss: { total: 2, free: 2 },
        fullLoss: { total: 1, free: 1 },
      },
      occupancy: 0,
    });
  });

  test('seeding again changes nothing', async () => {
    const before = await Promise.all([db.orgUnit.count(), db.careHome.count(), db.careHomeBed.count()]);
    await seedCareHomes(db);
    expect(await Promise.all([db.orgUnit.count(), db.careHome.count(), db.careHomeBed.count()])).toEqual(
      before,
    );
    expect(CARE_HOMES.every((home) => home.countyId === '532901')).toBe(true);
  });
});

describe('requestPlacement', () => {
  test('places a person in a free bed of their level in the home they chose, once per key', async () => {
    const county = '532922';
    const home = await careHome(county, '苍山西镇敬老院', [
      ['1-01', 'selfCare'],
      ['2-01', 'partialLoss'],
    ]);
    const other = await careHome(county, '漾江镇敬老院', [['2-01', 'partialLoss']]);
    const person = await tekunPerson(county, '李阿婆');
    const key = newKey('request');

    const placed = await ask(person, 'partialLoss', home.id, key);
    expect(placed).toEqual({
      outcome: 'placed',
      placementId: expect.any(String),
      homeId: home.id,
      homeName: '苍山西镇敬老院',
      bedId: home.bedId('2-01'),
      bedLabel: '2-01',
    });
    if (placed.outcome !== 'placed') throw new Error('not placed');
    const bed = await db.careHomeBed.findUniqueOrThrow({ where: { id: home.bedId('2-01') } });
    expect(bed.occupantPlacementId).toBe(placed.placementId);
    expect(await db.carePlacement.findUniqueOrThrow({ where: { id: placed.placementId } })).toMatchObject({
      status: 'PLACED',
      caseId: person.caseId,
      personId: person.personId,
      careLevel: 'partialLoss',
      idempotencyKey: key,
    });
    // The other home's bed of the same level stays free: the person chose this home.
    expect(
      (await db.careHomeBed.findUniqueOrThrow({ where: { id: other.bedId('2-01') } })).occupantPlacementId,
    ).toBeNull();

    const counts = await rowCounts();
    expect(await ask(person, 'partialLoss', home.id, key)).toEqual(placed);
    expect(await rowCounts()).toEqual(counts);

    await expect(ask(person, 'selfCare', home.id, key)).rejects.toMatchObject({
      type: 'IdempotencyKeyReused',
    });
    await expect(ask(person, 'partialLoss', home.id)).rejects.toMatchObject({ type: 'AlreadyPlaced' });
    expect(await rowCounts()).toEqual(counts);
  });

  test('refuses a person outside the case, a home of another county and a county that is not the case’s', async () => {
    const person = await tekunPerson('532922', '张阿公');
    const stranger = await tekunPerson('532922', '王阿公');
    const elsewhere = await careHome('532923', '祥城镇敬老院', [['1-01', 'selfCare']]);
    await expect(ask({ ...person, personId: stranger.personId }, 'selfCare')).rejects.toMatchObject({
      type: 'UnknownPerson',
    });
    await expect(ask(person, 'selfCare', elsewhere.id)).rejects.toMatchObject({ type: 'UnknownHome' });
    await expect(ask({ ...person, countyId: '532923' }, 'selfCare')).rejects.toMatchObject({
      type: 'CountyMismatch',
    });
    await expect(ask(person, 'bedridden' as CareLevel)).rejects.toMatchObject({ type: 'InvalidCareLevel' });
  });

  test('the last bed: two requests at once end with one placed and one waiting, every time', async () => {
    const county = '532924';
    const home = await careHome(county, '金牛镇敬老院', [
      ['1-01', 'selfCare'],
      ['3-01', 'fullLoss'],
    ]);
    const a = await tekunPerson(county, '甲');
    const b = await tekunPerson(county, '乙');
    const rounds = 20;
    for (let round = 0; round < rounds; round += 1) {
      // Reset the county: the bed free, nobody placed or waiting.
      await db.careHomeBed.updateMany({
        where: { homeId: home.id },
        data: { occupantPlacementId: null, heldByOfferId: null, vacantSince: null },
      });
      await db.careBedOffer.deleteMany({ where: { bed: { homeId: home.id } } });
      await db.carePlacement.deleteMany({ where: { homeId: home.id } });
      await db.careWaitingEntry.deleteMany({ where: { countyId: county } });

      const [ra, rb] = await Promise.all([ask(a, 'fullLoss'), ask(b, 'fullLoss')]);
      const outcomes = [ra.outcome, rb.outcome].sort();
      expect(outcomes).toEqual(['placed', 'waiting']);
      const [won, lost] = ra.outcome === 'placed' ? [ra, rb] : [rb, ra];
      if (won.outcome !== 'placed' || lost.outcome !== 'waiting') throw new Error('unreachable');
      expect(won.bedId).toBe(home.bedId('3-01'));
      expect(lost.position).toBe(1);

      const bed = await db.careHomeBed.findUniqueOrThrow({ where: { id: home.bedId('3-01') } });
      expect(bed.occupantPlacementId).toBe(won.placementId);
      expect(await db.carePlacement.count({ where: { bedId: bed.id, status: 'PLACED' } })).toBe(1);
      expect(await db.careWaitingEntry.count({ where: { countyId: county, status: 'WAITING' } })).toBe(1);
      // The self-care bed is not the full-loss person's.
      expect(
        (await db.careHomeBed.findUniqueOrThrow({ where: { id: home.bedId('1-01') } })).occupantPlacementId,
      ).toBeNull();
      expect(await doubleBooked()).toEqual([]);
    }
  });

  test('the database itself refuses a second person in a bed, and a bed both held and occupied', async () => {
    const county = '532925';
    const home = await careHome(county, '弥城镇敬老院', [['1-01', 'selfCare']]);
    const first = await tekunPerson(county, '赵甲');
    const second = await tekunPerson(county, '赵乙');
    const placed = await ask(first, 'selfCare');
    expect(placed.outcome).toBe('placed');
    await expect(
      db.carePlacement.create({
        data: {
          caseId: second.caseId,
          personId: second.personId,
          homeId: home.id,
          bedId: home.bedId('1-01'),
          careLevel: 'selfCare',
          idempotencyKey: newKey('direct'),
        },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
    const waiting = await ask(second, 'selfCare');
    if (waiting.outcome !== 'waiting') throw new Error('expected to wait');
    const offer = await db.careBedOffer.create({
      data: { entryId: waiting.entryId, bedId: home.bedId('1-01') },
    });
    await expect(
      db.careHomeBed.update({ where: { id: home.bedId('1-01') }, data: { heldByOfferId: offer.id } }),
    ).rejects.toThrow(/held_or_occupied/);
    await expect(
      db.careBedOffer.create({ data: { entryId: waiting.entryId, bedId: home.bedId('1-01') } }),
    ).rejects.toMatchObject({
      code: 'P2002',
    });
    await db.careBedOffer.delete({ where: { id: offer.id } });
  });
});

describe('the waiting list, offers and transfers', () => {
  test('a full home lists people by priority; a freed bed is offered in line; decline and expire pass it on; accept places', async () => {
    const county = '532926';
    const home = await careHome(county, '南涧镇敬老院', [
      ['1-01', 'selfCare'],
      ['2-01', 'partialLoss'],
    ]);
    const residentSelf = await tekunPerson(county, '住院甲');
    const residentPartial = await tekunPerson(county, '住院乙');
    const placedSelf = await ask(residentSelf, 'selfCare');
    expect((await ask(residentPartial, 'partialLoss')).outcome).toBe('placed');
    if (placedSelf.outcome !== 'placed') throw new Error('not placed');

    // The home is full: everyone waits, those who cannot look after themselves first.
    const a = await tekunPerson(county, '阿自理');
    const b = await tekunPerson(county, '贝半失能');
    const c = await tekunPerson(county, '从自理');
    const d = await tekunPerson(county, '丁全失能');
    const waitA = await ask(a, 'selfCare');
    const waitB = await ask(b, 'partialLoss', home.id);
    const waitC = await ask(c, 'selfCare', home.id);
    const waitD = await ask(d, 'fullLoss');
    expect([waitA, waitB, waitC, waitD]).toEqual([
      { outcome: 'waiting', entryId: expect.any(String), position: 1 },
      { outcome: 'waiting', entryId: expect.any(String), position: 1 },
      { outcome: 'waiting', entryId: expect.any(String), position: 2 },
      { outcome: 'waiting', entryId: expect.any(String), position: 1 },
    ]);
    let overview = await careHomesOverview(db, county);
    expect(overview.waitingAnyHome.map((l) => l.name)).toEqual(['丁全失能', '阿自理']);
    expect(overview.homes[0]!.waiting.map((l) => l.name)).toEqual(['贝半失能', '从自理']);
    expect(overview.homes[0]!).toMatchObject({ beds: { total: 2, occupied: 2, free: 0 }, occupancy: 1 });
    expect(overview.waitingAnyHome.map((l) => [l.position, l.cannotLookAfterSelf, l.status])).toEqual([
      [1, true, 'WAITING'],
      [1, false, 'WAITING'],
    ]);
    // Names and case numbers, never an ID number.
    expect(JSON.stringify(overview)).not.toMatch(/53290119400101/);

    // A waiting retry answers as the first time, even though the list has grown since.
    const counts = await rowCounts();
    const keyOfC = (await db.careWaitingEntry.findFirstOrThrow({ where: { personId: c.personId } }))
      .idempotencyKey;
    expect(await ask(c, 'selfCare', home.id, keyOfC)).toEqual(waitC);
    expect(await rowCounts()).toEqual(counts);

    // The self-care resident leaves: the bed goes to the first self-care person in line (阿自理),
    // not to 贝 (first overall, but needing partial-loss care).
    const releaseKey = newKey('release');
    const released = await releaseBed(db, {
      key: releaseKey,
      placementId: placedSelf.placementId,
      reason: 'died',
    });
    expect(released.offer).toEqual({
      offerId: expect.any(String),
      entryId: waitA.outcome === 'waiting' ? waitA.entryId : '',
      workflowId: a.workflowId,
      caseId: a.caseId,
      personId: a.personId,
      homeId: home.id,
      homeName: '南涧镇敬老院',
      bedId: home.bedId('1-01'),
      bedLabel: '1-01',
    });
    const offer1 = released.offer!;
    expect(await db.carePlacement.findUniqueOrThrow({ where: { id: placedSelf.placementId } })).toMatchObject(
      {
        status: 'ENDED',
        endReason: 'died',
        endedAt: expect.any(Date),
      },
    );
    expect(await db.careHomeBed.findUniqueOrThrow({ where: { id: home.bedId('1-01') } })).toMatchObject({
      occupantPlacementId: null,
      heldByOfferId: offer1.offerId,
    });
    expect(await db.careWaitingEntry.findUniqueOrThrow({ where: { id: offer1.entryId } })).toMatchObject({
      status: 'OFFERED',
    });
    const afterRelease = await rowCounts();
    expect(
      await releaseBed(db, { key: releaseKey, placementId: placedSelf.placementId, reason: 'died' }),
    ).toEqual(released);
    expect(await rowCounts()).toEqual(afterRelease);
    await expect(
      releaseBed(db, { key: newKey('release'), placementId: placedSelf.placementId, reason: 'died' }),
    ).rejects.toMatchObject({ type: 'PlacementNotActive' });

    // A newcomer does not take the held bed: they wait behind 从自理 (阿自理 holds an offer).
    const e = await tekunPerson(county, '鄂自理');
    expect(await ask(e, 'selfCare')).toMatchObject({ outcome: 'waiting', position: 2 });

    // 阿 declines: the bed goes to 从, and 阿 goes to the back of the line.
    const declineKey = newKey('answer');
    const declined = await answerOffer(db, { key: declineKey, offerId: offer1.offerId, answer: 'decline' });
    expect(declined).toEqual({ nextOffer: expect.objectContaining({ caseId: c.caseId, bedLabel: '1-01' }) });
    const offer2 = 'nextOffer' in declined ? declined.nextOffer! : null!;
    expect(await db.careBedOffer.findUniqueOrThrow({ where: { id: offer1.offerId } })).toMatchObject({
      status: 'DECLINED',
      answeredAt: expect.any(Date),
    });
    const entryA = await db.careWaitingEntry.findUniqueOrThrow({ where: { id: offer1.entryId } });
    expect(entryA.status).toBe('WAITING');
    expect(entryA.queuedAt.getTime()).toBeGreaterThan(entryA.requestedAt.getTime());
    expect(
      (await db.careHomeBed.findUniqueOrThrow({ where: { id: home.bedId('1-01') } })).heldByOfferId,
    ).toBe(offer2.offerId);
    const afterDecline = await rowCounts();
    expect(await answerOffer(db, { key: declineKey, offerId: offer1.offerId, answer: 'decline' })).toEqual(
      declined,
    );
    expect(await rowCounts()).toEqual(afterDecline);

    // 从 lets it expire: 从 keeps the place in line, and the bed goes to 鄂 (阿 declined it).
    const expired = await answerOffer(db, {
      key: newKey('answer'),
      offerId: offer2.offerId,
      answer: 'expire',
    });
    expect(expired).toEqual({ nextOffer: expect.objectContaining({ caseId: e.caseId, bedLabel: '1-01' }) });
    const offer3 = 'nextOffer' in expired ? expired.nextOffer! : null!;

    // 鄂 accepts and is placed in the bed.
    const acceptKey = newKey('answer');
    const accepted = await answerOffer(db, { key: acceptKey, offerId: offer3.offerId, answer: 'accept' });
    expect(accepted).toEqual({
      placed: {
        placementId: expect.any(String),
        homeId: home.id,
        homeName: '南涧镇敬老院',
        bedId: home.bedId('1-01'),
        bedLabel: '1-01',
      },
    });
    const placedE = 'placed' in accepted ? accepted.placed : null!;
    expect(await db.careHomeBed.findUniqueOrThrow({ where: { id: home.bedId('1-01') } })).toMatchObject({
      occupantPlacementId: placedE.placementId,
      heldByOfferId: null,
    });
    expect(await db.carePlacement.findUniqueOrThrow({ where: { id: placedE.placementId } })).toMatchObject({
      personId: e.personId,
      status: 'PLACED',
      idempotencyKey: acceptKey,
    });
    expect(await db.careWaitingEntry.findUniqueOrThrow({ where: { id: offer3.entryId } })).toMatchObject({
      status: 'PLACED',
    });
    const afterAccept = await rowCounts();
    expect(await answerOffer(db, { key: acceptKey, offerId: offer3.offerId, answer: 'accept' })).toEqual(
      accepted,
    );
    expect(await rowCounts()).toEqual(afterAccept);
    await expect(
      answerOffer(db, { key: newKey('answer'), offerId: offer3.offerId, answer: 'decline' }),
    ).rejects.toMatchObject({ type: 'OfferNotOpen' });

    // 从 (expired, kept the place) is now ahead of 阿 (declined, back of the line).
    overview = await careHomesOverview(db, county);
    const selfCareLine = [...overview.waitingAnyHome, ...overview.homes[0]!.waiting]
      .filter((l) => l.careLevel === 'selfCare')
      .sort((x, y) => (x.position ?? 0) - (y.position ?? 0));
    expect(selfCareLine.map((l) => [l.name, l.position])).toEqual([
      ['从自理', 1],
      ['阿自理', 2],
    ]);
    expect(overview.homes[0]!).toMatchObject({ beds: { total: 2, occupied: 2, held: 0, free: 0 } });
    expect(await doubleBooked()).toEqual([]);
  });

  test('a freed bed nobody waits for stays free, and the next request takes it', async () => {
    const county = '532927';
    await careHome(county, '南诏镇敬老院', [['1-01', 'partialLoss']]);
    const resident = await tekunPerson(county, '钱阿婆');
    const placed = await ask(resident, 'partialLoss');
    if (placed.outcome !== 'placed') throw new Error('not placed');
    // Someone waits, but for a level this bed is not staffed for (exact level).
    const other = await tekunPerson(county, '孙阿公');
    expect((await ask(other, 'fullLoss')).outcome).toBe('waiting');
    expect(
      await releaseBed(db, {
        key: newKey('release'),
        placementId: placed.placementId,
        reason: 'returnedToDispersed',
      }),
    ).toEqual({
      offer: null,
    });
    const bed = await db.careHomeBed.findUniqueOrThrow({ where: { id: placed.bedId } });
    expect(bed).toMatchObject({
      occupantPlacementId: null,
      heldByOfferId: null,
      vacantSince: expect.any(Date),
    });
    const next = await tekunPerson(county, '周阿婆');
    expect(await ask(next, 'partialLoss')).toMatchObject({ outcome: 'placed', bedId: placed.bedId });
  });

  test('withdrawing a person who holds an offer passes the bed to the next in line', async () => {
    const county = '532928';
    await careHome(county, '博南镇敬老院', [['1-01', 'selfCare']]);
    const resident = await tekunPerson(county, '吴阿公');
    const placed = await ask(resident, 'selfCare');
    if (placed.outcome !== 'placed') throw new Error('not placed');
    const first = await tekunPerson(county, '郑阿婆');
    const second = await tekunPerson(county, '王阿公');
    const firstWait = await ask(first, 'selfCare');
    await ask(second, 'selfCare');
    const { offer } = await releaseBed(db, {
      key: newKey('release'),
      placementId: placed.placementId,
      reason: 'discharged',
    });
    expect(offer?.caseId).toBe(first.caseId);
    if (firstWait.outcome !== 'waiting') throw new Error('expected to wait');
    const key = newKey('withdraw');
    const withdrawn = await withdrawFromWaitingList(db, { key, entryId: firstWait.entryId });
    expect(withdrawn).toEqual({
      withdrawn: true,
      nextOffer: expect.objectContaining({ caseId: second.caseId }),
    });
    expect(await db.careWaitingEntry.findUniqueOrThrow({ where: { id: firstWait.entryId } })).toMatchObject({
      status: 'WITHDRAWN',
    });
    expect(await db.careBedOffer.findUniqueOrThrow({ where: { id: offer!.offerId } })).toMatchObject({
      status: 'DECLINED',
    });
    const counts = await rowCounts();
    expect(await withdrawFromWaitingList(db, { key, entryId: firstWait.entryId })).toEqual(withdrawn);
    expect(await rowCounts()).toEqual(counts);
  });

  test('transfer: to a free fitting bed elsewhere, the old bed offered on; refused when the home has none', async () => {
    const county = '532929';
    const from = await careHome(county, '诺邓镇敬老院', [['1-01', 'selfCare']]);
    const to = await careHome(county, '漕涧镇敬老院', [
      ['1-01', 'selfCare'],
      ['2-01', 'partialLoss'],
    ]);
    const full = await careHome(county, '云龙县中心敬老院', [['2-01', 'partialLoss']]);
    const mover = await tekunPerson(county, '冯阿公');
    const placed = await ask(mover, 'selfCare', from.id);
    if (placed.outcome !== 'placed') throw new Error('not placed');
    const waiter = await tekunPerson(county, '陈阿婆');
    const waiting = await ask(waiter, 'selfCare', from.id);
    expect(waiting.outcome).toBe('waiting');

    // The other home has no self-care bed: refused, nothing changes.
    const before = await rowCounts();
    const refusedKey = newKey('transfer');
    expect(
      await transferPlacement(db, { key: refusedKey, placementId: placed.placementId, toHomeId: full.id }),
    ).toEqual({
      outcome: 'refused',
      reason: 'noFittingBed',
    });
    expect(
      await transferPlacement(db, {
        key: newKey('transfer'),
        placementId: placed.placementId,
        toHomeId: from.id,
      }),
    ).toEqual({ outcome: 'refused', reason: 'sameHome' });
    expect(
      await transferPlacement(db, {
        key: newKey('transfer'),
        placementId: placed.placementId,
        toHomeId: '532901003-JLY',
      }),
    ).toEqual({ outcome: 'refused', reason: 'otherCounty' });
    expect(await db.carePlacement.findUniqueOrThrow({ where: { id: placed.placementId } })).toMatchObject({
      status: 'PLACED',
    });
    expect((await rowCounts()).placements).toBe(before.placements);

    const key = newKey('transfer');
    const moved = await transferPlacement(db, { key, placementId: placed.placementId, toHomeId: to.id });
    expect(moved).toEqual({
      outcome: 'transferred',
      placed: {
        placementId: expect.any(String),
        homeId: to.id,
        homeName: '漕涧镇敬老院',
        bedId: to.bedId('1-01'),
        bedLabel: '1-01',
      },
      offer: expect.objectContaining({ caseId: waiter.caseId, homeId: from.id, bedLabel: '1-01' }),
    });
    if (moved.outcome !== 'transferred') throw new Error('not transferred');
    expect(await db.carePlacement.findUniqueOrThrow({ where: { id: placed.placementId } })).toMatchObject({
      status: 'ENDED',
      endReason: 'transferred',
    });
    expect(
      await db.carePlacement.findUniqueOrThrow({ where: { id: moved.placed.placementId } }),
    ).toMatchObject({
      status: 'PLACED',
      personId: mover.personId,
      homeId: to.id,
      careLevel: 'selfCare',
    });
    expect(await db.careHomeBed.findUniqueOrThrow({ where: { id: from.bedId('1-01') } })).toMatchObject({
      occupantPlacementId: null,
      heldByOfferId: moved.offer!.offerId,
    });
    const counts = await rowCounts();
    expect(await transferPlacement(db, { key, placementId: placed.placementId, toHomeId: to.id })).toEqual(
      moved,
    );
    expect(await rowCounts()).toEqual(counts);
    // The first answer stands for its key, though a retry now would find the placement ended.
    expect(
      await transferPlacement(db, { key: refusedKey, placementId: placed.placementId, toHomeId: full.id }),
    ).toEqual({
      outcome: 'refused',
      reason: 'noFittingBed',
    });
    expect(
      await transferPlacement(db, {
        key: newKey('transfer'),
        placementId: placed.placementId,
        toHomeId: full.id,
      }),
    ).toEqual({ outcome: 'refused', reason: 'notPlaced' });
    expect(await doubleBooked()).toEqual([]);
  });
});

describe('careHomesOverview', () => {
  test('the centralised share counts placed people over people in supported 特困 cases', async () => {
    const county = '532930';
    await careHome(county, '茈碧湖镇敬老院', [
      ['1-01', 'selfCare'],
      ['1-02', 'selfCare'],
    ]);
    const supported = await Promise.all(['甲', '乙', '丙', '丁'].map((n) => tekunPerson(county, `洱源${n}`)));
    await tekunPerson(county, '洱源不予认定', { status: 'REFUSED' });
    await tekunPerson(county, '洱源低保', { programmeCode: 'DIBAO_RURAL' });
    await tekunPerson(county, '洱源复核中', { status: 'RECERTIFYING' });
    expect((await ask(supported[0]!, 'selfCare')).outcome).toBe('placed');

    const overview = await careHomesOverview(db, county);
    expect(overview.centralised).toEqual({ placed: 1, supported: 5, share: 1 / 5 });
    expect(overview.homes[0]!).toMatchObject({
      beds: { total: 2, occupied: 1, held: 0, free: 1 },
      bedsByLevel: { selfCare: { total: 2, occupied: 1, free: 1 }, fullLoss: { total: 0 } },
      occupancy: 0.5,
    });
    expect((await careHomesOverview(db, '532931')).centralised).toEqual({
      placed: 0,
      supported: 0,
      share: null,
    });
  });
});
