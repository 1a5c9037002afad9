import fc from 'fast-check';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../../prisma/seed/seed';
import { registeredRoutes } from '../app-routes';
import { csrfOf } from '../console-session';
import { judge } from './fuzz-oracle';
import {
  encodeLoose,
  fuzzRequests,
  requestsTo,
  type Auth,
  type CsrfChoice,
  type FuzzRequest,
} from './fuzz-requests';
import { consoleSession, cookieOf, type FuzzWorld } from './fuzz-world';
import { changedTables, rowSnapshotter } from './row-snapshot';

export interface FuzzFailure {
  route: string;
  problem: string;
  /** How many requests failed the same way; the first is shown. */
  times: number;
  example: { method: string; url: string; auth: string; changes: string[]; status: number };
}

export interface FuzzReport {
  seed: number;
  requests: number;
  statuses: Record<number, number>;
  byRoute: Record<string, Record<number, number>>;
  /** Refused requests answered while a workflow was still writing: their writes are not judged. */
  unjudged: number;
  failures: FuzzFailure[];
}

const BATCH = 100;
/** Longer than the API's own 10 s deadline on Temporal: a hang is a failure, not a timeout here. */
const ANSWER_TIMEOUT_MS = 30_000;

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

const WRONG_TOKEN = 'f'.repeat(64);

/** The cookie and CSRF token a request's sign-in resolves to, signing in where it must. */
async function credentialsOf(
  world: FuzzWorld,
  auth: Auth,
): Promise<{ authorization?: string; cookie?: string; csrf?: string; describe: string }> {
  const token = (choice: CsrfChoice, own: string) =>
    ({
      right: own,
      another: world.sessions.get(world.userOf.SUPERVISOR)!.csrf,
      wrong: WRONG_TOKEN,
      none: undefined,
    })[choice];
  switch (auth.kind) {
    case 'none':
      return { describe: 'anonymous' };
    case 'basic':
      return { authorization: basic(auth.username, DEMO_PASSWORD), describe: `Basic ${auth.username}` };
    case 'wrongPassword':
      return {
        authorization: basic(auth.username, 'wrong-password'),
        describe: `Basic ${auth.username} (wrong)`,
      };
    case 'header':
      return { authorization: auth.value, describe: `Authorization: ${auth.value.slice(0, 40)}` };
    case 'session': {
      const s = world.sessions.get(auth.username)!;
      return {
        cookie: s.cookie,
        csrf: token(auth.csrf, s.csrf),
        describe: `session ${auth.username}, csrf ${auth.csrf}`,
      };
    }
    case 'deadCookie':
      return {
        cookie: world.deadCookies[auth.which],
        csrf: token(auth.csrf, WRONG_TOKEN),
        describe: `${auth.which} session`,
      };
    case 'loginPage': {
      const page = await request(world.app).get('/login');
      return {
        cookie: auth.cookie ? cookieOf(page) : undefined,
        csrf: token(auth.csrf, csrfOf(page.text)),
        describe: `sign-in page${auth.cookie ? '' : ' without its cookie'}, csrf ${auth.csrf}`,
      };
    }
    case 'freshSession': {
      const s = await consoleSession(world.app, world.logoutUser);
      return {
        cookie: s.cookie,
        csrf: token(auth.csrf, s.csrf),
        describe: `fresh session, csrf ${auth.csrf}`,
      };
    }
  }
}

type Credentials = Awaited<ReturnType<typeof credentialsOf>>;

/** Sends a generated request as a client would, the CSRF token in the form or in the header. */
async function send(world: FuzzWorld, req: FuzzRequest, creds: Credentials) {
  let test = request(world.app)[req.method](req.url).timeout(ANSWER_TIMEOUT_MS).set(req.headers);
  if (creds.authorization) test = test.set('Authorization', creds.authorization);
  if (creds.cookie) test = test.set('Cookie', creds.cookie);
  const body = req.body;
  const tokenInBody =
    creds.csrf !== undefined && body !== undefined && body.kind !== 'raw' && req.route === 'POST /login';
  if (creds.csrf !== undefined && !tokenInBody) test = test.set('x-csrf-token', creds.csrf);
  if (body?.kind === 'json') {
    const value =
      tokenInBody && body.value && typeof body.value === 'object'
        ? { ...body.value, _csrf: creds.csrf }
        : body.value;
    const text = JSON.stringify(value);
    if (text !== undefined) test = test.set('Content-Type', 'application/json').send(text);
  } else if (body?.kind === 'form') {
    const fields = tokenInBody ? { ...body.value, _csrf: creds.csrf! } : body.value;
    const text = Object.entries(fields)
      .map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`)
      .join('&');
    test = test.set('Content-Type', 'application/x-www-form-urlencoded').send(text);
  } else if (body?.kind === 'raw') {
    test = test.set('Content-Type', body.contentType).send(body.data);
  }
  return test.ok(() => true);
}

/**
 * Waits until nothing more is written: a decision's consequences (the next step, a letter, a
 * referral's answer reaching its case) may follow its answer by a few activities.
 */
/** Whether anything is written in the second after `after` was taken. */
async function stillWriting(snapshot: () => Promise<Record<string, string>>, after: Record<string, string>) {
  await new Promise((r) => setTimeout(r, 1_000));
  return changedTables(after, await snapshot()).length > 0;
}

async function settle(snapshot: () => Promise<Record<string, string>>) {
  let last = await snapshot();
  for (let quiet = 0, polls = 0; quiet < 3 && polls < 40; polls++) {
    await new Promise((r) => setTimeout(r, 150));
    const now = await snapshot();
    quiet = changedTables(last, now).length === 0 ? quiet + 1 : 0;
    last = now;
  }
}

/**
 * Sends `count` generated requests to the world's app, one at a time, and checks each answer:
 * never a 5xx, a 4xx naming what it refused, a 2xx only for input that may be valid, and no row
 * written by a refused request. Answers every status seen and every way the rules were broken.
 */
export async function runFuzz(
  world: FuzzWorld,
  options: { count: number; seed?: number; onProgress?: (done: number) => void },
): Promise<FuzzReport> {
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const routes = registeredRoutes(world.app);
  const arbitrary = fuzzRequests(world, routes);
  const snapshot = await rowSnapshotter(world.harness.db);
  const report: FuzzReport = { seed, requests: 0, statuses: {}, byRoute: {}, unjudged: 0, failures: [] };
  const failuresByKey = new Map<string, FuzzFailure>();
  const record = (req: FuzzRequest, auth: string, status: number, problem: string) => {
    const key = `${req.route}|${problem.replace(/\d+/g, '#').slice(0, 80)}`;
    const known = failuresByKey.get(key);
    if (known) known.times++;
    else
      failuresByKey.set(key, {
        route: req.route,
        problem,
        times: 1,
        example: {
          method: req.method.toUpperCase(),
          url: req.url.length > 300 ? `${req.url.slice(0, 300)}…` : req.url,
          auth,
          changes: req.changes,
          status,
        },
      });
  };

  // The first batch sends one request to every route, so every route is fuzzed whatever the
  // count and the seed (routes are many, and each branch adds some); then routes at random.
  const firstBatch = routes.map((route) => fc.sample(requestsTo(world, route), { numRuns: 1, seed })[0]!);
  for (let batch = 0; report.requests < options.count; batch++) {
    const size = Math.min(BATCH, options.count - report.requests);
    const requests = batch === 0 ? firstBatch : fc.sample(arbitrary, { numRuns: size, seed: seed + batch });
    for (const req of requests) {
      // Signing in (or opening the sign-in page) writes a session: before the snapshot.
      const creds = await credentialsOf(world, req.auth);
      const before = await snapshot();
      const res = await send(world, req, creds).catch((error: Error) => error);
      // Status 0: no answer a client can read (a hang, a reset, headers past Node's limit).
      const status = res instanceof Error ? 0 : res.status;
      report.requests++;
      report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      const perRoute = (report.byRoute[req.route] ??= {});
      perRoute[status] = (perRoute[status] ?? 0) + 1;
      if (res instanceof Error) {
        record(req, creds.describe, 0, `no answer a client can read: ${res.message}`);
        continue;
      }

      let problem = judge(req, res);
      // A page that sends to the sign-in page refused too; signing in or out redirects on success.
      const toLogin = req.method === 'get' && String(res.headers.location ?? '').startsWith('/login');
      const refused = res.status >= 400 || toLogin;
      if (refused) {
        const after = await snapshot();
        const changed = changedTables(before, after);
        // Writes that go on after the request was answered are a workflow's, not the request's.
        const ongoing = changed.length > 0 && (await stillWriting(snapshot, after));
        if (ongoing) report.unjudged++;
        else if (changed.length) problem ??= `refused with ${res.status} but wrote: ${changed.join('; ')}`;
      } else if (req.method !== 'get' || res.status >= 300) {
        await settle(snapshot);
      }
      if (problem) record(req, creds.describe, res.status, problem);
      options.onProgress?.(report.requests);
    }
  }
  report.failures = [...failuresByKey.values()];
  return report;
}
