import type { Express } from 'express';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';

/** The CSRF token a console page carries in its `<meta name="csrf-token">`. */
export function csrfOf(html: string): string {
  const found =
    html.match(/<meta name="csrf-token" content="([^"]+)">/) ?? html.match(/name="_csrf" value="([^"]+)"/);
  if (!found) throw new Error('no CSRF token on the page');
  return found[1]!;
}

/**
 * A browser-like client signed in to the console as a seeded user: it keeps the session cookie,
 * and `csrf` is the token its pages carry, for calls to the API with the session.
 */
export async function signedIn(app: Express, username: string) {
  const agent = request.agent(app);
  const login = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(login.text), username, password: DEMO_PASSWORD, next: '/' });
  if (res.status !== 303) throw new Error(`sign-in as ${username} answered ${res.status}`);
  const home = await agent.get(res.headers.location!).redirects(1);
  return { agent, csrf: csrfOf(home.text), home };
}
