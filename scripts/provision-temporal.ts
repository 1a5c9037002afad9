import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadEnv } from '../platform/env';

/**
 * The Temporal servers, found or built into a cache outside the repository (no internet:
 * the SDK's own download cannot work). The CLI (dev server) comes from the Go module proxy,
 * the time-skipping test server from Maven Central.
 */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
/** The server the CLI v1.5.1 embeds (its go.mod), for a cluster on Postgres (`npm run dev:cluster`). */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const TEMPORAL_SERVER_MODULE = 'go.temporal.io/server';
export const TEST_SERVER_ARTIFACT = 'io.temporal:temporal-test-server:1.31.0';
const SLF4J_NOP_ARTIFACT = 'org.slf4j:slf4j-nop:2.0.16';

function say(message: string): void {
  process.stderr.write(`[provision] ${message}\n`);
}

function onPath(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** The `temporal` CLI: on PATH, else in the cache, else built there with `go install`. */
export function ensureTemporalCli(cacheDir: string): string {
  const cached = path.join(cacheDir, 'bin', 'temporal');
  if (fs.existsSync(cached)) return cached;
  const system = onPath('temporal');
  if (system) return system;
  if (!onPath('go'))
    throw new Error('No temporal CLI on PATH or in the cache, and no Go toolchain to build it.');
  say(
    `building the Temporal CLI (${TEMPORAL_CLI_MODULE}) into ${path.dirname(cached)} — a first build takes several minutes…`,
  );
  const started = Date.now();
  execFileSync('go', ['install', TEMPORAL_CLI_MODULE], {
    stdio: 'inherit',
    env: { ...process.env, CGO_ENABLED: '0', GOBIN: path.dirname(cached), GOFLAGS: '-buildvcs=false' },
  });
  say(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s`);
  return cached;
}

export interface TemporalServer {
  version: string;
  /** `go.temporal.io/server/cmd/server`: every service, or those named by `--service`. */
  server: string;
  /** `go.temporal.io/server/cmd/tools/sql` (temporal-sql-tool): creates and updates the schemas. */
  sqlTool: string;
  /** The module's `schema/postgresql/v12`, with `temporal/` and `visibility/` (`versioned/` each). */
  schemaDir: string;
}

/** Where the server, its schema tool and the schemas of TEMPORAL_SERVER_VERSION are kept. */
export function temporalServerPaths(cacheDir: string): TemporalServer {
  const home = path.join(cacheDir, `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  return {
    version: TEMPORAL_SERVER_VERSION,
    server: path.join(home, 'bin', 'server'),
    sqlTool: path.join(home, 'bin', 'sql'),
    schemaDir: path.join(home, 'schema', 'postgresql', 'v12'),
  };
}

/**
 * The Temporal server and temporal-sql-tool, built from the Go module proxy into the cache
 * (`go install …@TEMPORAL_SERVER_VERSION`, CGO off as for the CLI), with the Postgres schemas
 * copied from the module beside them, so a later run needs neither Go nor the module cache.
 */
export function ensureTemporalServer(cacheDir: string): TemporalServer {
  const paths = temporalServerPaths(cacheDir);
  const ready = [paths.server, paths.sqlTool, path.join(paths.schemaDir, 'temporal', 'versioned')];
  if (ready.every((file) => fs.existsSync(file))) return paths;
  if (!onPath('go')) throw new Error('No Temporal server in the cache, and no Go toolchain to build it.');
  const bin = path.dirname(paths.server);
  fs.mkdirSync(bin, { recursive: true });
  const goEnv = { ...process.env, CGO_ENABLED: '0', GOBIN: bin, GOFLAGS: '-buildvcs=false' };
  const module = `${TEMPORAL_SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`;
  say(
    `building the Temporal server and its schema tool (${module}) into ${bin} — a first build takes 10–20 minutes…`,
  );
  const started = Date.now();
  execFileSync(
    'go',
    [
      'install',
      `${TEMPORAL_SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`,
      `${TEMPORAL_SERVER_MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
    ],
    // A folder outside any Go module, so `go install` builds the module as published.
    { stdio: 'inherit', env: goEnv, cwd: cacheDir },
  );
  const download = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', module], { encoding: 'utf8', env: goEnv, cwd: cacheDir }),
  ) as { Dir?: string; Error?: string };
  if (!download.Dir) throw new Error(`go mod download ${module}: ${download.Error ?? 'no folder'}`);
  const copy = `${paths.schemaDir}.tmp`;
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(path.join(download.Dir, 'schema', 'postgresql', 'v12'), copy, { recursive: true });
  // The module cache is read-only; the copy is made writable so a later clean can remove it.
  execFileSync('chmod', ['-R', 'u+w', copy]);
  fs.rmSync(paths.schemaDir, { recursive: true, force: true });
  fs.renameSync(copy, paths.schemaDir);
  say(`Temporal server ${TEMPORAL_SERVER_VERSION} built in ${Math.round((Date.now() - started) / 1000)} s`);
  return paths;
}

function testServerPom(): string {
  const dependency = (coordinates: string) => {
    const [groupId, artifactId, version] = coordinates.split(':');
    return `<dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>`;
  };
  return `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>jiuzhu</groupId><artifactId>temporal-test-server-fetch</artifactId><version>1</version>
<dependencies>${dependency(TEST_SERVER_ARTIFACT)}${dependency(SLF4J_NOP_ARTIFACT)}</dependencies></project>\n`;
}

/**
 * The Java time-skipping test server with its dependencies, behind an executable wrapper
 * the SDK runs as `<wrapper> <port>`. The wrapper `exec`s java so the SDK's SIGKILL reaches it.
 */
export function ensureTestServer(cacheDir: string): string {
  const home = path.join(cacheDir, 'temporal-test-server');
  const version = TEST_SERVER_ARTIFACT.split(':')[2];
  const wrapper = path.join(home, `test-server-${version}`);
  if (fs.existsSync(wrapper)) return wrapper;
  if (!onPath('java') || !onPath('mvn'))
    throw new Error('The time-skipping test server needs java and mvn on PATH.');
  const lib = path.join(home, `lib-${version}`);
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(path.join(home, 'pom.xml'), testServerPom());
  say(`fetching ${TEST_SERVER_ARTIFACT} and its dependencies from Maven Central into ${lib}…`);
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      path.join(home, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${lib}`,
    ],
    {
      stdio: 'inherit',
    },
  );
  const script = `#!/bin/sh\nexec java -cp '${lib}/*' io.temporal.testserver.TestServer "$@"\n`;
  fs.writeFileSync(`${wrapper}.tmp`, script, { mode: 0o755 });
  fs.renameSync(`${wrapper}.tmp`, wrapper);
  say(`time-skipping test server ready: ${wrapper}`);
  return wrapper;
}

if (require.main === module) {
  const cacheDir = loadEnv().JIUZHU_CACHE_DIR;
  const started = Date.now();
  // `npm run provision:cluster`: the Temporal server for `npm run dev:cluster` too (not needed by the tests).
  if (process.argv.includes('--cluster')) say(`Temporal server: ${ensureTemporalServer(cacheDir).server}`);
  const cli = ensureTemporalCli(cacheDir);
  say(`temporal CLI: ${cli}`);
  const testServer = ensureTestServer(cacheDir);
  say(`test server: ${testServer}`);
  say(`provisioned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
