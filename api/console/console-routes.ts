import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Database } from '../../platform/database';
import type { SignInGuard } from '../sign-in-guard';
import { accountPageRoutes } from './account-pages';
import { applicationFormRoutes } from './application-form';
import { calendarBanner } from './calendar-banner';
import { calendarPageRoutes } from './calendar-page';
import { careHomePageRoutes } from './care-home-pages';
import { rescueStationPageRoutes } from './rescue-station-pages';
import { casePageRoutes } from './case-pages';
import { countyPolicyPageRoutes } from './county-policy-page';
import { dashboardRoutes } from './dashboard';
import { homeOf, navigationFor } from './navigation';
import { noticeBoardRoutes } from './notice-board';
import { orgUnitPageRoutes } from './org-unit-pages';
import { passwordResetPageRoutes } from './password-reset-page';
import { referralPageRoutes } from './referral-pages';
import { reportPageRoutes } from './report-pages';
import { pairingPageRoutes } from './pairing-pages';
import { securityLogPageRoutes } from './security-log-page';
import { tipOffPageRoutes } from './tip-off-pages';
import { economicCheckPageRoutes } from './economic-check-pages';
import { randomCheckPageRoutes } from './random-check-pages';
import { paymentRollPageRoutes } from './payment-roll-pages';
import { disasterPageRoutes } from './disaster-pages';
import { donationPageRoutes } from './donation-pages';
import { requireSignedIn, signInRoutes } from './sign-in';
import { taskRoutes } from './tasks';

export interface ConsoleDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  guard: SignInGuard;
}

/**
 * The staff console: server-rendered zh-CN pages. Pages only read; their forms post JSON to the
 * same /api routes API clients use (same schemas, same checks), with the session's CSRF token.
 */
export function consoleRoutes(deps: ConsoleDeps): Router {
  const { db } = deps;
  const router = Router();
  router.use(signInRoutes(db, deps.guard));
  router.use(passwordResetPageRoutes(db));
  router.use(requireSignedIn(db));
  router.use((req, res, next) => {
    const actor = req.actor!;
    const villageId = actor.role === 'VILLAGE_ASSISTANT' ? actor.unitId : null;
    res.locals.nav = navigationFor(actor, villageId).map((item) => ({
      ...item,
      current: req.path === item.href || (item.href !== '/' && req.path.startsWith(item.href)),
    }));
    next();
  });
  router.use(calendarBanner(db));
  router.get('/', (req, res) => res.redirect(303, homeOf(req.actor!.role)));
  router.use(taskRoutes(db));
  router.use(applicationFormRoutes(db));
  router.use(casePageRoutes(db));
  router.use(noticeBoardRoutes(db));
  router.use(dashboardRoutes(deps));
  router.use(referralPageRoutes(deps));
  router.use(careHomePageRoutes(deps));
  router.use(rescueStationPageRoutes(deps));
  router.use(securityLogPageRoutes(db));
  router.use(accountPageRoutes(db));
  router.use(orgUnitPageRoutes(db));
  router.use(calendarPageRoutes(db));
  router.use(countyPolicyPageRoutes(db));
  router.use(paymentRollPageRoutes(db));
  router.use(donationPageRoutes(db));
  router.use(reportPageRoutes(db));
  router.use(pairingPageRoutes(db));
  router.use(disasterPageRoutes(db));
  router.use(tipOffPageRoutes(db));
  router.use(economicCheckPageRoutes(db));
  router.use(randomCheckPageRoutes(db));
  return router;
}
