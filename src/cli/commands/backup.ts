// `shixu backup [--out FILE] [--format jsonl|sqlite]` and `shixu restore FILE`.
import path from 'node:path';
import { SYSTEM_ACTORS } from '../../store/audit.js';
import { writeDump } from '../../store/backup/dump.js';
import { RestoreError, restoreBackup } from '../../store/backup/restore.js';
import { copySqliteDatabase } from '../../store/backup/sqlite-copy.js';
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
    .description('备份数据库（服务运行时也可执行）/ back up the database (safe while the server runs)')
    .option('--out <file>', '备份文件 / output file (default: <data dir>/backups/shixu-<time>.jsonl)')
    .option(
      '--format <format>',
      'jsonl：可移植的逻辑备份（默认）；sqlite：SQLite 数据库文件副本 / jsonl: portable dump (default); sqlite: copy of the SQLite file',
      'jsonl',
    )
    .action(async (opts: { out?: string; format: string }) => {
      if (opts.format !== 'jsonl' && opts.format !== 'sqlite') {
        throw new CliError(
          `未知的备份格式 ${opts.format}，可选 jsonl、sqlite / unknown format, use jsonl or sqlite`,
        );
      }
      await withStore(async (store, config) => {
        const ext = opts.format === 'sqlite' ? 'sqlite' : 'jsonl';
        const out = path.resolve(
          opts.out ?? path.join(config.dataDir, 'backups', `shixu-${timestamp()}.${ext}`),
        );
        if (opts.format === 'sqlite') {
          if (config.database.kind !== 'sqlite') {
            throw new CliError(
              `--format sqlite 只适用于 SQLite 数据库；当前是 ${describeTarget(config.database)} / --format sqlite needs a SQLite database`,
            );
          }
          if (path.resolve(config.database.file) === out) {
            throw new CliError('备份文件不能与数据库文件相同 / the backup must not overwrite the database');
          }
          await copySqliteDatabase(config.database.file, out);
          process.stdout.write(`已备份到 ${out} / backup written\n`);
          return;
        }
        const header = await writeDump(store, out);
        const rows = header.tables.reduce((a, t) => a + t.rows, 0);
        process.stdout.write(
          `已备份 ${header.tables.length} 张表、${rows} 行到 ${out} / backed up ${header.tables.length} tables, ${rows} rows\n`,
        );
      });
    });

  program
    .command('restore <file>')
    .description('把备份恢复到新建的空数据库 / restore a backup into a new, empty database')
    .action(async (file: string) => {
      await withStore(async (store, config) => {
        try {
          const report = await restoreBackup(store, path.resolve(file), SYSTEM_ACTORS.cli);
          process.stdout.write(
            `已恢复 ${report.totalRows} 行（${report.tables.filter((t) => t.rows > 0).length} 张表）到 ${describeTarget(config.database)} / restored ${report.totalRows} rows\n`,
          );
        } catch (err) {
          if (err instanceof RestoreError) throw new CliError(err.message);
          throw err;
        }
      });
    });
};
