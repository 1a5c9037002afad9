import { restartDelayMs } from '../../scripts/dev/supervisor';
import { Stack } from '../../scripts/dev/stack';

describe('restartDelayMs', () => {
  test('doubles from 1 s for each death in a row, up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelayMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });
});

describe('Stack', () => {
  const part = (name: string, log: string[]) => ({
    name,
    stop: async () => {
      log.push(name);
    },
  });

  test('stops what uses a part before the part, whatever order they started in', async () => {
    const stopped: string[] = [];
    const stack = new Stack(() => undefined);
    for (const name of ['postgres', 'temporal', 'mail catcher', 'worker', 'api'])
      stack.add(part(name, stopped));
    await stack.stop();
    expect(stopped).toEqual(['api', 'worker', 'temporal', 'mail catcher', 'postgres']);
  });

  test("in the cluster shape, the proxy goes first and numbered parts stop in their kind's place", async () => {
    const stopped: string[] = [];
    const stack = new Stack(() => undefined);
    for (const name of [
      'postgres',
      'temporal',
      'worker 1',
      'worker 2',
      'api 1',
      'api 2',
      'proxy',
      'mail catcher',
    ])
      stack.add(part(name, stopped));
    await stack.stop();
    expect(stopped).toEqual([
      'proxy',
      'api 1',
      'api 2',
      'worker 1',
      'worker 2',
      'temporal',
      'mail catcher',
      'postgres',
    ]);
  });

  test('a part added while stopping (its start was under way) is stopped too', async () => {
    const stopped: string[] = [];
    const stack = new Stack(() => undefined);
    stack.add(part('postgres', stopped));
    const stopping = stack.stop();
    stack.add(part('temporal', stopped));
    await stopping;
    expect(stopped.sort()).toEqual(['postgres', 'temporal']);
  });
});
