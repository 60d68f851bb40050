// A real IMAP server for tests (hoodiecrow, in process) and the mail it holds: one sales mailbox,
// user "sales" with password "pw".
import { createRequire } from 'node:module';
import net from 'node:net';
import MailComposer from 'nodemailer/lib/mail-composer';

const require = createRequire(import.meta.url);

export interface ImapTestServer {
  listen(port: number, cb: () => void): void;
  close(cb: () => void): void;
}
const hoodiecrow = require('hoodiecrow-imap') as (options: object) => ImapTestServer;

export interface StoredMessage {
  raw: string;
  flags: string[];
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

export async function startImap(
  port: number,
  messages: StoredMessage[],
  uidvalidity = 1,
): Promise<ImapTestServer> {
  const server = hoodiecrow({
    plugins: ['IDLE', 'UIDPLUS'],
    storage: { INBOX: { uidvalidity, messages } },
    users: { sales: { password: 'pw' } },
  });
  await new Promise<void>((r) => server.listen(port, r));
  return server;
}

export const stopImap = (server: ImapTestServer) => new Promise<void>((r) => server.close(() => r()));

/** A customer's mail to the sales mailbox as raw MIME (binary string, as the IMAP store keeps it). */
export async function mime(options: ConstructorParameters<typeof MailComposer>[0]): Promise<string> {
  const bytes = await new MailComposer({
    from: '周婷 <zhouting@kaitu-auto.cn>',
    to: 'sales@hengrui-al.com',
    date: new Date('2026-03-11T02:12:00Z'),
    ...options,
  })
    .compile()
    .build();
  return bytes.toString('binary');
}
