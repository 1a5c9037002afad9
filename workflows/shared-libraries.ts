/**
 * The libraries the workflows' reusable V8 context evaluates once and shares with every
 * workflow (the SDK's `preloadModules`, worker/create-worker.ts), rather than once for each
 * workflow it starts or replays — a workflow's own modules are its own. They keep no state of
 * a workflow's, and the SDK freezes them, which they survive (zod builds and parses, date-fns
 * and @date-fns/utc compute, on frozen modules).
 *
 * Preloaded through this module rather than by package name: the SDK preloads with `require`,
 * which resolves a package's CommonJS build (a second copy no workflow uses), and a
 * side-effect-free package required for nothing is dropped from the bundle.
 */
import { z } from 'zod';

/**
 * zod's schema classes, which every schema of the domain builds on (not the whole namespace, with
 * its forty locales). Built once here because zod sets its default locale, its one global
 * written after load, when the first schema is built: after the freeze it could not.
 */
export const zodReady = z.object({});
// The date-fns functions the domain's rules use, not the whole library (which is twice this bundle).
export {
  addDays,
  addMonths,
  differenceInCalendarDays,
  differenceInCalendarMonths,
  endOfDay,
  format,
  isValid,
  isWeekend,
} from 'date-fns';
export { UTCDate } from '@date-fns/utc';
