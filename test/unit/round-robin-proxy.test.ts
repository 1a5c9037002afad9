import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startRoundRobinProxy } from '../../scripts/dev/round-robin-proxy';
import { freePort } from '../support/free-port';

/** A backend that answers with its name and the body it received. */
async function backend(name: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => res.end(`${name} ${req.method} ${req.url} ${Buffer.concat(chunks).toString()}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const host = '127.0.0.1';

test('sends each request to the next API process in turn, body and all', async () => {
  const [a, b] = [await backend('A'), await backend('B')];
  const port = await freePort();
  const proxy = await startRoundRobinProxy(
    { host, port },
    [a, b].map((x) => ({ host, port: x.port })),
  );
  try {
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`http://${host}:${port}/api/cases?i=${i}`, { method: 'POST', body: `n${i}` });
      answers.push(await res.text());
    }
    expect(answers).toEqual([
      'A POST /api/cases?i=0 n0',
      'B POST /api/cases?i=1 n1',
      'A POST /api/cases?i=2 n2',
      'B POST /api/cases?i=3 n3',
    ]);
  } finally {
    await proxy.stop();
    await a.close();
    await b.close();
  }
});

test('a process that refuses the connection (restarting) is skipped; none answering is 502', async () => {
  const a = await backend('A');
  const down = await freePort();
  const port = await freePort();
  const proxy = await startRoundRobinProxy({ host, port }, [
    { host, port: down },
    { host, port: a.port },
  ]);
  try {
    for (let i = 0; i < 3; i++)
      expect(await (await fetch(`http://${host}:${port}/x`)).text()).toBe('A GET /x ');
    await a.close();
    const res = await fetch(`http://${host}:${port}/x`);
    expect(res.status).toBe(502);
    expect(res.headers.get('retry-after')).toBe('1');
  } finally {
    await proxy.stop();
  }
});

test('a body larger than any the API takes is refused with 413, not held in memory', async () => {
  const a = await backend('A');
  const port = await freePort();
  const proxy = await startRoundRobinProxy({ host, port }, [{ host, port: a.port }]);
  try {
    const res = await fetch(`http://${host}:${port}/x`, {
      method: 'POST',
      body: Buffer.alloc(9 * 1024 * 1024, 'a'),
    }).catch((error: unknown) => error);
    // Either the 413 arrives, or the connection is closed while the body is still being sent
    // (fetch's TypeError comes from Node's realm, not the test's: compared by message).
    if (res instanceof Response) expect(res.status).toBe(413);
    else expect((res as Error).message).toBe('fetch failed');
  } finally {
    await proxy.stop();
    await a.close();
  }
});
