// `shixu backup [--out FILE] [--format jsonl|sqlite]` and `shixu restore FILE [--accept-broken-audit]`.
import path from 'node:path';
import { SYSTEM_ACTORS } from '../../store/audit.js';
import { BackupError, writeBackupArchive } from '../../store/backup/archive.js';
import { RestoreError, restoreBackup } from '../../store/backup/restore.js';
import { describeTarget } from '../../store/connect.js';
import { CliError } from '../cli-error.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

function timestamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export const registerBackup: RegisterCommand = (program) => {
  program
    .command('backup')
    .description(
      '备份数据库和全部上传文件到一个文件（服务运行时也可执行）/ back up the database and every uploaded file into one file (safe while the server runs)',
    )
    .option('--out <file>', '备份文件 / output file (default: <data dir>/backups/shixu-<time>.tar)')
    .option(
      '--format <format>',
      '备份中数据库的形式 jsonl：可移植的逻辑备份（默认）；sqlite：SQLite 数据库文件副本 / the database inside the backup: jsonl, a portable dump (default); sqlite, a copy of the SQLite file',
      'jsonl',
    )
    .action(async (opts: { out?: string; format: string }) => {
      if (opts.format !== 'jsonl' && opts.format !== 'sqlite') {
        throw new CliError(
          `未知的备份格式 ${opts.format}，可选 jsonl、sqlite / unknown format, use jsonl or sqlite`,
        );
      }
      await withStore(async (store, config) => {
        const out = path.resolve(
          opts.out ?? path.join(config.dataDir, 'backups', `shixu-${timestamp()}.tar`),
        );
        if (opts.format === 'sqlite' && config.database.kind !== 'sqlite') {
          throw new CliError(
            `--format sqlite 只适用于 SQLite 数据库；当前是 ${describeTarget(config.database)} / --format sqlite needs a SQLite database`,
          );
        }
        if (config.database.kind === 'sqlite' && path.resolve(config.database.file) === out) {
          throw new CliError('备份文件不能与数据库文件相同 / the backup must not overwrite the database');
        }
        try {
          const { manifest } = await writeBackupArchive(store, {
            out,
            uploadDir: config.uploadDir,
            database: opts.format as 'jsonl' | 'sqlite',
          });
          const rows = manifest.database.rows === null ? '' : `、${manifest.database.rows} 行`;
          process.stdout.write(
            `已备份数据库${rows}和 ${manifest.files.length} 个上传文件到 ${out} / backed up the database${
              manifest.database.rows === null ? '' : ` (${manifest.database.rows} rows)`
            } and ${manifest.files.length} uploaded file(s)\n`,
          );
        } catch (err) {
          if (err instanceof BackupError) throw new CliError(err.message);
          throw err;
        }
      });
    });

  program
    .command('restore <file>')
    .description(
      '把备份（数据库和上传文件）恢复到新建的空数据库 / restore a backup (database and uploaded files) into a new, empty database',
    )
    .option(
      '--accept-broken-audit',
      '审核追溯的哈希链断开时仍然恢复（此决定记入审核追溯）/ restore even though the audit trail’s hash chain is broken (this is audited)',
    )
    .action(async (file: string, opts: { acceptBrokenAudit?: boolean }) => {
      await withStore(async (store, config) => {
        try {
          const report = await restoreBackup(store, path.resolve(file), SYSTEM_ACTORS.cli, {
            uploadDir: config.uploadDir,
            acceptBrokenAudit: opts.acceptBrokenAudit === true,
          });
          const b = report.acceptedBrokenAudit;
          if (b) {
            process.stderr.write(
              `警告：审核追溯在第 ${b.id} 条记录处断开，已按 --accept-broken-audit 恢复并记入审核追溯 / ` +
                `warning: the audit trail breaks at row ${b.id}; restored as --accept-broken-audit asked, and audited\n`,
            );
          }
          process.stdout.write(
            `已恢复 ${report.totalRows} 行（${report.tables.filter((t) => t.rows > 0).length} 张表）和 ${report.files} 个上传文件到 ${describeTarget(config.database)} / restored ${report.totalRows} rows and ${report.files} uploaded file(s)\n`,
          );
        } catch (err) {
          if (err instanceof RestoreError) throw new CliError(err.message);
          throw err;
        }
      });
    });
};
