import { createHmac, randomBytes } from 'node:crypto';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { HttpError } from './http-error';
import { PostgresRateLimitStore } from './rate-limit-store';
import { unstorableText } from './schemas/storable-text';
import { actorOf, verifyPassword } from './staff-accounts';

const FAILURES_ALLOWED = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;
/** How long a verified username and password skip bcrypt; the account's state is read every time. */
const VERIFIED_FOR_MS = 60_000;
const VERIFIED_KEPT = 1_000;

/**
 * Password checks for sign-in and HTTP Basic. Only failures count toward the lock (ten per
 * address and username in fifteen minutes), and only after they failed: a busy client sending
 * correct credentials is never refused, however many of its requests are in flight. The counts
 * live in Postgres, so every API process behind one address shares the lock. A username
 * and password verified in the last minute skip bcrypt (about 70 ms of one core each), keyed
 * by an HMAC under a key that lives only in this process; the account is read each time, so a
 * deactivated user is refused at once, and a changed password at once stops the old one.
 */
export class SignInGuard {
  private readonly failures: PostgresRateLimitStore;
  private readonly secret = randomBytes(32);
  private readonly verified = new Map<string, { userId: string; passwordHash: string; until: number }>();
  private readonly checking = new Map<string, Promise<{ actor: Actor; passwordHash: string } | null>>();

  constructor(private readonly db: Database) {
    this.failures = new PostgresRateLimitStore(db);
    this.failures.init({ windowMs: FAILURE_WINDOW_MS });
  }

  /** The actor for these credentials; 429 while the address and username are locked, null when wrong. */
  async signIn(ip: string | undefined, username: string, password: string): Promise<Actor | null> {
    const lockKey = `${ipKeyGenerator(ip ?? '')}|${username}`;
    if (((await this.failures.get(lockKey))?.totalHits ?? 0) >= FAILURES_ALLOWED) {
      throw new HttpError(
        429,
        'too_many_attempts',
        '登录失败次数过多，请 15 分钟后再试 (too many failed sign-ins)',
      );
    }
    // No account has a name Postgres cannot store: a failure, without asking the database.
    const actor = unstorableText(username) ? null : await this.verify(username, password);
    if (!actor) await this.failures.increment(lockKey);
    return actor;
  }

  private async verify(username: string, password: string): Promise<Actor | null> {
    const key = createHmac('sha256', this.secret).update(`${username}\0${password}`).digest('base64');
    const known = this.verified.get(key);
    if (known && known.until > Date.now()) {
      const actor = await actorOf(this.db, { id: known.userId }, known.passwordHash);
      if (actor) return actor;
      // Disabled, or the password changed since: check these credentials afresh.
      this.verified.delete(key);
    }
    // Requests arriving together with the same credentials share one bcrypt comparison.
    let pending = this.checking.get(key);
    if (!pending) {
      pending = verifyPassword(this.db, username, password).finally(() => this.checking.delete(key));
      this.checking.set(key, pending);
    }
    const verified = await pending;
    if (verified) this.remember(key, verified.actor.userId, verified.passwordHash);
    return verified?.actor ?? null;
  }

  private remember(key: string, userId: string, passwordHash: string): void {
    if (this.verified.size >= VERIFIED_KEPT) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(key, { userId, passwordHash, until: Date.now() + VERIFIED_FOR_MS });
  }
}
