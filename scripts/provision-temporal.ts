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
  const cli = ensureTemporalCli(cacheDir);
  say(`temporal CLI: ${cli}`);
  const testServer = ensureTestServer(cacheDir);
  say(`test server: ${testServer}`);
  say(`provisioned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
