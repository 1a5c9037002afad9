import { csrfSync } from 'csrf-sync';

/**
 * CSRF protection for everything a signed-in browser sends: a synchroniser token kept in the
 * session, sent back in a form's `_csrf` field or in the `x-csrf-token` header. Requests signed
 * with HTTP Basic carry no cookie and need none.
 */
export const { csrfSynchronisedProtection: csrfProtection, generateToken: csrfToken } = csrfSync({
  getTokenFromRequest: (req) => {
    const fromBody = (req.body as { _csrf?: unknown } | undefined)?._csrf;
    if (typeof fromBody === 'string') return fromBody;
    const header = req.headers['x-csrf-token'];
    return typeof header === 'string' ? header : undefined;
  },
});
