// `shixu contracts list|show NUMBER|export FILE.xlsx` and `shixu review record NUMBER --pdf|--xlsx FILE`:
// the contract ledger and the review record from the server's shell (read only).
import fs from 'node:fs';
import type { Command } from 'commander';
import { findContractId, loadCase } from '../../contracts/case-repository.js';
import {
  COMPLIANCE_FILTERS,
  type ComplianceFilter,
  ledgerTable,
  queryLedger,
} from '../../contracts/ledger.js';
import { reviewRecordPdf, reviewRecordXlsx } from '../../contracts/record-files.js';
import { loadReviewConfig } from '../../contracts/review-config.js';
import { writeTableFile } from '../../io/tabular.js';
import { readClock } from '../../review/feedback-clock.js';
import { NotFoundError } from '../../store/errors.js';
import { CliError } from '../cli-error.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

interface ListOptions {
  customer?: string;
  class?: string;
  status?: string;
  from?: string;
  to?: string;
  compliance?: string;
  q?: string;
  limit: string;
}

function ledgerFilters(opts: Omit<ListOptions, 'limit'>) {
  if (opts.compliance && !(COMPLIANCE_FILTERS as readonly string[]).includes(opts.compliance)) {
    throw new CliError(
      `--compliance 只能是 ${COMPLIANCE_FILTERS.join('|')} / must be one of ${COMPLIANCE_FILTERS.join('|')}`,
    );
  }
  return {
    ...(opts.customer ? { customer: opts.customer } : {}),
    ...(opts.class ? { class: opts.class } : {}),
    ...(opts.status ? { status: opts.status } : {}),
    ...(opts.from ? { from: opts.from } : {}),
    ...(opts.to ? { to: opts.to } : {}),
    ...(opts.compliance ? { compliance: opts.compliance as ComplianceFilter } : {}),
    ...(opts.q ? { q: opts.q } : {}),
  };
}

function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--customer <text>', '客户 / customer name or id')
    .option('--class <class>', '类别 / regular|special|temporary')
    .option('--status <stage>', '评审阶段 / review stage')
    .option('--from <date>', '收到日期起 / received from (YYYY-MM-DD)')
    .option('--to <date>', '收到日期止 / received to (YYYY-MM-DD)')
    .option('--compliance <c>', `48 小时反馈 / ${COMPLIANCE_FILTERS.join('|')}`)
    .option('--q <text>', '全文搜索 / full-text search');
}

async function contractOrFail(db: Parameters<typeof findContractId>[0], number: string) {
  try {
    return await findContractId(db, number);
  } catch (err) {
    if (err instanceof NotFoundError)
      throw new CliError(`未找到合同 ${number} / contract ${number} not found`);
    throw err;
  }
}

function refuseOverwrite(file: string, force: boolean | undefined) {
  if (fs.existsSync(file) && !force) {
    throw new CliError(`文件已存在：${file}（使用 --force 覆盖）/ file exists (use --force to overwrite)`);
  }
}

export const registerContracts: RegisterCommand = (program) => {
  const contracts = program.command('contracts').description('合同台账 / the contract ledger');

  addFilterOptions(contracts.command('list').description('列出合同 / list contracts'))
    .option('--limit <n>', '最多行数 / at most this many rows', '50')
    .action(async (opts: ListOptions) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new CliError('--limit 须为 1–500 / --limit must be 1–500');
      const r = await withStore((store) =>
        queryLedger(store.db, store.caps, { ...ledgerFilters(opts), pageSize: limit }, new Date()),
      );
      for (const c of r.items) {
        const feedback =
          c.feedbackCompliant === true
            ? '48h✓'
            : c.feedbackCompliant === false || c.overdue
              ? '48h✗'
              : '48h…';
        process.stdout.write(
          `${c.number}\t${c.customer}\t${c.class ?? '-'}\t${c.status}\t${c.receivedAt}\t${feedback}\n`,
        );
      }
      process.stdout.write(`共 ${r.total} 份合同 / ${r.total} contract(s)\n`);
    });

  contracts
    .command('show <number>')
    .description('显示一份合同的评审情况 / show one contract case')
    .action(async (number: string) => {
      const out = await withStore(async (store) => {
        const id = await contractOrFail(store.db, number);
        const loaded = await loadCase(store.db, id);
        const config = await loadReviewConfig(store.db);
        const c = await store.db
          .selectFrom('contracts')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const d = loaded.state.context;
        const clock = readClock(
          d.receivedAt,
          new Date().toISOString(),
          d.clock.pauses,
          config.clock,
          d.feedback?.sentAt ?? null,
        );
        const lines = [
          `${c.number}  ${c.customer_name}  类别 class: ${c.class ?? '-'}  阶段 stage: ${loaded.state.value}  版本 version: ${loaded.revision}`,
          `收到 received: ${d.receivedAt}  反馈期限 due: ${clock.dueAt ?? '-'}${clock.overdue && !d.feedback ? '  已超期 OVERDUE' : ''}`,
          '需求 requirements:',
          ...d.requirements.map((r) => `  ${r.id} [${r.status}] ${r.text}`),
          '部门评审 reviews:',
          ...d.signOffs.map(
            (s) =>
              `  ${s.department}: ${s.status}${s.outcome ? ` ${s.outcome}` : ''}${s.signature ? ` ${s.signature.userId} ${s.signature.at}` : ''}`,
          ),
          `结论 conclusion: ${d.conclusion ? `${d.conclusion.decision} ${d.conclusion.signature.userId}` : '-'}`,
        ];
        return lines.join('\n');
      });
      process.stdout.write(`${out}\n`);
    });

  addFilterOptions(
    contracts.command('export <file>').description('导出台账 XLSX / export the ledger as .xlsx'),
  )
    .option('--force', '覆盖已有文件 / overwrite an existing file')
    .action(async (file: string, opts: ListOptions & { force?: boolean }) => {
      if (!file.toLowerCase().endsWith('.xlsx'))
        throw new CliError('导出文件须为 .xlsx / the file must end in .xlsx');
      refuseOverwrite(file, opts.force);
      const table = await withStore((store) =>
        ledgerTable(store.db, store.caps, ledgerFilters(opts), new Date()),
      );
      await writeTableFile(file, '合同台账', table);
      process.stdout.write(
        `已导出 ${table.rows.length} 份合同到 ${file} / exported ${table.rows.length} contract(s)\n`,
      );
    });

  const review = program.command('review').description('合同评审记录 / contract review records');
  review
    .command('record <number>')
    .description('导出合同评审表 / write the review record as PDF and/or XLSX')
    .option('--pdf <file>', 'PDF 文件 / PDF file')
    .option('--xlsx <file>', 'XLSX 文件 / XLSX file')
    .option('--force', '覆盖已有文件 / overwrite existing files')
    .action(async (number: string, opts: { pdf?: string; xlsx?: string; force?: boolean }) => {
      if (!opts.pdf && !opts.xlsx)
        throw new CliError('请指定 --pdf FILE 或 --xlsx FILE / give --pdf FILE or --xlsx FILE');
      for (const f of [opts.pdf, opts.xlsx]) if (f) refuseOverwrite(f, opts.force);
      const written = await withStore(async (store) => {
        const id = await contractOrFail(store.db, number);
        const loaded = await loadCase(store.db, id);
        const config = await loadReviewConfig(store.db);
        const c = await store.db
          .selectFrom('contracts')
          .select('customer_name')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const header = { number: loaded.number, customer: c.customer_name };
        const now = new Date();
        const files: string[] = [];
        if (opts.pdf) {
          fs.writeFileSync(opts.pdf, await reviewRecordPdf(header, loaded.state, now, config));
          files.push(opts.pdf);
        }
        if (opts.xlsx) {
          fs.writeFileSync(opts.xlsx, await reviewRecordXlsx(header, loaded.state, now, config));
          files.push(opts.xlsx);
        }
        return files;
      });
      process.stdout.write(`已写出 ${written.join(', ')} / written\n`);
    });
};
