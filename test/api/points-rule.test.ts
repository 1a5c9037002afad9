import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { idNumber } from '../support/fixtures';
import { DALI, rollCase, rollHousehold } from '../support/roll-fixtures';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const approver = {
  get: (path: string) => request(http.app).get(path).auth('xian.dali', DEMO_PASSWORD),
  post: (path: string, body: object) =>
    request(http.app).post(path).auth('xian.dali', DEMO_PASSWORD).send(body),
};

/** Points issued to the household for the month (none: 0). */
const issued = async (householdId: string, month: string) =>
  (await harness.db.pointsIssue.findUnique({ where: { householdId_month: { householdId, month } } }))
    ?.points ?? 0;

test('爱心超市积分: the county sets points by household size from a date; months before keep the flat default', async () => {
  const db = harness.db;
  const single = await rollHousehold(db, { name: '段老伯' });
  const family = await rollHousehold(db, { name: '杨秀英' });
  for (const [i, name] of ['赵建国', '赵小兰', '赵小明', '赵小军', '赵小红'].entries())
    await db.householdMember.create({
      data: {
        householdId: family.householdId,
        name,
        idNumber: idNumber('2010-01-01', 900 + i * 2),
        relation: 'CHILD',
        birthDate: new Date('2010-01-01'),
        sex: 'F',
        labourCapacity: 'NONE',
        health: 'HEALTHY',
        // One of them no longer counts as a member of the household (in prison).
        exclusion: i === 4 ? 'inPrison' : null,
      },
    });
  await rollCase(db, single, 'DIBAO_RURAL');
  await rollCase(db, family, 'TEKUN');

  const inForce = await approver.get(`/api/counties/${DALI}/policy`);
  expect(inForce.status).toBe(200);
  expect(inForce.body.policy.charitySupermarket).toMatchObject({
    pointsPerHousehold: 50,
    pointsPerExtraMember: 0,
    membersCountedMax: 6,
  });
  const policy = (charitySupermarket: object) => ({
    ...inForce.body.policy,
    charitySupermarket: { ...inForce.body.policy.charitySupermarket, ...charitySupermarket },
  });

  // A negative figure: refused naming it, nothing recorded.
  const bad = await approver.post(`/api/counties/${DALI}/policy`, {
    effectiveFrom: '2099-03-01',
    reason: '积分按人口调整',
    policy: policy({ pointsPerExtraMember: -5 }),
  });
  expect(bad.status).toBe(400);
  expect(bad.body.details).toContainEqual(
    expect.objectContaining({ field: 'body.policy.charitySupermarket.pointsPerExtraMember' }),
  );
  expect(await db.countyPolicyChange.count({ where: { countyId: DALI } })).toBe(0);

  // From March 2099: 30 a household and 10 for each member beyond the first, four counted at most.
  const set = await approver.post(`/api/counties/${DALI}/policy`, {
    effectiveFrom: '2099-03-01',
    reason: '积分按人口调整',
    policy: policy({ pointsPerHousehold: 30, pointsPerExtraMember: 10, membersCountedMax: 4 }),
  });
  expect(set.status).toBe(201);

  const issue = (month: string) =>
    approver.post('/api/charity-supermarkets/points-issues', { countyId: DALI, month });
  const february = await issue('2099-02');
  expect(february.status).toBe(200);
  expect(february.body).toMatchObject({
    issued: 2,
    rule: { pointsPerHousehold: 50, pointsPerExtraMember: 0 },
  });
  const march = await issue('2099-03');
  expect(march.body).toMatchObject({ issued: 2, rule: { pointsPerHousehold: 30, pointsPerExtraMember: 10 } });
  expect([await issued(single.householdId, '2099-02'), await issued(family.householdId, '2099-02')]).toEqual([
    50, 50,
  ]);
  // One member: 30. Five members counted (the sixth is excluded), four at most: 30 + 3 × 10.
  expect([await issued(single.householdId, '2099-03'), await issued(family.householdId, '2099-03')]).toEqual([
    30, 60,
  ]);
  // Asked again: nothing more.
  expect((await issue('2099-03')).body.issued).toBe(0);
  expect(
    (await db.householdPoints.findUniqueOrThrow({ where: { householdId: family.householdId } })).balance,
  ).toBe(110);
});
