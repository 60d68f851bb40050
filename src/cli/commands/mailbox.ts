// `shixu mailbox poll|status`: one poll of the sales inbox from the command line (the running server
// polls on its own every SHIXU_IMAP_POLL_SECONDS) and the poller's status. Messages taken are queued
// like uploads; the server's intake worker processes them (or the next `shixu serve` does).
import { FileStore } from '../../intake/file-store.js';
import { getMailboxStatus, MailboxPoller } from '../../intake/mailbox/index.js';
import { IntakeJobs } from '../../jobs/intake-jobs.js';
import { CliError } from '../cli-error.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

const NOT_CONFIGURED =
  '未配置销售邮箱：请设置 SHIXU_IMAP_HOST、SHIXU_IMAP_USER、SHIXU_IMAP_PASSWORD / no mailbox configured: set SHIXU_IMAP_HOST, SHIXU_IMAP_USER and SHIXU_IMAP_PASSWORD';

export const registerMailbox: RegisterCommand = (program) => {
  const mailbox = program.command('mailbox').description('销售邮箱（IMAP）收取 / the sales inbox over IMAP');

  mailbox
    .command('poll')
    .description('立即收取一次新邮件 / take new messages in once, now')
    .option('--json', '输出 JSON / print JSON')
    .action(async (opts: { json?: boolean }) => {
      const result = await withStore(async (store, config) => {
        if (!config.imap) throw new CliError(NOT_CONFIGURED);
        const files = new FileStore(config.uploadDir);
        const jobs = new IntakeJobs({ store, files });
        try {
          const poller = new MailboxPoller({
            store,
            files,
            config: config.imap,
            enqueue: (id) => jobs.enqueue(id),
          });
          return { ...(await poller.pollOnce()), mailbox: poller.key };
        } finally {
          await jobs.stop();
        }
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else
        process.stdout.write(
          `${result.mailbox}：收取 ${result.taken} 封新邮件` +
            (result.duplicates ? `（${result.duplicates} 封此前已收取，未重复建档）` : '') +
            ` / took ${result.taken} new message(s)` +
            (result.duplicates ? ` (${result.duplicates} taken before, not duplicated)` : '') +
            '\n',
        );
      if (result.error) throw new CliError(`${result.error.zh}\n${result.error.en}`);
    });

  mailbox
    .command('status')
    .description('收取状态：上次轮询、错误、累计收取 / last poll, last error, messages taken')
    .option('--json', '输出 JSON / print JSON')
    .action(async (opts: { json?: boolean }) => {
      const status = await withStore((store, config) => getMailboxStatus(store.db, config.imap));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        return;
      }
      if (!status.configured) {
        process.stdout.write(`${NOT_CONFIGURED}\n`);
        return;
      }
      process.stdout.write(
        `${status.mailbox}\n` +
          `  上次轮询 last poll: ${status.lastPollAt ?? '-'}\n` +
          `  累计收取 messages taken: ${status.messagesTaken}（上次 last poll: ${status.lastTaken}）\n` +
          (status.lastError ? `  错误 error: ${status.lastError.zh}\n         ${status.lastError.en}\n` : ''),
      );
    });
};
