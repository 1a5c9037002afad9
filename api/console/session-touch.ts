import type { Store } from 'express-session';

/** Touched sessions remembered per process before the oldest are forgotten. */
const REMEMBERED = 20_000;

/**
 * Renewing a session's expiry writes its row (`UPDATE "session" SET expire …`), and
 * express-session renews on every request that does not change the session. Renewed once per
 * `intervalMs` by this process instead, a signed-in request costs the session's read alone;
 * the row may then expire up to `intervalMs` before the cookie's own rolling expiry, which
 * the next renewal puts right. A saved session counts as renewed (its row was written). A
 * session destroyed here is forgotten at once; one signed out through another process simply
 * finds no row to renew.
 */
export function touchAtMostEvery(store: Store, intervalMs: number, now: () => number = Date.now): Store {
  const touch = store.touch?.bind(store);
  if (!touch) return store;
  const touchedAt = new Map<string, number>();
  store.touch = (sid, session, callback?: (error?: unknown) => void) => {
    const last = touchedAt.get(sid);
    if (last !== undefined && now() - last < intervalMs) {
      callback?.();
      return;
    }
    touch(sid, session, (error?: unknown) => {
      if (!error) remember(touchedAt, sid, now());
      callback?.(error);
    });
  };
  // A saved session's row carries a fresh expiry already (a sign-in, a changed session).
  const set = store.set.bind(store);
  store.set = (sid, session, callback) => {
    set(sid, session, (error?: unknown) => {
      if (!error) remember(touchedAt, sid, now());
      (callback as ((error?: unknown) => void) | undefined)?.(error);
    });
  };
  const destroy = store.destroy.bind(store);
  store.destroy = (sid, callback) => {
    touchedAt.delete(sid);
    destroy(sid, callback);
  };
  return store;
}

function remember(touchedAt: Map<string, number>, sid: string, at: number): void {
  // Re-inserted, so the map's order is the order of the last renewals: the oldest go first.
  touchedAt.delete(sid);
  touchedAt.set(sid, at);
  if (touchedAt.size > REMEMBERED) touchedAt.delete(touchedAt.keys().next().value!);
}
