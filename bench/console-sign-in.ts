import { DEMO_PASSWORD } from '../prisma/seed/seed';
import { csrfOf } from '../test/support/console-session';

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** Signs a demo user in through the console's form, as a browser would; answers the session cookie. */
export async function signIn(base: string, username: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const form = new URLSearchParams({
    _csrf: csrfOf(await page.text()),
    username,
    password: DEMO_PASSWORD,
    next: '/',
  });
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    body: form,
    headers: { cookie: cookiesOf(page) },
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`sign-in as ${username} answered ${res.status}`);
  return cookiesOf(res);
}
