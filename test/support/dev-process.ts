import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { descendantsOf, isRunning } from './process-tree';

const ROOT = path.resolve(__dirname, '..', '..');

export type DevPart = 'postgres' | 'temporal' | 'worker' | 'api';

/**
 * `npm run dev` (or scripts/dev.ts run by node itself) as a test drives it: its output kept
 * line by line, the pids it announces, and a way to take it all down if a test fails midway.
 */
export class DevProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly child: ChildProcess) {
    const onData = (chunk: Buffer) => {
      this.lines.push(...chunk.toString().split('\n').filter(Boolean));
      this.waiters.forEach((wake) => wake());
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(how: 'npm' | 'node', env: NodeJS.ProcessEnv): DevProcess {
    const [command, args] =
      how === 'npm' ? ['npm', ['run', 'dev']] : [process.execPath, ['--import', 'tsx', 'scripts/dev.ts']];
    // Its own process group, as a terminal or a service manager would start it.
    return new DevProcess(
      spawn(command, args as string[], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The first line from `from` on that matches, waiting up to `timeoutMs` for it. */
  async waitForLine(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpMatchArray> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      for (const line of this.lines.slice(from)) {
        const match = line.match(pattern);
        if (match) return match;
      }
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`dev exited before printing ${pattern}:\n${this.tail()}`);
      const left = until - Date.now();
      if (left <= 0) throw new Error(`no line ${pattern} within ${timeoutMs} ms:\n${this.tail()}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** The pid the part was last (re)started with, as dev announced it. */
  pidOf(part: DevPart): number {
    const pattern = new RegExp(`^\\[dev\\] ${part} (?:started|restarted) \\(pid (\\d+)\\)`);
    const found = this.lines.filter((line) => pattern.test(line)).at(-1);
    if (!found) throw new Error(`dev announced no ${part}:\n${this.tail()}`);
    return Number(found.match(pattern)![1]);
  }

  /** The parts dev said it stopped, in that order. */
  stopped(): string[] {
    return this.lines.flatMap((line) => line.match(/^\[dev\] stopped (.+) \(\d+ ms\)$/)?.[1] ?? []);
  }

  tail(lines = 40): string {
    return this.lines.slice(-lines).join('\n');
  }

  /** After a failed test: whatever is left of it, killed (what it announced, should it be gone). */
  kill(): void {
    const announced = this.lines.flatMap((line) => {
      const pid = line.match(/^\[dev\] \w+ (?:started|restarted) \(pid (\d+)\)/)?.[1];
      return pid ? [Number(pid)] : [];
    });
    for (const pid of new Set([this.pid, ...descendantsOf(this.pid), ...announced])) {
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  }
}
