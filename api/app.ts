import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Database } from '../platform/database';
import { errorHandler, HttpError } from './http-error';
import { authenticate } from './middleware/authenticate';
import { caseRoutes } from './routes/cases';
import { countyPolicyRoutes } from './routes/county-policy';
import { healthRoutes } from './routes/health';
import { referralRoutes } from './routes/referrals';

export interface AppDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  log: Logger;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '256kb' }));
  app.use('/api/health', healthRoutes(deps));
  app.use('/api', authenticate(deps.db));
  app.use('/api/cases', caseRoutes(deps));
  app.use('/api/counties', countyPolicyRoutes(deps));
  app.use('/api/referrals', referralRoutes(deps));
  app.use('/api', () => {
    throw new HttpError(404, 'not_found', 'no such API route');
  });
  app.use(errorHandler(deps.log));
  return app;
}
