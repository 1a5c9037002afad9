import bcrypt from 'bcryptjs';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { CaseDriver } from '../support/case-driver';
import { dibaoApplication } from '../support/fixtures';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const basic = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;
const get = (username: string, path: string) =>
  request(http.app).get(path).set('Authorization', basic(username));
const post = (username: string, path: string, body: object = {}) =>
  request(http.app).post(path).set('Authorization', basic(username)).send(body);

const NEW_VILLAGE = { parentId: '532901003', id: '532901003009', name: '沙村', kind: 'village' };

beforeAll(async () => {
  await harness.db.staffUser.create({
    data: {
      username: 'admin.yangbi',
      displayName: '漾濞管理员',
      role: 'ADMINISTRATOR',
      unitId: '532922',
      passwordHash: await bcrypt.hash(DEMO_PASSWORD, 4),
    },
  });
});

describe('组织机构 org units', () => {
  test('the tree below the administrator’s own unit, parents first', async () => {
    const all = await get('admin', '/api/org-units');
    expect(all.status).toBe(200);
    const ids = all.body.units.map((u: { id: string }) => u.id);
    expect(ids[0]).toBe('532900');
    expect(ids.indexOf('532901')).toBeLessThan(ids.indexOf('532901003'));
    expect(ids.indexOf('532901003')).toBeLessThan(ids.indexOf('532901003001'));
    const county = await get('admin.yangbi', '/api/org-units');
    expect(county.body.units.every((u: { id: string }) => u.id.startsWith('532922'))).toBe(true);
    expect((await get('xian.dali', '/api/org-units')).status).toBe(403);
  });

  test('a village is added under a township, checked field by field; a unit is renamed with a reason', async () => {
    const bad = await post('admin', '/api/org-units', { ...NEW_VILLAGE, id: '12', kind: 'hamlet' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.id', 'body.kind']);
    const wrongCode = await post('admin', '/api/org-units', { ...NEW_VILLAGE, id: '532901002009' });
    expect([wrongCode.status, wrongCode.body.details[0].field]).toEqual([422, 'body.id']);
    const notTownship = await post('admin', '/api/org-units', { ...NEW_VILLAGE, parentId: '532901' });
    expect(notTownship.status).toBe(422);
    expect((await post('admin.yangbi', '/api/org-units', NEW_VILLAGE)).status).toBe(403);
    const sameName = await post('admin', '/api/org-units', { ...NEW_VILLAGE, name: '喜洲村' });
    expect([sameName.status, sameName.body.details[0].field]).toEqual([409, 'body.name']);

    const created = await post('admin', '/api/org-units', NEW_VILLAGE);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: '532901003009',
      level: 'VILLAGE',
      parentId: '532901003',
      isUrban: false,
    });
    const row = await harness.db.orgUnit.findUniqueOrThrow({ where: { id: NEW_VILLAGE.id } });
    expect(row.path).toBe('/532900/532901/532901003/532901003009/');
    expect((await post('admin', '/api/org-units', NEW_VILLAGE)).status).toBe(409);
    // Its assistant can be given an account at once.
    const account = await post('admin', '/api/accounts', {
      username: 'cun.shacun',
      displayName: '沙村协理员',
      role: 'VILLAGE_ASSISTANT',
      unitId: NEW_VILLAGE.id,
      email: 'cun.shacun@staff.jiuzhu.local',
    });
    expect(account.status).toBe(201);

    const renamed = await post('admin', `/api/org-units/${NEW_VILLAGE.id}`, {
      name: '沙村村委会',
      reason: '按民政部门批复更名',
    });
    expect([renamed.status, renamed.body.name]).toEqual([200, '沙村村委会']);
    const audit = await harness.db.auditEntry.findFirstOrThrow({
      where: { action: 'renameUnit', resourceId: NEW_VILLAGE.id },
    });
    expect(audit.detail).toEqual({ from: '沙村', to: '沙村村委会', reason: '按民政部门批复更名' });
    expect(
      (await post('admin.yangbi', `/api/org-units/${NEW_VILLAGE.id}`, { name: 'x村', reason: '无' })).status,
    ).toBe(404);
  });

  test('a village with cases (or accounts) is never deleted; an unused one is', async () => {
    const c = await CaseDriver.file(harness.env, harness.db, dibaoApplication());
    const row = await c.row();
    const inUse = await post('admin', `/api/org-units/${row.villageId}/delete`, { reason: '误建' });
    expect(inUse.status).toBe(409);
    expect(inUse.body.message).toMatch(/件案件/);
    const township = await post('admin', '/api/org-units/532901003/delete', { reason: '误建' });
    expect(township.status).toBe(409);
    const withAccount = await post('admin', `/api/org-units/${NEW_VILLAGE.id}/delete`, { reason: '误建' });
    expect([withAccount.status, withAccount.body.message]).toEqual([409, expect.stringMatching(/1 个账号/)]);

    const spare = await post('admin', '/api/org-units', {
      ...NEW_VILLAGE,
      id: '532901003010',
      name: '新建社区',
      kind: 'community',
    });
    expect(spare.body.isUrban).toBe(true);
    const deleted = await post('admin', '/api/org-units/532901003010/delete', { reason: '误建' });
    expect([deleted.status, deleted.body]).toEqual([200, { deleted: '532901003010' }]);
    expect(await harness.db.orgUnit.findUnique({ where: { id: '532901003010' } })).toBeNull();
    await c.discard();
  });
});
