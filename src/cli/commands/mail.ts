// `shixu mail list|retry`: review mail that has not gone out (pending, failed, skipped) with the
// last error, and putting it back in the outbox. The running server's sender sends it on its next
// round; nothing here talks to the mail server.
import type { Command } from 'commander';
import { listOutbox, type MailStatus, retryMail, UNSENT_STATUSES } from '../../contracts/mail-admin.js';
import { beijingTime } from '../../contracts/review-labels.js';
import { SYSTEM_ACTORS } from '../../store/audit.js';
import { CliError } from '../cli-error.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

const STATUS_LABELS: Record<MailStatus, string> = {
  pending: '待发送 pending',
  sent: '已发送 sent',
  failed: '失败 failed',
  skipped: '已跳过 skipped',
};

export const registerMail: RegisterCommand = (program) => {
  const mail: Command = program.command('mail').description('邮件发件箱 / the mail outbox');

  mail
    .command('list')
    .description('未发出的邮件及错误 / mail not sent, with the last error')
    .option('--status <status>', `只看 ${UNSENT_STATUSES.join('|')} / only this status`)
    .option('--json', '输出 JSON / print JSON')
    .action(async (opts: { status?: string; json?: boolean }) => {
      if (opts.status && !(UNSENT_STATUSES as readonly string[]).includes(opts.status))
        throw new CliError(
          `--status 只能是 ${UNSENT_STATUSES.join('|')} / must be one of ${UNSENT_STATUSES.join('|')}`,
        );
      const items = await withStore((store) =>
        listOutbox(store.db, opts.status ? { statuses: [opts.status as MailStatus] } : {}),
      );
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
        return;
      }
      if (items.length === 0) {
        process.stdout.write('没有未发出的邮件 / no unsent mail\n');
        return;
      }
      for (const m of items) {
        process.stdout.write(
          `${m.id}  ${STATUS_LABELS[m.status]}  ${m.userName} <${m.recipient ?? m.userEmail ?? '-'}>  ${m.contractNumber ?? '-'}  ${m.kind}  尝试 attempts ${m.attempts}  ${beijingTime(m.createdAt)}\n` +
            (m.lastError ? `    ${m.lastError}\n` : ''),
        );
      }
    });

  mail
    .command('retry [ids...]')
    .description('重新发送（不给 id = 全部失败邮件）/ re-queue mail (no ids = every failed mail)')
    .action(async (ids: string[]) => {
      const requeued = await withStore((store) => retryMail(store.db, SYSTEM_ACTORS.cli, ids, new Date()));
      process.stdout.write(
        `已重新排队 ${requeued.length} 封邮件，服务器将在下一轮发送 / ${requeued.length} mail(s) re-queued; the server sends them on its next round\n`,
      );
    });
};
