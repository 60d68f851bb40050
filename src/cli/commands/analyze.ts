// `shixu analyze [FILE|-]` and `shixu analyze --jsonl`: the analysis from the command line.
// With --catalog/--customers the master data comes from those files and the shipped default rules
// decide the class; without them the configured database is used exactly as the server uses it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { analyze, DEFAULT_OWN_COMPANY_NAMES } from '../../analysis/analyze.js';
import type { AnalysisResult } from '../../analysis/result.js';
import { analyzeInBatches } from '../../analysis-pool/in-thread-batches.js';
import { parseCatalogTable } from '../../catalog/catalog-import.js';
import type { Product } from '../../catalog/product.js';
import type { Customer } from '../../customers/customer.js';
import { parseCustomersTable } from '../../customers/customers-import.js';
import { decodeTextBytes } from '../../intake/text-decoding.js';
import type { ParsedRows } from '../../io/table.js';
import { readTableFile, TableFileError } from '../../io/tabular.js';
import { applyClassification, classifyContract } from '../../rules/classify.js';
import type { AnalyzeText, MasterData } from '../../rules/store-classification.js';
import type { RuleSet } from '../../rules/types.js';
import type { Store } from '../../store/connect.js';
import { CliError } from '../cli-error.js';
import type { RegisterCommand } from './index.js';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const SCHEMA_DOC = 'docs/analysis.schema.json';

interface AnalyzeCliOptions {
  refDate?: string;
  catalog?: string;
  customers?: string;
  channel?: string;
  customer?: string;
  jsonl?: boolean;
  workers?: string;
}

export interface MessageInput {
  text: string;
  refDate?: string;
  channel?: string;
  customerName?: string;
}

/** Analyses one message; the implementation depends on where master data and rules come from. */
export type Analyser = (input: MessageInput) => Promise<AnalysisResult>;

async function readMasterFile<T>(
  file: string,
  what: string,
  parse: (t: Awaited<ReturnType<typeof readTableFile>>) => ParsedRows<T>,
): Promise<T[]> {
  let table: Awaited<ReturnType<typeof readTableFile>>;
  try {
    table = await readTableFile(file);
  } catch (err) {
    if (err instanceof TableFileError) throw new CliError(err.message);
    throw err;
  }
  const parsed = parse(table);
  if (parsed.issues.length > 0) {
    const shown = parsed.issues
      .slice(0, 10)
      .map((i) => `  ${JSON.stringify(i)}`)
      .join('\n');
    const more = parsed.issues.length > 10 ? `\n  …另有 ${parsed.issues.length - 10} 处 / more` : '';
    throw new CliError(
      `${what}文件 ${path.basename(file)} 有 ${parsed.issues.length} 处错误，未使用 / the ${what} file has errors and was not used:\n${shown}${more}`,
    );
  }
  return parsed.valid.map((r) => r.value);
}

/** Master data from files, default rules: pure, no database. */
export function fileAnalyser(
  catalog: Product[],
  customers: Customer[],
  analyzeText: AnalyzeText = analyze,
): Analyser {
  return async (input) => {
    const refDate = input.refDate ?? todayInShanghai();
    const channel = input.channel ?? 'email';
    const ctx = {
      refDate,
      channel,
      catalog,
      customers,
      ownCompanyNames: [...DEFAULT_OWN_COMPANY_NAMES],
    };
    let result = await analyzeText(input.text, ctx);
    if (input.customerName && !result.customer) {
      result = { ...result, customer: { name: input.customerName, known: false } };
    }
    return applyClassification(result, await classifyContract(result, input.text, ctx));
  };
}

/** The configured database's catalogue, customers, CSR and stored rules, loaded once per process. */
export async function storeAnalyser(
  store: Store,
  master: MasterData,
  rules: RuleSet,
  analyzeText: AnalyzeText = analyze,
): Promise<Analyser> {
  // The database side is imported here: with --catalog/--customers nothing of it is loaded.
  const { prepareAnalysis } = await import('../../rules/store-classification.js');
  return async (input) => {
    const prepared = await prepareAnalysis(store, input, master, analyzeText);
    const classification = await classifyContract(prepared.result, input.text, prepared.ctx, rules);
    return applyClassification(prepared.result, classification);
  };
}

function todayInShanghai(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function checkRefDate(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !ISO_DAY.test(value) || Number.isNaN(Date.parse(value)))
    throw new CliError(
      `${where}: 日期须为 YYYY-MM-DD / must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`,
    );
  return value;
}

async function readAllStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function readInputText(file: string | undefined, bytes?: Uint8Array): string {
  const raw =
    bytes ??
    (() => {
      try {
        return readFileSync(file!);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(
          code === 'ENOENT'
            ? `找不到文件 / file not found: ${file}`
            : `无法读取文件 / cannot read ${file}: ${code ?? String(err)}`,
        );
      }
    })();
  const text = decodeTextBytes(raw).text;
  if (text.trim() === '')
    throw new CliError('输入为空，没有可分析的文字 / the input is empty: nothing to analyse');
  return text;
}

interface LineOutcome {
  line: string;
  failed: boolean;
}

/** One JSON line in, one JSON line out, the id carried over; a bad line reports itself and the run goes on. */
export async function analyseJsonLine(
  line: string,
  analyser: Analyser,
  defaults: MessageInput,
): Promise<LineOutcome> {
  let id: unknown = null;
  try {
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new CliError('该行不是合法的 JSON / the line is not valid JSON');
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw new CliError('该行须为 JSON 对象 {"id","text"} / the line must be a JSON object {"id","text"}');
    const r = row as Record<string, unknown>;
    id = r.id ?? null;
    if (typeof r.text !== 'string') throw new CliError('缺少字符串字段 text / missing string field "text"');
    const refDate = checkRefDate(r.ref_date ?? r.refDate, 'ref_date') ?? defaults.refDate;
    const channel = typeof r.channel === 'string' ? r.channel : defaults.channel;
    const result = await analyser({
      text: r.text,
      ...(refDate ? { refDate } : {}),
      ...(channel ? { channel } : {}),
      ...(defaults.customerName ? { customerName: defaults.customerName } : {}),
    });
    return { line: JSON.stringify({ id, ...result }), failed: false };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { line: JSON.stringify({ id, error: message }), failed: true };
  }
}

/**
 * Lines are analysed up to `window` at a time (on the worker pool when there is one) and written in
 * input order, so the output lines up with the input whatever finishes first.
 */
async function runJsonl(analyser: Analyser, defaults: MessageInput, window: number): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let failed = 0;
  const inFlight: Promise<LineOutcome>[] = [];
  const writeOldest = async () => {
    const out = await inFlight.shift()!;
    if (out.failed) failed++;
    process.stdout.write(`${out.line}\n`);
  };
  for await (const line of lines) {
    if (line.trim() === '') continue;
    inFlight.push(analyseJsonLine(line, analyser, defaults));
    if (inFlight.length >= window) await writeOldest();
  }
  while (inFlight.length > 0) await writeOldest();
  if (failed > 0) process.stderr.write(`${failed} 行未能分析 / line(s) could not be analysed\n`);
  return failed;
}

const MAX_DEFAULT_WORKERS = 8;
// Below this many cores the default is no worker threads: on a 2-vCPU machine two analysis threads
// each ran ~1.7× slower than one (they share the core's caches), so one thread analysing in batches
// was faster than the pool (npm run bench: ~1,100 vs ~670 messages/s).
const MIN_CORES_FOR_THREADS = 4;
const JSONL_LINES_PER_THREAD = 64;

/** Threads only pay off for a stream of messages: one message is analysed in this thread. */
async function workerCount(opts: AnalyzeCliOptions): Promise<number> {
  if (!opts.jsonl) return 1;
  if (opts.workers === undefined) {
    const { defaultPoolSize } = await import('../../analysis-pool/analysis-pool.js');
    const cores = defaultPoolSize();
    return cores < MIN_CORES_FOR_THREADS ? 1 : Math.min(cores, MAX_DEFAULT_WORKERS);
  }
  const n = Number(opts.workers);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new CliError(
      `--workers 须为 1–256 的整数 / --workers must be an integer 1–256, got ${opts.workers}`,
    );
  return n;
}

/**
 * Runs `body` with the analysis on a worker pool holding this master data, or in this thread for 1
 * (in batches for a stream of lines, one by one for a single message).
 */
async function withPool(
  master: MasterData,
  workers: number,
  jsonl: boolean,
  body: (analyzeText: AnalyzeText) => Promise<void>,
): Promise<void> {
  if (workers <= 1) return body(jsonl ? analyzeInBatches() : analyze);
  const { AnalysisPool } = await import('../../analysis-pool/analysis-pool.js');
  const pool = new AnalysisPool(master, workers);
  try {
    await body((text, { catalog: _c, customers: _u, ...options }) => pool.analyze(text, options));
  } finally {
    await pool.close();
  }
}

export const registerAnalyze: RegisterCommand = (program: Command, ctx) => {
  program
    .command('analyze')
    .argument('[file]', '文本文件（UTF-8/GBK/UTF-16），- 或省略为标准输入 / text file, - or none for stdin')
    .description(
      `分析客户消息，输出一个 JSON 结果（结构见 ${SCHEMA_DOC}） / analyse a customer message; prints one JSON result (schema: ${SCHEMA_DOC})`,
    )
    .option('--ref-date <YYYY-MM-DD>', '收到日期，相对日期据此计算（默认今天）/ day received (default today)')
    .option(
      '--catalog <file>',
      '产品目录 CSV/XLSX（否则用数据库）/ product catalogue file (else the database)',
    )
    .option('--customers <file>', '客户 CSV/XLSX（否则用数据库）/ customers file (else the database)')
    .option(
      '--channel <channel>',
      '渠道：email, wechat, phone_transcript, purchase_order, contract, fax … / channel',
    )
    .option('--customer <name>', '已知的客户名称 / the customer when already known')
    .option(
      '--jsonl',
      '从标准输入逐行读取 {"id","text","ref_date"?,"channel"?}，逐行输出结果 / JSON lines in, one result line per input',
    )
    .option(
      '--workers <n>',
      `--jsonl 时的分析线程数（默认：${MIN_CORES_FOR_THREADS} 核以上为 CPU 核数，至多 ${MAX_DEFAULT_WORKERS}，否则 1；1 = 不用线程，本线程分批分析）/ analysis threads for --jsonl (default: the cores, at most ${MAX_DEFAULT_WORKERS}, from ${MIN_CORES_FOR_THREADS} cores; else 1 = this thread, in batches)`,
    )
    .addHelpText('after', `\n结果的 JSON Schema / result JSON Schema: ${SCHEMA_DOC}\n`)
    .action(async (file: string | undefined, opts: AnalyzeCliOptions) => {
      const defaults: MessageInput = {
        text: '',
        ...(opts.refDate ? { refDate: checkRefDate(opts.refDate, '--ref-date')! } : {}),
        ...(opts.channel ? { channel: opts.channel } : {}),
        ...(opts.customer ? { customerName: opts.customer } : {}),
      };
      if (opts.jsonl && file && file !== '-')
        throw new CliError(
          '--jsonl 从标准输入读取，不接受文件参数 / --jsonl reads standard input; drop the file argument',
        );
      const workers = await workerCount(opts);
      const run = async (analyser: Analyser) => {
        if (opts.jsonl) {
          // Enough lines in flight for every thread to get whole batches.
          if ((await runJsonl(analyser, defaults, workers * JSONL_LINES_PER_THREAD)) > 0) ctx.setExit(1);
          return;
        }
        const text =
          !file || file === '-' ? readInputText(undefined, await readAllStdin()) : readInputText(file);
        const result = await analyser({ ...defaults, text });
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      };
      if (opts.catalog || opts.customers) {
        const catalog = opts.catalog ? await readMasterFile(opts.catalog, '产品目录', parseCatalogTable) : [];
        const customers = opts.customers
          ? await readMasterFile(opts.customers, '客户', parseCustomersTable)
          : [];
        await withPool({ catalog, customers }, workers, opts.jsonl === true, (analyzeText) =>
          run(fileAnalyser(catalog, customers, analyzeText)),
        );
        return;
      }
      const [{ withStore }, { activeRuleSet }, { loadMasterData }] = await Promise.all([
        import('../with-store.js'),
        import('../../rules/rule-repository.js'),
        import('../../rules/store-classification.js'),
      ]);
      await withStore(async (store) => {
        const [master, rules] = await Promise.all([loadMasterData(store), activeRuleSet(store.db)]);
        await withPool(master, workers, opts.jsonl === true, async (analyzeText) =>
          run(await storeAnalyser(store, master, rules, analyzeText)),
        );
      });
    });
};
