import yaml from 'js-yaml';
import { clusterPorts, renderClusterConfig, type ClusterOptions } from '../../scripts/temporal-cluster';

const options: ClusterOptions = {
  version: 'v1.29.1',
  host: '127.0.0.1',
  frontendPort: 7233,
  historyShards: 4,
  historyCacheSize: 8192,
  logLevel: 'warn',
  postgres: {
    host: 'localhost',
    port: 5433,
    user: 'jiuzhu',
    password: 'p@ss:word/1',
    database: 'temporal',
    visibilityDatabase: 'temporal_visibility',
    maxConns: 20,
    visibilityMaxConns: 10,
  },
  dynamicConfigFile: '/srv/jiuzhu/.data/temporal-cluster/dynamic-config.yaml',
};

interface RenderedConfig {
  log: { level: string };
  persistence: {
    defaultStore: string;
    visibilityStore: string;
    numHistoryShards: number;
    datastores: Record<string, { sql: Record<string, unknown> }>;
  };
  services: Record<string, { rpc: Record<string, unknown> }>;
  clusterMetadata: { clusterInformation: { active: { rpcAddress: string } } };
  dynamicConfigClient: { filepath: string };
}

const parsed = (text: string) => yaml.load(text) as RenderedConfig;

test("the services' ports follow the frontend's as Temporal's defaults follow 7233", () => {
  expect(clusterPorts(7233)).toEqual({
    frontend: 7233,
    history: 7234,
    matching: 7235,
    worker: 7239,
    frontendHttp: 7243,
    frontendMembership: 6933,
    historyMembership: 6934,
    matchingMembership: 6935,
    workerMembership: 6939,
  });
  const moved = Object.values(clusterPorts(17233));
  expect(new Set(moved).size).toBe(moved.length);
});

test('the config puts history and visibility in their Postgres databases with the shard count', () => {
  const config = parsed(renderClusterConfig(options).config);
  expect(config.persistence.numHistoryShards).toBe(4);
  const stores = config.persistence.datastores;
  expect(stores[config.persistence.defaultStore]?.sql).toMatchObject({
    pluginName: 'postgres12',
    databaseName: 'temporal',
    connectAddr: 'localhost:5433',
    user: 'jiuzhu',
    // Rendered as given: no HTML escaping of '/' or ':'.
    password: 'p@ss:word/1',
    maxConns: 20,
  });
  expect(stores[config.persistence.visibilityStore]?.sql).toMatchObject({
    pluginName: 'postgres12',
    databaseName: 'temporal_visibility',
    maxConns: 10,
  });
  expect(config.log.level).toBe('warn');
  expect(config.dynamicConfigClient.filepath).toBe(options.dynamicConfigFile);
});

test.each([
  ['frontend', 7233, 6933],
  ['history', 7234, 6934],
  ['matching', 7235, 6935],
  ['worker', 7239, 6939],
])('the %s service listens on %i (membership %i) on the given address', (service, grpc, membership) => {
  const config = parsed(renderClusterConfig(options).config);
  expect(config.services[service]?.rpc).toMatchObject({
    grpcPort: grpc,
    membershipPort: membership,
    bindOnIP: '127.0.0.1',
  });
  expect(config.clusterMetadata.clusterInformation.active.rpcAddress).toBe('127.0.0.1:7233');
});

test('the dynamic config is YAML the server reads: a key with a list of values', () => {
  const dynamic = yaml.load(renderClusterConfig(options).dynamicConfig) as Record<string, unknown>;
  expect(dynamic['history.hostLevelCacheMaxSize']).toEqual([{ value: 8192 }]);
});

test.each([
  ['a quote in the password', { postgres: { ...options.postgres, password: 'a"b' } }, /postgres.password/],
  ['a line break in the user', { postgres: { ...options.postgres, user: 'a\nb' } }, /postgres.user/],
  ['no history shard', { historyShards: 0 }, /historyShards/],
  ['a fraction of a shard', { historyShards: 1.5 }, /historyShards/],
])('refuses %s rather than write a broken config', (_name, change, message) => {
  expect(() => renderClusterConfig({ ...options, ...change })).toThrow(message);
});
