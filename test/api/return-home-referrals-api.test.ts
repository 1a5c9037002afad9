import bcrypt from 'bcryptjs';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { signedIn } from '../support/console-session';
import { idNumber, waitFor } from '../support/fixtures';
import { ReferralDriver } from '../support/referral-driver';
import { admit, unknownAdult } from '../support/vagrant-driver';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';
import { staffClient } from '../support/staff-client';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const as = (username: string) => staffClient(http, username);

const inbox = async (username: string) => {
  const res = await as(username).get('/api/referrals');
  expect(res.status).toBe(200);
  return (res.body.items as { referralNo: string }[]).map((i) => i.referralNo);
};

/** 苍山西镇 (漾濞) receives; 漾濞's other township and 下关街道 (where the station stands) do not. */
const RECEIVER = 'xiang.cangshanxi.api';
const OTHER_TOWNSHIP = 'xiang.yangbi2.api';
const STATION_TOWNSHIP = 'xiang.xiaguan.api';
const YANGBI_SUPERVISOR = 'jiandu.yangbi.api';

const PERSON_ID = idNumber('1968-11-02', 533, '532922');

describe('返乡转介 through the referral API: who sees it and who answers it', () => {
  let referralNo: string;

  beforeAll(async () => {
    const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 4);
    const users: [string, 'TOWNSHIP_OFFICER' | 'SUPERVISOR', string][] = [
      [RECEIVER, 'TOWNSHIP_OFFICER', '532922001'],
      [OTHER_TOWNSHIP, 'TOWNSHIP_OFFICER', '532922002'],
      [STATION_TOWNSHIP, 'TOWNSHIP_OFFICER', '532901001'],
      [YANGBI_SUPERVISOR, 'SUPERVISOR', '532922'],
    ];
    for (const [username, role, unitId] of users) {
      await harness.db.staffUser.create({
        data: { username, displayName: username, role, unitId, passwordHash },
      });
    }
    const c = await admit(
      harness.env,
      harness.db,
      unknownAdult({
        name: '字学明',
        idNumber: PERSON_ID,
        sex: undefined,
        apparentAge: undefined,
        homeKnown: true,
        homeAddress: '漾濞彝族自治县苍山西镇',
      }),
    );
    await c.decide('vagrantExit', 'xian.dali', {
      way: 'escortHome',
      destination: '漾濞彝族自治县苍山西镇',
      escortedBy: '站工作人员',
      homeTownshipId: '532922001',
    });
    await c.completed();
    const [referral] = await ReferralDriver.ofCase(c, 1);
    await referral!.reach('SENT');
    referralNo = referral!.referralNo;
  });

  test('the receiving township and the supervisors above both ends see it; other townships get 404, logged', async () => {
    expect(await inbox(RECEIVER)).toEqual([referralNo]);
    for (const reader of [RECEIVER, YANGBI_SUPERVISOR, 'jiandu.dali', 'jiandu.zhou', 'xian.dali']) {
      const res = await as(reader).get(`/api/referrals/${referralNo}`);
      expect([reader, res.status]).toEqual([reader, 200]);
      expect(res.body).toMatchObject({ kind: 'returnHome', department: 'CIVIL_AFFAIRS', status: 'SENT' });
      expect(JSON.stringify(res.body)).not.toContain(PERSON_ID);
    }
    for (const outsider of [OTHER_TOWNSHIP, STATION_TOWNSHIP, 'xiang.xizhou', 'bumen.jiaoyu.yangbi']) {
      expect(await inbox(outsider)).not.toContain(referralNo);
      const res = await as(outsider).get(`/api/referrals/${referralNo}`);
      expect([outsider, res.status]).toEqual([outsider, 404]);
      const accept = await as(outsider).post(`/api/referrals/${referralNo}/accept`, { handler: '某' });
      expect([outsider, accept.status]).toEqual([outsider, 404]);
    }
    const refused = await harness.db.securityLogEntry.findMany({
      where: { username: OTHER_TOWNSHIP, path: { contains: referralNo } },
    });
    expect(refused.map((e) => e.status)).toContain(404);
    // Readers above may not answer for the township.
    for (const reader of [YANGBI_SUPERVISOR, 'xian.dali']) {
      const res = await as(reader).post(`/api/referrals/${referralNo}/accept`, { handler: '某' });
      expect([reader, res.status]).toEqual([reader, 403]);
    }
    expect((await harness.db.referral.findUniqueOrThrow({ where: { referralNo } })).status).toBe('SENT');
  });

  test('the township accepts and opens a 低保 case; bad input names the field; two completions racing open one case', async () => {
    const accepted = await as(RECEIVER).post(`/api/referrals/${referralNo}/accept`, {
      handler: '苍山西镇民政所',
    });
    expect([accepted.status, accepted.body.status]).toEqual([200, 'ACCEPTED']);
    // The console offers the township the forms, prefilled from the station's record (ID masked).
    const officer = await signedIn(http.app, RECEIVER);
    expect((await officer.agent.get('/tasks')).text).toContain(`href="/referrals/${referralNo}"`);
    const elsewhere = await signedIn(http.app, OTHER_TOWNSHIP);
    expect((await elsewhere.agent.get('/tasks')).text).not.toContain(referralNo);
    const forms = await officer.agent.get(`/referrals/${referralNo}`);
    expect(forms.status).toBe(200);
    for (const id of [
      'form-complete-caseOpened',
      'form-complete-caseOpened-temporary',
      'form-complete-noneNeeded',
    ])
      expect(forms.text).toContain(`id="${id}"`);
    expect(forms.text).toContain('乡镇已接收');
    expect(forms.text).toContain('乡镇接收转介');
    expect(forms.text).toContain('字学明');
    expect(forms.text).not.toContain(PERSON_ID);
    expect(forms.text).toContain('value="532922001002"');
    expect(forms.text).not.toContain('name="idNumber"');

    const missing = await as(RECEIVER).post(`/api/referrals/${referralNo}/complete`, {
      result: 'caseOpened',
      programme: 'DIBAO_RURAL',
      villageId: '532922001001',
      labourCapacity: 'NONE',
      health: 'CHRONIC',
    });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toContain('address');
    const bureauOutcome = await as(RECEIVER).post(`/api/referrals/${referralNo}/complete`, {
      result: 'unableToHelp',
      reasons: '无法帮扶',
    });
    expect(bureauOutcome.status).toBe(422);

    const body = {
      result: 'caseOpened',
      programme: 'DIBAO_RURAL',
      villageId: '532922001002',
      address: '漾濞彝族自治县苍山西镇二村七组',
      labourCapacity: 'NONE',
      health: 'CHRONIC',
    };
    const [one, two] = await Promise.all([
      as(RECEIVER).post(`/api/referrals/${referralNo}/complete`, body),
      as(RECEIVER).post(`/api/referrals/${referralNo}/complete`, body),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const row = await harness.db.referral.findUniqueOrThrow({ where: { referralNo } });
    expect(row.status).toBe('COMPLETED');
    const { caseNo } = row.outcome as { caseNo: string };
    expect(
      await harness.db.case.count({ where: { idempotencyKey: { startsWith: `referral/${referralNo}` } } }),
    ).toBe(1);

    // The new case is the township's: its page shows it came from the referral.
    const opened = await as(RECEIVER).get(`/api/cases/${caseNo}`);
    expect(opened.status).toBe(200);
    expect(opened.body.programme ?? opened.body.programmeCode).toBe('DIBAO_RURAL');
    const page = await officer.agent.get(`/referrals/${referralNo}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/cases/${caseNo}"`);
    expect(page.text).not.toContain('form-complete');
    const casePage = await officer.agent.get(`/cases/${caseNo}`);
    expect(casePage.status).toBe(200);
    expect(casePage.text).toContain('由返乡转介开立');
    expect(casePage.text).toContain(referralNo);
    const origin = await waitFor(
      () =>
        harness.db.caseEvent.findFirst({
          where: { type: 'openedFromReferral', reasons: { contains: referralNo } },
        }),
      'the origin in the new case log',
    );
    expect(origin.payload).toMatchObject({ fromReferralNo: referralNo });

    expect((await officer.agent.get('/tasks')).text).not.toContain(referralNo);
    const again = await as(RECEIVER).post(`/api/referrals/${referralNo}/complete`, body);
    expect(again.status).toBe(409);
  });
});
