import net from 'node:net';

export interface PortUse {
  port: number;
  host: string;
  what: string;
  /** The environment variable that moves it. */
  variable: string;
}

function isFree({ port, host }: PortUse): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * Every port the stack will listen on must be free before anything starts: another stack on
 * the same ports (a second checkout, a colleague's) would otherwise answer in place of this
 * one's servers, and the migrations would run against its database.
 */
export async function assertPortsFree(uses: PortUse[]): Promise<void> {
  const taken = [];
  for (const use of uses) if (!(await isFree(use))) taken.push(use);
  if (taken.length > 0) {
    throw new Error(
      `port${taken.length > 1 ? 's' : ''} in use: ` +
        taken.map((use) => `${use.port} (${use.what}; move it with ${use.variable})`).join(', '),
    );
  }
}
