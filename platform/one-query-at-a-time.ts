import type { PrismaPg } from '@prisma/adapter-pg';
import { Mutex } from 'async-mutex';

type Adapter = Awaited<ReturnType<PrismaPg['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;

/**
 * pg's driver adapter for Prisma, with each interactive transaction's queries sent one at a
 * time. A transaction holds one connection, and Prisma sends a query's sibling relations (an
 * include of two relations) at once: pg 8 queues the second behind the first with a deprecation
 * warning, pg 9 refuses it (prisma/orm#29979, open). pg asks for "an external async flow
 * control mechanism"; this is one, a mutex per transaction. Nothing waits longer than before:
 * pg answered the queued query only after the first in any case.
 */
export function oneQueryAtATime(factory: PrismaPg): PrismaPg {
  return passThrough(factory, {
    connect: async () => serialAdapter(await factory.connect()),
  });
}

function serialAdapter(adapter: Adapter): Adapter {
  return passThrough(adapter, {
    startTransaction: async (isolationLevel?: Parameters<Adapter['startTransaction']>[0]) =>
      serialTransaction(await adapter.startTransaction(isolationLevel)),
  });
}

function serialTransaction(tx: Transaction): Transaction {
  const turn = new Mutex();
  return new Proxy(tx, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      // Every call of the transaction takes its turn: queries, savepoints, and the release of
      // its connection at commit or rollback, which waits for a query still running.
      return (...args: unknown[]) =>
        turn.runExclusive(() => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}

/** `target` with some of its methods replaced; everything else as it is, called on `target`. */
function passThrough<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(replaced, property)) return replaced[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
}
