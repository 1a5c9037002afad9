import { startChild, type ChildSpec, type Exit, type RunningChild } from './child';

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** A child that ran this long before it died is restarted as if for the first time. */
const HEALTHY_AFTER_MS = 30_000;

/** The wait before the n-th restart in a row (1-based): 1 s, 2 s, 4 s … at most 30 s. */
export function restartDelayMs(failuresInARow: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failuresInARow - 1));
}

export function describeExit({ code, signal }: Exit): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

/**
 * Keeps one child running: started at once, and when it dies unasked, restarted after a
 * growing wait (saying so), so one dead part does not take the stack down. `stop()` stops the
 * child and any restart still to come.
 */
export class Supervised {
  private child: RunningChild | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private failuresInARow = 0;
  private stopped = false;
  private readonly startedListeners: ((child: RunningChild, restarted: boolean) => void)[] = [];

  constructor(
    private readonly spec: ChildSpec,
    private readonly say: (message: string) => void,
  ) {
    this.start(false);
  }

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Called with every child started from now on, restarts included. */
  onStarted(listener: (child: RunningChild, restarted: boolean) => void): void {
    this.startedListeners.push(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.child?.stop();
  }

  private start(restarted: boolean): void {
    const child = startChild(this.spec);
    this.child = child;
    this.say(`${this.spec.name} ${restarted ? 'restarted' : 'started'} (pid ${child.pid})`);
    for (const listener of this.startedListeners) listener(child, restarted);
    void child.exited.then((exit) => {
      if (this.stopped) return;
      if (Date.now() - child.startedAt >= HEALTHY_AFTER_MS) this.failuresInARow = 0;
      const delay = restartDelayMs(++this.failuresInARow);
      this.say(
        `${this.spec.name} (pid ${child.pid}) died: ${describeExit(exit)}; restarting in ${delay / 1000} s`,
      );
      this.restartTimer = setTimeout(() => this.start(true), delay);
    });
  }
}
