import pg from 'pg';

/**
 * Counts what one pg pool sends to Postgres: every `client.query` is one round trip (pg sends
 * parse, bind, execute and sync together), and a transaction runs on one client from its BEGIN
 * to its COMMIT or ROLLBACK (Prisma's driver adapter sends both as queries). Only clients whose
 * `application_name` is the traced one are counted, so the worker's and the driver's pools in
 * the same process are left out. Installed once, for the process.
 */
export interface TracedTransaction {
  /** Round trips from BEGIN to COMMIT/ROLLBACK, both included. */
  statements: number;
  /** From sending BEGIN to COMMIT's answer, ms. */
  durationMs: number;
  /** Whether it ended in COMMIT. */
  committed: boolean;
  /** From sending the first statement naming `marker` to the transaction's end, ms (the row lock waited for and held). */
  markerHeldMs: number | null;
  /** From that statement's answer to the transaction's end, ms (the row lock surely held: it was taken by then). */
  markerAnsweredHeldMs: number | null;
}

interface OpenTransaction {
  beganAt: number;
  statements: number;
  markerAt: number | null;
  markerAnsweredAt: number | null;
}

export class SqlTrace {
  roundTrips = 0;
  transactions: TracedTransaction[] = [];
  /** While set, every traced statement's first words, in order (to print one request's statements). */
  log: string[] | null = null;
  private readonly open = new WeakMap<object, OpenTransaction>();

  constructor(
    readonly applicationName: string,
    /** A statement naming this (e.g. a table) marks when its row lock is taken. */
    private readonly marker: string,
  ) {}

  reset(): void {
    this.roundTrips = 0;
    this.transactions = [];
  }

  /** Patches pg's Client once; answers the trace's connection string for the pool to trace. */
  install(databaseUrl: string): string {
    const { applicationName } = this;
    const seen = this.seen.bind(this);
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function tracedQuery(this: pg.Client, ...args: unknown[]) {
      const name = (this as unknown as { connectionParameters?: { application_name?: string } })
        .connectionParameters?.application_name;
      if (name !== applicationName) return original.apply(this, args);
      const first = args[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
      const result = original.apply(this, args);
      seen(this, text.trim(), performance.now(), result);
      return result;
    };
    const url = new URL(databaseUrl);
    url.searchParams.set('application_name', this.applicationName);
    return url.toString();
  }

  private seen(client: object, text: string, sentAt: number, result: unknown): void {
    this.roundTrips++;
    this.log?.push(`${this.open.has(client) ? '  ' : ''}${text.replace(/\s+/g, ' ').slice(0, 110)}`);
    const verb = text.slice(0, 8).toUpperCase();
    if (verb.startsWith('BEGIN')) {
      this.open.set(client, { beganAt: sentAt, statements: 1, markerAt: null, markerAnsweredAt: null });
      return;
    }
    const txn = this.open.get(client);
    if (!txn) return;
    txn.statements++;
    if (txn.markerAt === null && text.includes(this.marker)) {
      txn.markerAt = sentAt;
      const answered = () => {
        txn.markerAnsweredAt = performance.now();
      };
      if (result && typeof (result as Promise<unknown>).then === 'function')
        (result as Promise<unknown>).then(answered, answered);
      else answered();
    }
    const ends = verb.startsWith('COMMIT') || verb.startsWith('ROLLBACK');
    if (!ends) return;
    this.open.delete(client);
    const finish = () => {
      const endedAt = performance.now();
      this.transactions.push({
        statements: txn.statements,
        durationMs: endedAt - txn.beganAt,
        committed: verb.startsWith('COMMIT'),
        markerHeldMs: txn.markerAt === null ? null : endedAt - txn.markerAt,
        markerAnsweredHeldMs: txn.markerAnsweredAt === null ? null : endedAt - txn.markerAnsweredAt,
      });
    };
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(finish, finish);
    else finish();
  }
}
