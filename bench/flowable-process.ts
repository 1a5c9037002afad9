import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The Maven project of the Flowable peer; its build output stays in its git-ignored target/. */
export const FLOWABLE_PROJECT = path.join(__dirname, 'flowable');
const CLASSPATH_FILE = path.join(FLOWABLE_PROJECT, 'target', 'classpath.txt');

/** One case the peer drives: filed in Jiuzhu's tables, whose read model its process writes. */
export interface PeerCase {
  caseId: string;
  townshipId: string;
  villageId: string;
  countyId: string;
}

const samplesByStep = z.record(z.string(), z.array(z.number().nonnegative()));

/** What FlowablePeer.java prints: one JSON object of samples, as Jiuzhu's Measurements holds. */
export const peerFiguresSchema = z.object({
  engine: z.string(),
  households: z.number().int().positive(),
  completed: z.number().int().nonnegative(),
  wallMs: z.number().nonnegative(),
  engineReadyMs: z.number().nonnegative(),
  poolSize: z.number().int().positive(),
  /** Postgres row writes and commits (polling reads included) over the measured run. */
  rowsWritten: z.number().int().nonnegative(),
  commits: z.number().int().nonnegative(),
  updateMs: samplesByStep,
  stepToStepMs: samplesByStep,
  noticeShortcutMs: z.array(z.number().nonnegative()),
  /** Each keyed read-model write, timed inside the engine's transaction (measured cases only). */
  readModelWriteMs: z.array(z.number().nonnegative()),
  historicActivitiesPerCase: z.array(z.number().int().nonnegative()),
  failures: z.array(z.string()),
});

export type PeerFigures = z.infer<typeof peerFiguresSchema>;

/** `postgresql://user:pass@host:port/db` as pgjdbc takes it, credentials as parameters. */
export function jdbcUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:')
    throw new Error(`not a PostgreSQL URL: ${url.protocol}`);
  const params = new URLSearchParams(url.search);
  if (url.username) params.set('user', decodeURIComponent(url.username));
  if (url.password) params.set('password', decodeURIComponent(url.password));
  const query = params.toString();
  return `jdbc:postgresql://${url.host}${url.pathname}${query ? `?${query}` : ''}`;
}

/** The peer's stdin: one case a line, tab-separated, in the order FlowablePeer.java reads. */
export function casesInput(cases: readonly PeerCase[]): string {
  return cases.map((c) => [c.caseId, c.townshipId, c.villageId, c.countyId].join('\t')).join('\n') + '\n';
}

/**
 * Compiles the peer with Maven (dependencies from Maven Central into the local repository,
 * classes into bench/flowable/target/) and writes its runtime classpath. Quick when up to date.
 */
export function buildFlowablePeer(): string {
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      path.join(FLOWABLE_PROJECT, 'pom.xml'),
      'compile',
      'dependency:build-classpath',
      `-Dmdep.outputFile=${CLASSPATH_FILE}`,
    ],
    { stdio: ['ignore', process.stderr, process.stderr] },
  );
  const dependencies = fs.readFileSync(CLASSPATH_FILE, 'utf8').trim();
  return [path.join(FLOWABLE_PROJECT, 'target', 'classes'), dependencies].join(path.delimiter);
}

/**
 * Runs the peer against the database: the first `warmup` cases unmeasured, then the rest at
 * once; answers its figures.
 */
export async function runFlowablePeer(
  classpath: string,
  databaseUrl: string,
  cases: readonly PeerCase[],
  warmup: number,
): Promise<PeerFigures> {
  const child = spawn(
    'java',
    [
      '-cp',
      classpath,
      'jiuzhu.bench.flowable.FlowablePeer',
      '--households',
      String(cases.length - warmup),
      '--warmup',
      String(warmup),
      '--jdbc-url',
      jdbcUrl(databaseUrl),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stdin.end(casesInput(cases));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`the Flowable peer exited with ${code}`);
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return peerFiguresSchema.parse(JSON.parse(line));
}
