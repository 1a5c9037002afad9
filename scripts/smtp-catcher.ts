import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

/**
 * The dev machine's mail catcher: a real SMTP server on loopback that files every message
 * it receives as an .eml file, so staff can read what the system sent.
 */
export async function startSmtpCatcher(port: number, folder: string): Promise<{ stop(): Promise<void> }> {
  fs.mkdirSync(folder, { recursive: true });
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const file = path.join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++received}.eml`);
      stream.pipe(fs.createWriteStream(file)).on('finish', () => {
        process.stdout.write(
          `[mail] ${session.envelope.rcptTo.map((r) => r.address).join(', ')} → ${file}\n`,
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
