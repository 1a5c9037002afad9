import { Router } from 'express';
import type { ConsoleDeps } from './console-routes';

/** 督办看板: filled in by the dashboard work. */
export function dashboardRoutes(_deps: ConsoleDeps): Router {
  return Router();
}
