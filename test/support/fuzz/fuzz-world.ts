import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Express } from 'express';
import request from 'supertest';
import type { StaffRole } from '../../../domain/staff-roles';
import { DEMO_PASSWORD } from '../../../prisma/seed/seed';
import { CaseDriver } from '../case-driver';
import { csrfOf } from '../console-session';
import { dibaoApplication, XIZHOU_VILLAGE } from '../fixtures';
import { ReferralDriver } from '../referral-driver';
import { TekunDriver } from '../tekun-driver';
import type { WorkflowHarness } from '../workflow-harness';

/** A case the fuzzer aims at, with the step open when the world was made. */
export interface FuzzCase {
  caseNo: string;
  id: string;
  memberIds: string[];
  openStep: string | null;
}

/** A console session as a browser holds it: its cookie and its pages' CSRF token. */
export interface ConsoleSession {
  cookie: string;
  csrf: string;
}

/** Everything a fuzzed request may name: real cases, referrals, units, users and sessions. */
export interface FuzzWorld {
  app: Express;
  harness: WorkflowHarness;
  cases: FuzzCase[];
  referralNos: string[];
  flagIds: string[];
  letterIds: string[];
  villageIds: string[];
  countyIds: string[];
  townshipIds: string[];
  careHomeIds: string[];
  /** 救助管理站: the seeded stations' ids. */
  stationIds: string[];
  /** One seeded user of each role, inside 喜洲村's jurisdiction where the role has one. */
  userOf: Record<StaffRole, string>;
  usernames: string[];
  sessions: Map<string, ConsoleSession>;
  /** Cookies of no session: expired, signed out, forged, tampered. */
  deadCookies: Record<'expired' | 'signedOut' | 'forged' | 'tampered', string>;
  /** Users the fuzzer signs in and out with, and fails to sign in as: never the seeded ones. */
  loginUser: string;
  logoutUser: string;
}

export const FUZZ_USERS = { login: 'fuzz.login', logout: 'fuzz.logout' } as const;

const USER_OF: Record<StaffRole, string> = {
  VILLAGE_ASSISTANT: 'cun.xizhou',
  TOWNSHIP_OFFICER: 'xiang.xizhou',
  COUNTY_APPROVER: 'xian.dali',
  DEPARTMENT_OFFICER: 'bumen.jiaoyu.dali',
  SUPERVISOR: 'jiandu.dali',
  ADMINISTRATOR: 'admin',
  CARE_HOME_MANAGER: 'jly.xizhou',
};

const cookieOf = (res: request.Response) =>
  (res.headers['set-cookie'] as unknown as string[] | undefined)?.map((c) => c.split(';')[0]).join('; ') ??
  '';

/** The session id a `jiuzhu.sid=s:<id>.<signature>` cookie carries. */
const sidOf = (cookie: string) => {
  const value = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1));
  return value.slice(2, value.lastIndexOf('.'));
};

/** Signs in through the form, as a browser does, and reads the CSRF token of the new session. */
export async function consoleSession(app: Express, username: string): Promise<ConsoleSession> {
  const page = await request(app).get('/login');
  const res = await request(app)
    .post('/login')
    .set('Cookie', cookieOf(page))
    .type('form')
    .send({ _csrf: csrfOf(page.text), username, password: DEMO_PASSWORD, next: '/' });
  if (res.status !== 303) throw new Error(`sign-in as ${username} answered ${res.status}`);
  const cookie = cookieOf(res);
  const home = await request(app).get(res.headers.location!).set('Cookie', cookie).redirects(1);
  return { cookie, csrf: csrfOf(home.text) };
}

async function fuzzCase(driver: CaseDriver): Promise<FuzzCase> {
  const row = await driver.row();
  return { caseNo: row.caseNo, id: row.id, memberIds: await driver.memberIds(), openStep: row.currentStep };
}

/** Cases at the steps whose bodies the workflows check, filed and driven as staff would. */
async function makeCases(harness: WorkflowHarness, copies: number) {
  const { env, db } = harness;
  const file = () => CaseDriver.file(env, db, dibaoApplication());
  const one = async () => {
    const [atAcceptance, atInvestigation, atReview, tekun] = await Promise.all([
      file(),
      file().then(async (c) => {
        await c.accept();
        await c.reach('investigation');
        return c;
      }),
      file().then(async (c) => {
        await c.toTownshipReview();
        return c;
      }),
      TekunDriver.file(env, db),
    ]);
    return [atAcceptance, atInvestigation, atReview, tekun];
  };
  const drivers: CaseDriver[] = [];
  for (let i = 0; i < copies; i++) drivers.push(...(await one()));
  // One enrolled household: its enrolment's steps and actions, and its referrals.
  const enrolled = await (await file()).toEnrolment();
  const proposals = await ReferralDriver.ofCase(enrolled, 2, { source: 'proposed' });
  await proposals[0]!.act('confirm', 'xiang.xizhou', {});
  await proposals[0]!.reach('SENT');
  drivers.push(enrolled);
  return {
    cases: await Promise.all(drivers.map(fuzzCase)),
    referralNos: proposals.map((p) => p.referralNo),
  };
}

async function signOut(app: Express, session: ConsoleSession) {
  await request(app).post('/logout').set('Cookie', session.cookie).set('x-csrf-token', session.csrf);
}

/**
 * The fuzzer's world on a harness: cheap password hashes (every Basic request checks one), two
 * users of its own, cases at the checked steps (`copies` of each), an enrolled household with a
 * proposed and a sent referral, and a console session for each seeded user.
 */
export async function makeFuzzWorld(harness: WorkflowHarness, app: Express, copies = 1): Promise<FuzzWorld> {
  const { db } = harness;
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 4);
  await db.staffUser.updateMany({ data: { passwordHash } });
  for (const username of Object.values(FUZZ_USERS)) {
    await db.staffUser.create({
      data: { username, displayName: username, role: 'TOWNSHIP_OFFICER', unitId: '532901003', passwordHash },
    });
  }
  const { cases, referralNos } = await makeCases(harness, copies);

  const usernames = (await db.staffUser.findMany({ select: { username: true } }))
    .map((u) => u.username)
    .filter((u) => !Object.values(FUZZ_USERS).includes(u as never));
  const sessions = new Map<string, ConsoleSession>();
  for (const username of usernames) sessions.set(username, await consoleSession(app, username));
  const expired = await consoleSession(app, FUZZ_USERS.logout);
  await db.$executeRaw`UPDATE "session" SET expire = now() - interval '1 minute' WHERE sid = ${sidOf(expired.cookie)}`;
  const signedOut = await consoleSession(app, FUZZ_USERS.logout);
  await signOut(app, signedOut);
  const someCookie = sessions.get(USER_OF.TOWNSHIP_OFFICER)!.cookie;
  const signed = decodeURIComponent(someCookie.slice(someCookie.indexOf('=') + 1));

  const [flags, letters, units, homes] = await Promise.all([
    db.possibleDuplicate.findMany({ select: { id: true }, take: 5 }),
    db.letter.findMany({ select: { id: true }, take: 5 }),
    db.orgUnit.findMany({
      where: { level: { in: ['COUNTY', 'TOWNSHIP'] } },
      select: { id: true, level: true },
    }),
    db.careHome.findMany({ select: { id: true }, take: 4 }),
  ]);
  return {
    app,
    harness,
    cases,
    referralNos,
    flagIds: flags.map((f) => f.id),
    letterIds: letters.map((l) => l.id),
    villageIds: [XIZHOU_VILLAGE, '532901002002', '532922001002'],
    countyIds: units.filter((u) => u.level === 'COUNTY').map((u) => u.id),
    townshipIds: units
      .filter((u) => u.level === 'TOWNSHIP')
      .map((u) => u.id)
      .slice(0, 5),
    careHomeIds: homes.map((h) => h.id),
    stationIds: (await harness.db.rescueStation.findMany({ select: { id: true } })).map((s) => s.id),
    userOf: USER_OF,
    usernames,
    sessions,
    deadCookies: {
      expired: expired.cookie,
      signedOut: signedOut.cookie,
      forged: `jiuzhu.sid=${encodeURIComponent(`s:${randomUUID()}.forgedsignatureAAAAAAAAAAAAAAAAAAAAAAAAAA`)}`,
      // A real session id under another signature.
      tampered: `jiuzhu.sid=${encodeURIComponent(`${signed.slice(0, signed.lastIndexOf('.'))}.x${signed.slice(signed.lastIndexOf('.') + 2)}`)}`,
    },
    loginUser: FUZZ_USERS.login,
    logoutUser: FUZZ_USERS.logout,
  };
}

export { cookieOf };
