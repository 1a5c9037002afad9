import { createHash } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { leadingZeroBits } from '../../domain/tip-offs';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';

export const basic = (username: string) =>
  `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;

/** A challenge from the server, worked out here as the browser's script does. */
export async function solvedChallenge(app: Express) {
  const res = await request(app).get('/api/public/reports/challenge');
  expect(res.status).toBe(200);
  const { challenge, difficulty } = res.body as { challenge: string; difficulty: number };
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    const digest = createHash('sha256').update(`${challenge}:${nonce}`).digest();
    if (leadingZeroBits(digest) >= difficulty) return { challenge, nonce };
  }
}

/** Files a public report through the JSON route, its proof of work done; answers its receipt. */
export async function filePublicReport(app: Express, body: object): Promise<string> {
  const res = await request(app)
    .post('/api/public/reports')
    .send({ ...body, ...(await solvedChallenge(app)) });
  expect(res.status).toBe(201);
  return res.body.receiptNo as string;
}
