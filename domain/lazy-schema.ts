import { z } from 'zod';

/**
 * A schema built the first time something parses with it (zod's `z.lazy`): parsing, errors,
 * composition into other schemas and JSON Schema are the built schema's.
 *
 * Why: the workflow sandbox evaluates the workflow bundle's modules again for each workflow it
 * starts or replays, and zod 4 builds a schema eagerly and not cheaply (a chain such as
 * `z.string().trim().min(2).max(2000)` is about 0.1 ms; a `z.lazy` a few µs). With the domain's
 * schemas built at module scope, every workflow — a referral, an enrolment's next run — spent
 * about 40 ms of CPU building all of them and kept them in its memory, though it validates
 * with a handful. The API and the activities build each one once per process either way.
 * Where a caller needs the schema's own members (`.shape`, `.extend`), `.unwrap()` gives it.
 */
export function lazySchema<T extends z.ZodType>(build: () => T): z.ZodLazy<T> {
  return z.lazy(build);
}
