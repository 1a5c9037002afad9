import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Client } from 'pg';

/**
 * CPU time spent serving requests, this process's and its database's, so a run on cores other
 * processes share still says how much work a request is: wall-clock latency there is mostly
 * waiting for a core. The database's is read from /proc for the server processes of the
 * bench's database, so only for a server on this machine.
 */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User and system CPU of a process, ms; 0 once it has gone. */
function processCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, inside parentheses): utime is 14th, stime 15th.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export interface CpuReading {
  node: number;
  /** CPU ms so far of each server process of the database, by pid; null when remote. */
  postgres: Map<number, number> | null;
}

export interface CpuClock {
  read(): Promise<CpuReading>;
  /**
   * CPU ms between two readings: this process's, and the database's (a server process that
   * started between them counts whole; one that ended counts nothing, so it is a lower bound).
   */
  between(before: CpuReading, after: CpuReading): { node: number; postgres: number | null };
}

/** `nodePid`: the Node process that serves (another process, e.g. an API started apart); this one by default. */
export function cpuClock(admin: Client, database: string, local: boolean, nodePid?: number): CpuClock {
  return {
    async read() {
      const usage = process.cpuUsage();
      const node = nodePid === undefined ? (usage.user + usage.system) / 1000 : processCpuMs(nodePid);
      if (!local || !fs.existsSync('/proc/self/stat')) return { node, postgres: null };
      const { rows } = await admin.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      return { node, postgres: new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)])) };
    },
    between(before, after) {
      let postgres: number | null = null;
      if (before.postgres && after.postgres) {
        postgres = 0;
        for (const [pid, ms] of after.postgres) postgres += Math.max(0, ms - (before.postgres.get(pid) ?? 0));
      }
      return { node: after.node - before.node, postgres };
    },
  };
}
