// `shixu import catalog|customers FILE [--partial]`: loads a CSV or XLSX table.
// Exit codes: 0 every row imported, 1 nothing imported, 3 imported with rejected rows (--partial).
import path from 'node:path';
import type { Command } from 'commander';
import { importCatalog } from '../../catalog/catalog-transfer.js';
import { importCustomers } from '../../customers/customers-transfer.js';
import { formatImportReport, type ImportReport } from '../../io/import-report.js';
import { ImportHeaderError, type Table } from '../../io/table.js';
import { readTableFile, TableFileError } from '../../io/tabular.js';
import { type Actor, SYSTEM_ACTORS } from '../../store/audit.js';
import type { Store } from '../../store/connect.js';
import { CliError } from '../cli-error.js';
import { withStore } from '../with-store.js';
import type { CommandContext, RegisterCommand } from './index.js';

export const PARTIAL_IMPORT_EXIT = 3;

type Importer = (
  db: Store['db'],
  actor: Actor,
  table: Table,
  o: { partial?: boolean; source?: string },
) => Promise<ImportReport>;

async function readTableOrFail(file: string): Promise<Table> {
  try {
    return await readTableFile(file);
  } catch (err) {
    if (err instanceof TableFileError) throw new CliError(`${path.basename(file)}：${err.message}`);
    throw err;
  }
}

function addImport(
  parent: Command,
  ctx: CommandContext,
  name: string,
  what: { zh: string; en: string },
  importer: Importer,
) {
  parent
    .command(`${name} <file>`)
    .description(`导入${what.zh}（.csv 或 .xlsx）/ import the ${what.en} from .csv or .xlsx`)
    .option('--partial', '只导入有效行，报告无效行 / import the valid rows and report the invalid ones')
    .action(async (file: string, opts: { partial?: boolean }) => {
      const table = await readTableOrFail(file);
      const report = await withStore(async (store) => {
        try {
          return await importer(store.db, SYSTEM_ACTORS.cli, table, {
            partial: Boolean(opts.partial),
            source: path.basename(file),
          });
        } catch (err) {
          if (err instanceof ImportHeaderError) throw new CliError(`${path.basename(file)}：${err.message}`);
          throw err;
        }
      });
      const text = formatImportReport(report, what);
      if (!report.written) throw new CliError(text);
      process.stdout.write(`${text}\n`);
      if (report.invalidRows > 0) ctx.setExit(PARTIAL_IMPORT_EXIT);
    });
}

export const registerImport: RegisterCommand = (program, ctx) => {
  const cmd = program.command('import').description('导入产品目录或客户 / import catalogue or customers');
  addImport(cmd, ctx, 'catalog', { zh: '产品目录', en: 'catalogue' }, importCatalog);
  addImport(cmd, ctx, 'customers', { zh: '客户', en: 'customers' }, importCustomers);
};
