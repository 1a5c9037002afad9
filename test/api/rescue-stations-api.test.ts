import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { idNumber } from '../support/fixtures';
import { stationId, unknownAdult } from '../support/vagrant-driver';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);
const auth = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;
const as = (username: string) => ({
  get: (url: string) => request(http.app).get(url).set('Authorization', auth(username)),
  post: (url: string) => request(http.app).post(url).set('Authorization', auth(username)),
});

describe('救助管理站 API: intake, the people present, who may', () => {
  test('intake of an unknown and of a known person; the list masks the ID number; bad input names the field and writes nothing', async () => {
    const station = await stationId(harness.db);
    const url = `/api/rescue-stations/${station}`;
    const before = await harness.db.vagrantStay.count();

    // No age and no ID number: 400 naming the field, nothing written.
    const bad = await as('xian.dali')
      .post(`${url}/intakes`)
      .send({ ...unknownAdult(), apparentAge: undefined });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('body.apparentAge');
    expect(await harness.db.vagrantStay.count()).toBe(before);

    // A township of origin that is none of the prefecture's: 422 naming it, nothing written.
    const nowhere = await as('xian.dali')
      .post(`${url}/intakes`)
      .send({ ...unknownAdult(), homeTownshipId: '532999001' });
    expect([nowhere.status, JSON.stringify(nowhere.body)]).toEqual([
      422,
      expect.stringContaining('body.homeTownshipId'),
    ]);
    expect(await harness.db.vagrantStay.count()).toBe(before);

    const unknown = await as('xian.dali').post(`${url}/intakes`).send(unknownAdult());
    expect(unknown.status).toBe(201);
    expect(unknown.body.caseNo).toMatch(/^VG-532901-/);

    const id = idNumber('1980-06-15', 611);
    const known = await as('xian.dali')
      .post(`${url}/intakes`)
      .set('Idempotency-Key', 'vagrant-known-0001')
      .send({
        name: '王建军',
        idNumber: id,
        features: '中等身材',
        foundAt: '大理火车站',
        homeKnown: true,
        homeAddress: '大理市大理镇才村',
      });
    expect(known.status).toBe(201);
    const again = await as('xian.dali')
      .post(`${url}/intakes`)
      .set('Idempotency-Key', 'vagrant-known-0001')
      .send({
        name: '王建军',
        idNumber: id,
        features: '中等身材',
        foundAt: '大理火车站',
        homeKnown: true,
        homeAddress: '大理市大理镇才村',
      });
    expect(again.status).toBe(200);
    expect(again.body.caseNo).toBe(known.body.caseNo);

    const page = await as('xian.dali').get(url);
    expect(page.status).toBe(200);
    const shown = page.body.present.find((p: { caseNo: string }) => p.caseNo === known.body.caseNo);
    expect(shown).toMatchObject({
      person: '王建军',
      idNumber: expect.stringMatching(/^\d{3}\*+\d{3}[\dX]$/),
    });
    expect(JSON.stringify(page.body)).not.toContain(id);
    const nameless = page.body.present.find((p: { caseNo: string }) => p.caseNo === unknown.body.caseNo);
    expect(nameless).toMatchObject({
      person: '身份不明人员（男，约 50 岁）',
      idNumber: null,
      hoursSinceIntake: 0,
    });
    expect(nameless.tracingNoticeDueAt).not.toBeNull();
    expect(page.body.station.occupancy).toBe(page.body.present.length);

    // The exit names a township that does not exist: 422 naming it, the person still present.
    const exit = await as('xian.dali')
      .post(`/api/cases/${unknown.body.caseNo}/steps/vagrantExit`)
      .send({ way: 'escortHome', destination: '某地', escortedBy: '杨某', homeTownshipId: '532999001' });
    expect([exit.status, JSON.stringify(exit.body)]).toEqual([
      422,
      expect.stringContaining('body.homeTownshipId'),
    ]);

    // Township and village staff and a bureau read no station; another county's finds none.
    expect((await as('xiang.xizhou').get(url)).status).toBe(403);
    expect((await as('bumen.jiaoyu.dali').get('/api/rescue-stations')).status).toBe(403);
    // A supervisor reads but does not take people in.
    expect((await as('jiandu.dali').get(url)).status).toBe(200);
    expect((await as('jiandu.dali').post(`${url}/intakes`).send(unknownAdult())).status).toBe(403);
    // Not filed through the application form.
    const viaCases = await as('xiang.xizhou')
      .post('/api/cases')
      .send({
        programme: 'VAGRANT',
        villageId: '532901003001',
        channel: 'inPerson',
        address: '大理市喜洲镇',
        dataCheckAuthorisationSigned: true,
        members: [
          {
            name: '某某',
            idNumber: idNumber('1970-01-01', 613),
            relation: 'APPLICANT',
            labourCapacity: 'FULL',
            health: 'HEALTHY',
          },
        ],
      });
    expect(viaCases.status).toBeGreaterThanOrEqual(400);
    expect(viaCases.status).toBeLessThan(500);
  });
});
