// `shixu export catalog|customers FILE.csv|.xlsx [--force]`: writes a table that `import` reads back.
import fs from 'node:fs';
import type { Command } from 'commander';
import { exportCatalog } from '../../catalog/catalog-transfer.js';
import { exportCustomers } from '../../customers/customers-transfer.js';
import { type OutputTable, TableFileError, tableFormatOf, writeTableFile } from '../../io/tabular.js';
import type { Store } from '../../store/connect.js';
import { CliError } from '../cli-error.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

type Exporter = (db: Store['db']) => Promise<OutputTable>;

function addExport(parent: Command, name: string, what: { zh: string; en: string }, exporter: Exporter) {
  parent
    .command(`${name} <file>`)
    .description(`导出${what.zh}（.csv 或 .xlsx）/ export the ${what.en} to .csv or .xlsx`)
    .option('--force', '覆盖已有文件 / overwrite an existing file')
    .action(async (file: string, opts: { force?: boolean }) => {
      try {
        tableFormatOf(file);
      } catch (err) {
        if (err instanceof TableFileError) throw new CliError(err.message);
        throw err;
      }
      if (fs.existsSync(file) && !opts.force) {
        throw new CliError(
          `文件已存在：${file}（使用 --force 覆盖）/ file exists (use --force to overwrite)`,
        );
      }
      const table = await withStore((store) => exporter(store.db));
      await writeTableFile(file, name, table);
      process.stdout.write(
        `已导出 ${table.rows.length} 行${what.zh}到 ${file} / exported ${table.rows.length} ${what.en} row(s)\n`,
      );
    });
}

export const registerExport: RegisterCommand = (program) => {
  const cmd = program.command('export').description('导出产品目录或客户 / export catalogue or customers');
  addExport(cmd, 'catalog', { zh: '产品目录', en: 'catalogue' }, exportCatalog);
  addExport(cmd, 'customers', { zh: '客户', en: 'customers' }, exportCustomers);
};
