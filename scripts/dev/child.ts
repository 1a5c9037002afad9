import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** What asks it to stop gracefully: SIGTERM, or SIGINT for Postgres's fast shutdown. */
  stopSignal?: NodeJS.Signals;
  /** How long it may take to stop before its whole process group is killed. */
  stopTimeoutMs?: number;
  /** Which of its output lines to show (all by default). */
  shows?: (line: string) => boolean;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningChild {
  readonly pid: number;
  readonly startedAt: number;
  readonly exited: Promise<Exit>;
  stop(): Promise<Exit>;
}

/** Every child still running, for the last-resort kill when this process exits. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

function prefixed(
  { name, shows = () => true }: ChildSpec,
  write: (text: string) => void,
): (chunk: Buffer) => void {
  return (chunk) =>
    write(
      chunk
        .toString()
        .split('\n')
        .filter((line) => line && shows(line))
        .map((line) => `[${name}] ${line}\n`)
        .join(''),
    );
}

/**
 * Starts a child in its own process group, so a Ctrl-C in the terminal reaches only
 * `npm run dev`, which stops the children in order. Its output is prefixed with its name.
 */
export function startChild(spec: ChildSpec): RunningChild {
  const child = spawn(spec.command, spec.args, {
    cwd: ROOT,
    env: spec.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...(spec.uid !== undefined ? { uid: spec.uid, gid: spec.gid } : {}),
  });
  child.stdout!.on(
    'data',
    prefixed(spec, (text) => process.stdout.write(text)),
  );
  child.stderr!.on(
    'data',
    prefixed(spec, (text) => process.stderr.write(text)),
  );
  running.add(child);
  const exited = new Promise<Exit>((resolve) => {
    const done = (code: number | null, signal: NodeJS.Signals | null) => {
      running.delete(child);
      resolve({ code, signal });
    };
    child.once('exit', done);
    // A command that cannot be started emits 'error' and never 'exit'.
    child.once('error', () => done(127, null));
  });
  return {
    pid: child.pid ?? -1,
    startedAt: Date.now(),
    exited,
    async stop() {
      if (!running.has(child)) return exited;
      const force = setTimeout(() => killGroup(child, 'SIGKILL'), spec.stopTimeoutMs ?? 10_000);
      child.kill(spec.stopSignal ?? 'SIGTERM');
      const exit = await exited;
      clearTimeout(force);
      // Whatever it left in its group (a server's own children) goes with it.
      killGroup(child, 'SIGKILL');
      return exit;
    },
  };
}
