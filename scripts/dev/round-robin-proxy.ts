import http from 'node:http';

/** Far above any body the API accepts (its JSON and form limits are below 1 MB). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * The one port in front of several API processes, as a load balancer (nginx, HAProxy) runs it
 * in production: each request goes to the next process in turn; one that does not answer the
 * connection is skipped for the next, so a restarting API costs no request. What the processes
 * must share is in Postgres (README, "Two API processes behind one port").
 */
export function startRoundRobinProxy(
  listen: { host: string; port: number },
  backends: { host: string; port: number }[],
): Promise<{ stop(): Promise<void> }> {
  let next = 0;
  const forward = (req: http.IncomingMessage, res: http.ServerResponse, tries: number, body: Buffer) => {
    const backend = backends[next++ % backends.length];
    const upstream = http.request(
      { ...backend, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && tries + 1 < backends.length) forward(req, res, tries + 1, body);
      else if (!res.headersSent) res.writeHead(502, { 'Retry-After': '1' }).end();
      else res.destroy();
    });
    upstream.end(body);
  };
  const server = http.createServer((req, res) => {
    // Read first, so a request refused by one process can be sent whole to the next; a body
    // past any the API accepts is answered 413 here rather than held in memory.
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413, { Connection: 'close' }).end();
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => forward(req, res, 0, Buffer.concat(chunks)));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () =>
      resolve({
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      }),
    );
  });
}
