// `shixu migrate`: brings the database schema up to date and shows each step.
import { describeTarget } from '../../store/connect.js';
import { migrateToLatest } from '../../store/migrate.js';
import { CliError } from '../cli-error.js';
import { formatMigrationReport, withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

export const registerMigrate: RegisterCommand = (program) => {
  program
    .command('migrate')
    .description('升级数据库结构到最新版本 / migrate the database schema to the latest version')
    .action(async () => {
      await withStore(
        async (store, config) => {
          const target = describeTarget(config.database);
          const report = await migrateToLatest(store);
          if (report.steps.length > 0) process.stdout.write(`${formatMigrationReport(report)}\n`);
          if (!report.ok) {
            throw new CliError(`数据库迁移失败（${target}）/ migration failed: ${report.error ?? ''}`);
          }
          process.stdout.write(
            report.steps.length === 0
              ? `数据库已是最新版本（${target}）/ the database is up to date\n`
              : `数据库迁移完成，共 ${report.steps.length} 步（${target}）/ migrated ${report.steps.length} step(s)\n`,
          );
        },
        { migrate: false },
      );
    });
};
