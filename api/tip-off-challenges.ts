import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { leadingZeroBits } from '../domain/tip-offs';
import type { Database } from '../platform/database';

/**
 * The proof-of-work challenge of the public report form: a machine that files a report spends
 * some CPU first, with no outside service. The server signs {id, difficulty, expiry} with a
 * key of its own; the browser (templates/pages/assets/tip-off-work.js) finds a nonce whose
 * SHA-256 of `challenge:nonce` starts with `difficulty` zero bits; the server checks the
 * signature, the expiry and the work, and spends the challenge once (TipOffChallengeUse).
 */

/** Zero bits asked for by default: about 65 000 hashes, a second or two in a browser. */
export const DEFAULT_CHALLENGE_BITS = 16;
/** How long a challenge may be worked on and sent. */
export const CHALLENGE_LIFETIME_MS = 10 * 60_000;

export interface IssuedChallenge {
  challenge: string;
  difficulty: number;
  expiresAt: string;
}

/** Why a challenge is refused, in zh-CN, with the field it concerns. */
export type ChallengeRefusal = { field: 'challenge' | 'nonce'; message: string };

export class TipOffChallenges {
  private readonly key: Buffer;

  constructor(
    secret: string,
    readonly difficulty = DEFAULT_CHALLENGE_BITS,
  ) {
    this.key = createHmac('sha256', secret).update('jiuzhu tip-off challenge').digest();
  }

  issue(now = Date.now()): IssuedChallenge {
    const expiresAt = now + CHALLENGE_LIFETIME_MS;
    const claim = `${randomBytes(16).toString('base64url')}.${this.difficulty}.${expiresAt}`;
    return {
      challenge: `${claim}.${this.sign(claim)}`,
      difficulty: this.difficulty,
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  /** Checks a challenge and its nonce and spends it; answers why not, or null when good. */
  async redeem(
    db: Database,
    challenge: string,
    nonce: string,
    now = Date.now(),
  ): Promise<ChallengeRefusal | null> {
    const parts = challenge.split('.');
    if (parts.length !== 4)
      return { field: 'challenge', message: '验证信息无效，请刷新页面重试 (malformed challenge)' };
    const [id, bits, expiry, signature] = parts as [string, string, string, string];
    const expected = Buffer.from(this.sign(`${id}.${bits}.${expiry}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { field: 'challenge', message: '验证信息无效，请刷新页面重试 (bad signature)' };
    const expiresAt = Number(expiry);
    if (!(expiresAt > now))
      return { field: 'challenge', message: '验证已过期，请刷新页面重试 (challenge expired)' };
    const digest = createHash('sha256').update(`${challenge}:${nonce}`, 'utf8').digest();
    if (leadingZeroBits(digest) < Number(bits))
      return { field: 'nonce', message: '计算验证未完成 (proof of work does not meet the difficulty)' };
    const spent = await db.$executeRaw`
      INSERT INTO "TipOffChallengeUse" ("challengeId", "expiresAt")
      VALUES (${id}, ${new Date(expiresAt)}) ON CONFLICT DO NOTHING`;
    if (spent === 0)
      return { field: 'challenge', message: '验证信息已使用，请刷新页面重试 (challenge already used)' };
    await db.$executeRaw`DELETE FROM "TipOffChallengeUse" WHERE "expiresAt" < now()`;
    return null;
  }

  private sign(claim: string): string {
    return createHmac('sha256', this.key).update(claim).digest('base64url');
  }
}
