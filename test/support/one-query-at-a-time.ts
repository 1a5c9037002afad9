import { Client } from 'pg';

/**
 * pg 8 queues a query sent on a connection still answering another, with a deprecation
 * warning once a process; pg 9 refuses it. Prisma's driver adapter sends a transaction's
 * queries on one connection, so queries that overlap there (sibling relations read at once,
 * a `Promise.all` on a transaction) work today and fail after the upgrade. The integration
 * tests run with pg 9's rule: such a query fails here, naming both statements.
 */
// pg's own fields: `activeQuery` is a deprecated getter of `_activeQuery` (pg 8.23).
type Connection = Client & { _activeQuery?: { text?: string } | null; _queryQueue: { text?: string }[] };

const send = Client.prototype.query as (...args: unknown[]) => unknown;

Client.prototype.query = function (this: Connection, ...args: unknown[]) {
  const busy = this._activeQuery ?? this._queryQueue[0];
  const config = args[0] as string | { text?: string };
  const text = typeof config === 'string' ? config : config?.text;
  // The ROLLBACK Prisma sends after a refused query is let through (queued, as pg 8 does), so
  // the transaction ends and its connection goes back to the pool: the refusal has already
  // failed the test, and a connection never released would hang the pool's end.
  if (busy && text !== 'ROLLBACK') {
    const error = new Error(
      `a query sent while the connection still answers another (pg 9 refuses it): ${brief(text)} — while: ${brief(busy.text)}`,
    );
    process.stderr.write(`[one-query-at-a-time] ${error.message}\n${error.stack ?? ''}\n`);
    return Promise.reject(error);
  }
  return send.apply(this, args);
} as typeof Client.prototype.query;

function brief(sql: string | undefined): string {
  return (sql ?? '?').replace(/\s+/g, ' ').slice(0, 200);
}
