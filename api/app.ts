import path from 'node:path';
import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Database } from '../platform/database';
import { errorHandler, HttpError } from './http-error';
import { API_DOCS_PATH, apiDocsRoutes } from './routes/api-docs';
import { consoleRoutes } from './console/console-routes';
import { consoleErrorPage } from './console/error-page';
import { sessions, type SessionOptions } from './console/sessions';
import { PAGES, useConsoleViews } from './console/views';
import { authenticate } from './middleware/authenticate';
import { recordRefusals } from './middleware/record-refusals';
import { clientErrors } from './middleware/client-errors';
import { serviceUnavailable } from './middleware/service-unavailable';
import { temporalDeadline } from './middleware/temporal-deadline';
import { SignInGuard } from './sign-in-guard';
import { accountRoutes } from './routes/accounts';
import { calendarRoutes } from './routes/calendar';
import { premiumSubsidyRoutes } from './routes/premium-subsidies';
import { careHomeRoutes } from './routes/care-homes';
import { rescueStationRoutes } from './routes/rescue-stations';
import { caseRoutes } from './routes/cases';
import { countyPolicyRoutes } from './routes/county-policy';
import { dashboardApiRoutes } from './routes/dashboard';
import { pairingRoutes } from './routes/pairings';
import { reportRoutes } from './routes/reports';
import { countyPolicyChangeRoutes } from './routes/county-policy-changes';
import { healthRoutes } from './routes/health';
import { orgUnitRoutes } from './routes/org-units';
import { ownAccountRoutes } from './routes/own-account';
import { referralRoutes } from './routes/referrals';
import { securityLogRoutes } from './routes/security-log';
import { charitySupermarketRoutes, donationRoutes } from './routes/donations';
import { fundRoutes } from './routes/funds';
import { householdRoutes } from './routes/households';
import { paymentRollRoutes } from './routes/payment-rolls';
import { publicCountyApiRoutes, publicCountyPageRoutes } from './routes/public-disclosure';
import { disasterRoutes } from './routes/disasters';
import { publicReportDesk } from './public-report-desk';
import { publicReportPages } from './console/public-report-pages';
import { publicReportRoutes } from './routes/public-reports';
import { tipOffRoutes } from './routes/tip-offs';
import { bureauChangeRoutes } from './routes/bureau-changes';
import { caseEconomicCheckRoutes, checkRequestRoutes, economicCheckRoutes } from './routes/economic-checks';
import { randomCheckRoutes } from './routes/random-checks';

export interface AppDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  log: Logger;
  sessions: SessionOptions;
  /** The console's address (PUBLIC_BASE_URL), for links in mail. */
  publicBaseUrl?: string;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  useConsoleViews(app);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Stored letters carry their print styles inline; no inline script anywhere.
        directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'script-src': ["'self'"] },
      },
    }),
  );
  app.use('/assets', express.static(path.join(PAGES, 'assets'), { maxAge: '1h' }));
  app.use(express.json({ limit: '256kb' }));
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));
  app.use('/api/health', healthRoutes(deps));
  app.use(temporalDeadline(deps.temporal));
  app.use(API_DOCS_PATH, apiDocsRoutes());
  // 举报/投诉: the public's page and its JSON twin, without sign-in (rate-limited, proof of work).
  const desk = publicReportDesk({ ...deps, secret: deps.sessions.secret });
  app.use('/api/public/reports', publicReportRoutes({ db: deps.db, desk }));
  app.use('/public/reports', publicReportPages({ db: deps.db, desk }));
  // 公示: each county's public figures, without sign-in (rate-limited, cached).
  app.use('/api/public', publicCountyApiRoutes(deps));
  app.use('/public', publicCountyPageRoutes(deps));
  app.use(sessions(deps.sessions));
  const guard = new SignInGuard(deps.db);
  app.use('/api', authenticate(deps.db, guard));
  app.use('/api/cases', caseRoutes(deps));
  app.use('/api/counties', countyPolicyRoutes(deps));
  app.use('/api/counties', countyPolicyChangeRoutes(deps));
  app.use('/api/referrals', referralRoutes(deps));
  app.use('/api/care-homes', careHomeRoutes(deps));
  app.use('/api/rescue-stations', rescueStationRoutes(deps));
  app.use('/api/security-log', securityLogRoutes(deps));
  app.use('/api/dashboard', dashboardApiRoutes(deps));
  app.use('/api/reports', reportRoutes(deps));
  app.use('/api/pairings', pairingRoutes(deps));
  app.use('/api/accounts', accountRoutes(deps));
  app.use('/api/me', ownAccountRoutes({ ...deps, guard }));
  app.use('/api/org-units', orgUnitRoutes(deps));
  app.use('/api/calendar', calendarRoutes(deps));
  app.use('/api/counties', premiumSubsidyRoutes(deps));
  app.use('/api/payment-rolls', paymentRollRoutes(deps));
  app.use('/api/funds', fundRoutes(deps));
  app.use('/api/donations', donationRoutes(deps));
  app.use('/api/charity-supermarkets', charitySupermarketRoutes(deps));
  app.use('/api/households', householdRoutes(deps));
  app.use('/api/disasters', disasterRoutes(deps));
  app.use('/api/tip-offs', tipOffRoutes(deps));
  app.use('/api/cases', caseEconomicCheckRoutes(deps));
  app.use('/api/economic-checks', economicCheckRoutes(deps));
  app.use('/api/economic-check-requests', checkRequestRoutes(deps));
  app.use('/api/bureau-changes', bureauChangeRoutes(deps));
  app.use('/api/random-checks', randomCheckRoutes(deps));
  app.use('/api', () => {
    throw new HttpError(404, 'not_found', 'no such API route');
  });
  app.use(consoleRoutes({ ...deps, guard }));
  app.use(clientErrors());
  app.use(serviceUnavailable(deps.log));
  app.use(recordRefusals(deps.db, deps.log));
  app.use(consoleErrorPage());
  app.use(errorHandler(deps.log));
  return app;
}
