import { outageOf } from '../../api/outage';

/** Errors as the drivers throw them, reduced to what api/outage.ts reads. */
const prisma = (code: string, kind?: string, extra: object = {}) =>
  Object.assign(new Error('Invalid invocation'), {
    name: 'PrismaClientKnownRequestError',
    code,
    meta: kind ? { driverAdapterError: { name: 'DriverAdapterError', cause: { kind, ...extra } } } : {},
  });
const grpc = (code: number, message = `${code} grpc`) =>
  Object.assign(new Error(message), { code, details: '', metadata: {} });
const wrapped = (cause: unknown) =>
  Object.assign(new Error('Failed to start Workflow'), { name: 'ServiceError', cause });
const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('outageOf', () => {
  test.each([
    ['Prisma: cannot reach the server (P1001)', prisma('P1001', 'DatabaseNotReachable'), 'database'],
    [
      'Prisma raw query: adapter says not reachable (P2010)',
      prisma('P2010', 'DatabaseNotReachable'),
      'database',
    ],
    ['Prisma: connection closed', prisma('P2010', 'ConnectionClosed'), 'database'],
    ['Prisma: timed out fetching a pool connection (P2024)', prisma('P2024'), 'database'],
    ['Prisma: no connection free within the transaction maxWait (P2028)', prisma('P2028'), 'database'],
    ['Prisma: the server is starting up (57P03)', prisma('P2010', 'postgres', { code: '57P03' }), 'database'],
    [
      'Prisma: terminated by an administrator (57P01)',
      prisma('P2010', 'postgres', { code: '57P01' }),
      'database',
    ],
    ['pg (session store): connection refused', withCode('ECONNREFUSED'), 'database'],
    ['pg: a connection exception SQLSTATE', withCode('08006'), 'database'],
    ['pg-pool: connect timeout', new Error('timeout exceeded when trying to connect'), 'database'],
    ['pg: lost connection', new Error('Connection terminated unexpectedly'), 'database'],
    [
      'pg: a pooled client whose connection broke (Postgres killed)',
      new Error('Client has encountered a connection error and is not queryable'),
      'database',
    ],
    ['gRPC UNAVAILABLE', grpc(14), 'temporal'],
    ['gRPC DEADLINE_EXCEEDED', grpc(4), 'temporal'],
    [
      'gRPC CANCELLED (answered under overload, 2,000 households at once)',
      grpc(1, '1 CANCELLED: Call cancelled'),
      'temporal',
    ],
    ['Temporal ServiceError caused by UNAVAILABLE', wrapped(grpc(14)), 'temporal'],
    [
      'an Update while the workflow task is failed (seen at 200 households at once)',
      wrapped(
        grpc(
          9,
          '9 FAILED_PRECONDITION: Unable to perform workflow execution update due to Workflow Task in failed state.',
        ),
      ),
      'temporal',
    ],
    [
      'an Update that timed out',
      Object.assign(new Error('timeout'), { name: 'WorkflowUpdateRPCTimeoutOrCancelledError' }),
      'temporal',
    ],
  ])('%s → %s', (_what, error, outage) => {
    expect(outageOf(error)).toBe(outage);
  });

  test.each([
    ['a unique constraint (P2002)', prisma('P2002', 'UniqueConstraintViolation')],
    ['a syntax error from Postgres', prisma('P2010', 'postgres', { code: '42601' })],
    ['gRPC NOT_FOUND', grpc(5)],
    ['another gRPC FAILED_PRECONDITION', grpc(9, '9 FAILED_PRECONDITION: namespace is not active')],
    ['Temporal ServiceError caused by INVALID_ARGUMENT', wrapped(grpc(3))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['not an error at all', 'boom'],
  ])('%s is no outage', (_what, error) => {
    expect(outageOf(error)).toBeNull();
  });
});
