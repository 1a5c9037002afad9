import type { Express } from 'express';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';

/**
 * A seeded staff member calling the API with HTTP Basic. The app is read at each call, so a
 * client made at a test file's top level works once `useTestApp` has built it.
 */
export function staffClient(http: { app: Express }, username: string) {
  return {
    get: (path: string) => request(http.app).get(path).auth(username, DEMO_PASSWORD),
    post: (path: string, body: object = {}, headers: Record<string, string> = {}) =>
      request(http.app).post(path).auth(username, DEMO_PASSWORD).set(headers).send(body),
  };
}
