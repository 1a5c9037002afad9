/** What a client is told to wait before trying again while a part is down (seconds). */
export const RETRY_AFTER_SECONDS = 5;

export type Outage = 'database' | 'temporal';

/**
 * Prisma's codes for a database it cannot reach, that dropped the connection or timed out, or
 * whose pool had no connection free in time (P2024, and P2028 for a transaction): an overloaded
 * database is answered like one that is down, 503 with Retry-After, never a 500.
 */
const PRISMA_OUTAGE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
/** The pg driver adapter's kinds for the same. */
const ADAPTER_OUTAGE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
/** Socket errors of the pg driver (the session store talks to Postgres without Prisma). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
/**
 * pg-pool and pg say these without a code when a connection cannot be had or is lost, or when a
 * pooled client whose connection broke (Postgres killed under it) is used once more.
 */
const PG_OUTAGE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated (unexpectedly|due to connection timeout)|Client has encountered a connection error and is not queryable/;
/** SQLSTATE: connection exceptions (08…), the server shutting down or starting (57P01–57P03). */
const SQLSTATE_OUTAGE = /^(08|57P0[123]|53300$)/;
/**
 * gRPC UNAVAILABLE and DEADLINE_EXCEEDED: the Temporal server cannot be reached, or not in time;
 * and CANCELLED, which the client answered under overload for reads of a keyed retry (2,000
 * households at once: six 500s, the server logging its own `context canceled` meanwhile). The
 * client sends it again with its Idempotency-Key, which meets whatever the first call did.
 */
const GRPC_OUTAGE_CODES = new Set([14, 4, 1]);
/**
 * gRPC FAILED_PRECONDITION for an Update while the workflow's last task failed (the server
 * retries it: a worker overloaded past the task's timeout, or a worker not yet fixed): the
 * Update may succeed later, so 503 like an outage. Other FAILED_PRECONDITIONs are not.
 */
const GRPC_FAILED_PRECONDITION = 9;
const WORKFLOW_TASK_FAILED = /Workflow Task in failed state/;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } };
  cause?: unknown;
}

function outageOfOne(error: ErrorLike): Outage | null {
  const { name, code, message } = error;
  if (name === 'PrismaClientInitializationError') return 'database';
  if (typeof code === 'string' && PRISMA_OUTAGE_CODES.has(code)) return 'database';
  const adapterCause = error.meta?.driverAdapterError?.cause;
  if (typeof adapterCause?.kind === 'string' && ADAPTER_OUTAGE_KINDS.has(adapterCause.kind))
    return 'database';
  if (adapterCause?.kind === 'postgres' && typeof adapterCause.code === 'string') {
    if (SQLSTATE_OUTAGE.test(adapterCause.code)) return 'database';
  }
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATE_OUTAGE.test(code))) return 'database';
  if (typeof message === 'string' && PG_OUTAGE_MESSAGES.test(message)) return 'database';
  if (typeof code === 'number' && GRPC_OUTAGE_CODES.has(code)) return 'temporal';
  if (code === GRPC_FAILED_PRECONDITION && typeof message === 'string' && WORKFLOW_TASK_FAILED.test(message))
    return 'temporal';
  if (name === 'WorkflowUpdateRPCTimeoutOrCancelledError') return 'temporal';
  return null;
}

/**
 * Whether an error means Postgres or the Temporal server is unavailable (rather than a bug or
 * a refused request), looking through its causes. Matched by name and code, not by class: the
 * SDKs' classes differ between module registries (jest, tsx).
 */
export function outageOf(error: unknown): Outage | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const outage = outageOfOne(current as ErrorLike);
    if (outage) return outage;
    current = (current as ErrorLike).cause;
  }
  return null;
}
