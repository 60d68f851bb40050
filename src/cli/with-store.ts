// Shared by every command that needs the database: load the configuration, open the store,
// bring the schema up to date, run, close. Expected failures become one clear CliError.
import { type Config, ConfigError, type ConfigOverrides, loadConfig } from '../config/config.js';
import { DatabaseUnavailableError, describeTarget, openStore, type Store } from '../store/connect.js';
import { type MigrationReport, migrateToLatest } from '../store/migrate.js';
import { CliError } from './cli-error.js';

/** Settings given as command-line options (`--port` → PORT); see `ConfigOverrides`. */
export type OptionSettings = ConfigOverrides;

export interface WithStoreOptions {
  /** Apply pending migrations before running (default true). */
  migrate?: boolean;
  settings?: OptionSettings;
}

/** Loads the configuration and opens the store, translating the expected failures. */
export async function openCliStore(settings: OptionSettings = {}): Promise<{ store: Store; config: Config }> {
  let config: Config;
  try {
    config = loadConfig(undefined, settings);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
  try {
    return { store: await openStore(config.database), config };
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) throw new CliError(err.message);
    throw err;
  }
}

const STATUS_LABEL = { Success: '成功 ok', Error: '失败 failed', NotExecuted: '未执行 not run' } as const;

export function formatMigrationReport(report: MigrationReport): string {
  return report.steps.map((s) => `  ${s.name}: ${STATUS_LABEL[s.status]}`).join('\n');
}

export async function withStore<T>(
  fn: (store: Store, config: Config) => Promise<T>,
  options: WithStoreOptions = {},
): Promise<T> {
  const { store, config } = await openCliStore(options.settings);
  try {
    if (options.migrate !== false) {
      let report: MigrationReport;
      try {
        report = await migrateToLatest(store);
      } catch (err) {
        throw new CliError(
          `数据库迁移失败（${describeTarget(config.database)}）/ migration failed: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      if (!report.ok) {
        throw new CliError(
          `数据库迁移失败（${describeTarget(config.database)}）/ migration failed: ${report.error ?? ''}\n${formatMigrationReport(report)}`,
        );
      }
    }
    return await fn(store, config);
  } finally {
    await store.close();
  }
}
