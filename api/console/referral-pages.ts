import { Router } from 'express';
import type { ConsoleDeps } from './console-routes';

/** 转介 pages: filled in by the referral pages work. */
export function referralPageRoutes(_deps: ConsoleDeps): Router {
  return Router();
}
