import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createSmtpMailer, type Mailer } from '../../platform/mailer';
import { freePort } from './free-port';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

/** A real SMTP server on loopback that keeps what it receives, and a mailer that sends to it. */
export class SmtpInbox {
  readonly received: ReceivedMail[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly mailer: Mailer,
    readonly url: string,
  ) {}

  static async start(): Promise<SmtpInbox> {
    const port = await freePort();
    const received: ReceivedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail: ParsedMail) => {
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              messageId: mail.messageId ?? '',
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const url = `smtp://127.0.0.1:${port}`;
    const inbox = new SmtpInbox(server, createSmtpMailer(url, 'Jiuzhu Test <jiuzhu@localhost>'), url);
    (inbox as { received: ReceivedMail[] }).received = received;
    return inbox;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    this.mailer.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
