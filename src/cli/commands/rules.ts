// `shixu rules list|show|history|validate|import|export|dry-run`: the classification rules from the
// shell. Files hold a rule set `{ "rules": [ … ] }`, a list of rules or one rule, as `export` writes.
// Exit codes: 0 ok, 1 invalid input or nothing done.
import fs from 'node:fs';
import path from 'node:path';
import {
  createRule,
  getRule,
  getRuleVersion,
  listRules,
  listRuleVersions,
  SHARED_CONDITIONS,
  updateRule,
} from '../../rules/rule-repository.js';
import {
  type DryRunMessageInput,
  dryRunWithStore,
  type StoreDryRunReport,
} from '../../rules/store-dry-run.js';
import { type ValidationProblem, validateRuleSet } from '../../rules/validate.js';
import { SYSTEM_ACTORS } from '../../store/audit.js';
import { NotFoundError } from '../../store/errors.js';
import { inTransaction } from '../../store/transaction.js';
import { CliError } from '../cli-error.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

const write = (s: string) => process.stdout.write(`${s}\n`);

function readJson(file: string): unknown {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`无法读取文件 ${file} / cannot read file: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CliError(
      `${path.basename(file)} 不是有效的 JSON / is not valid JSON: ${(err as Error).message}`,
    );
  }
}

/** The rules of a file: `{ rules: [...] }`, `[...]` or a single rule object. */
export function rulesOfFile(file: string): unknown[] {
  const data = readJson(file);
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object' && Array.isArray((data as { rules?: unknown }).rules)) {
    return (data as { rules: unknown[] }).rules;
  }
  if (data && typeof data === 'object') return [data];
  throw new CliError(
    `${path.basename(file)}：应为规则集 { "rules": [...] }、规则列表或单条规则 / expected a rule set, a list of rules or one rule`,
  );
}

export function formatProblems(problems: ValidationProblem[]): string {
  return problems.map((p) => `  - ${p.path}: ${p.message.zh} / ${p.message.en}`).join('\n');
}

function fileProblems(rules: unknown[]): ValidationProblem[] {
  return validateRuleSet({ namedConditions: SHARED_CONDITIONS, rules });
}

function readMessages(file: string): DryRunMessageInput[] {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`无法读取文件 ${file} / cannot read file: ${(err as Error).message}`);
  }
  const out: DryRunMessageInput[] = [];
  raw.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let m: Record<string, unknown>;
    try {
      m = JSON.parse(line);
    } catch {
      throw new CliError(`${path.basename(file)} 第 ${i + 1} 行不是 JSON / line ${i + 1} is not JSON`);
    }
    if (typeof m.text !== 'string' || !m.text.trim()) {
      throw new CliError(`${path.basename(file)} 第 ${i + 1} 行缺少 text / line ${i + 1} has no "text"`);
    }
    const refDate = m.refDate ?? m.ref_date;
    const customer = m.customerName ?? m.customer;
    out.push({
      id: typeof m.id === 'string' ? m.id : String(i + 1),
      text: m.text,
      ...(typeof refDate === 'string' ? { refDate } : {}),
      ...(typeof m.channel === 'string' ? { channel: m.channel } : {}),
      ...(typeof customer === 'string' ? { customerName: customer } : {}),
    });
  });
  return out;
}

const label = (s: { class: string | null; reasons: string[] }) =>
  `${s.class ?? '无订单 none'}${s.reasons.length ? ` [${s.reasons.join(', ')}]` : ''}`;

export function formatDryRun(report: StoreDryRunReport): string {
  const lines = report.items.map((i) => {
    const mark = i.changed ? '*' : ' ';
    const change = i.changed ? `${label(i.before)} → ${label(i.after)}` : label(i.after);
    return `${mark} ${i.id}: ${change}`;
  });
  const source = report.source === 'messages' ? '给定消息 messages' : '最近的已存分析 stored analyses';
  lines.push(
    `共 ${report.items.length} 条（${source}），${report.changedCount} 条结果变化 / ${report.items.length} evaluated, ${report.changedCount} changed`,
  );
  return lines.join('\n');
}

export const registerRules: RegisterCommand = (program) => {
  const cmd = program.command('rules').description('合同分类规则 / contract-classification rules');

  cmd
    .command('list')
    .description('列出当前规则 / list the current rules')
    .action(async () => {
      const rules = await withStore((store) => listRules(store.db));
      for (const r of rules) {
        write(
          `${r.id}\tv${r.version}\t${r.enabled ? '启用 on' : '停用 off'}\t${r.definition.event.type}\t${r.name}`,
        );
      }
    });

  cmd
    .command('show <id>')
    .description('显示规则定义（JSON）/ print a rule definition as JSON')
    .option('--version <n>', '历史版本 / an earlier version', (v) => Number.parseInt(v, 10))
    .action(async (id: string, opts: { version?: number }) => {
      const def = await withStore(async (store) => {
        if (opts.version !== undefined) {
          if (!Number.isInteger(opts.version) || opts.version < 1) {
            throw new CliError('--version 应为正整数 / --version must be a positive integer');
          }
          try {
            return (await getRuleVersion(store.db, id, opts.version))?.definition;
          } catch (err) {
            if (err instanceof NotFoundError) return undefined;
            throw err;
          }
        }
        return (await getRule(store.db, id))?.definition;
      });
      if (!def) {
        throw new CliError(
          `未找到规则 ${id}${opts.version ? ` 版本 ${opts.version}` : ''} / rule not found${opts.version ? ` (version ${opts.version})` : ''}`,
        );
      }
      write(JSON.stringify(def, null, 2));
    });

  cmd
    .command('history <id>')
    .description('规则版本历史 / version history of a rule')
    .action(async (id: string) => {
      const versions = await withStore(async (store) => {
        try {
          return await listRuleVersions(store.db, id);
        } catch (err) {
          if (err instanceof NotFoundError) throw new CliError(`未找到规则 ${id} / rule ${id} not found`);
          throw err;
        }
      });
      for (const v of versions) {
        const who = v.authorName ?? v.author ?? '?';
        write(
          `v${v.version}\t${v.createdAt}\t${who}\t${v.definition.enabled ? 'on' : 'off'}\t${v.changeNote ?? ''}`,
        );
      }
    });

  cmd
    .command('validate <file>')
    .description('校验规则文件（不写数据库）/ validate a rule file without saving it')
    .action((file: string) => {
      const rules = rulesOfFile(file);
      const problems = fileProblems(rules);
      if (problems.length > 0) {
        throw new CliError(
          `${path.basename(file)}：${problems.length} 处问题 / ${problems.length} problem(s)\n${formatProblems(problems)}`,
        );
      }
      write(`${path.basename(file)}：${rules.length} 条规则有效 / ${rules.length} rule(s) valid`);
    });

  cmd
    .command('import <file>')
    .description(
      '导入规则：新 id 新增，已有 id 保存新版本；任一无效则都不保存 / import rules, all or nothing',
    )
    .option('--note <text>', '修改说明 / change note')
    .action(async (file: string, opts: { note?: string }) => {
      const rules = rulesOfFile(file);
      const problems = fileProblems(rules);
      if (problems.length > 0) {
        throw new CliError(
          `${path.basename(file)}：${problems.length} 处问题，未导入 / ${problems.length} problem(s), nothing imported\n${formatProblems(problems)}`,
        );
      }
      const note = opts.note ?? `导入 ${path.basename(file)} / imported`;
      const counts = await withStore((store) =>
        inTransaction(store.db, async (trx) => {
          const c = { created: 0, updated: 0, unchanged: 0 };
          const current = new Map((await listRules(trx)).map((r) => [r.id, r]));
          for (const rule of rules) {
            const id = (rule as { id: string }).id;
            const existing = current.get(id);
            if (!existing) {
              await createRule(trx, SYSTEM_ACTORS.cli, rule, { changeNote: note });
              c.created += 1;
            } else {
              const saved = await updateRule(trx, SYSTEM_ACTORS.cli, id, rule, {
                changeNote: note,
                skipUnchanged: true,
              });
              if (saved.version === existing.version) c.unchanged += 1;
              else c.updated += 1;
            }
          }
          return c;
        }),
      );
      write(
        `规则导入完成：新增 ${counts.created}，更新 ${counts.updated}，未变 ${counts.unchanged} / rules imported: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`,
      );
    });

  cmd
    .command('export [file]')
    .description('导出当前规则（JSON，省略文件则输出到终端）/ export the current rules as JSON')
    .option('--force', '覆盖已有文件 / overwrite an existing file')
    .action(async (file: string | undefined, opts: { force?: boolean }) => {
      if (file && fs.existsSync(file) && !opts.force) {
        throw new CliError(
          `文件已存在：${file}（使用 --force 覆盖）/ file exists (use --force to overwrite)`,
        );
      }
      const rules = await withStore((store) => listRules(store.db));
      const json = `${JSON.stringify({ rules: rules.map((r) => r.definition) }, null, 2)}\n`;
      if (!file) {
        process.stdout.write(json);
        return;
      }
      fs.writeFileSync(file, json);
      write(`已导出 ${rules.length} 条规则到 ${file} / exported ${rules.length} rule(s)`);
    });

  cmd
    .command('dry-run [draft]')
    .alias('test')
    .description(
      '试运行草稿规则，对比当前规则的分类结果（不保存）/ compare a draft with the current rules without saving',
    )
    .option('--file <jsonl>', '消息文件，每行 {"text", "ref_date", "channel"} / messages, one JSON per line')
    .option('--last <n>', '无 --file 时取最近 N 条已存分析 / latest N stored analyses', (v) =>
      Number.parseInt(v, 10),
    )
    .option('--json', '输出 JSON 报告 / print the report as JSON')
    .action(async (draft: string | undefined, opts: { file?: string; last?: number; json?: boolean }) => {
      const rules = draft ? rulesOfFile(draft) : undefined;
      const messages = opts.file ? readMessages(opts.file) : undefined;
      if (opts.last !== undefined && (!Number.isInteger(opts.last) || opts.last < 1)) {
        throw new CliError('--last 应为正整数 / --last must be a positive integer');
      }
      const report = await withStore((store) =>
        dryRunWithStore(store, {
          ...(rules ? { rules } : {}),
          ...(messages ? { messages } : {}),
          ...(opts.last ? { last: opts.last } : {}),
        }),
      );
      if (report.problems.length > 0) {
        throw new CliError(
          `草稿规则无效，${report.problems.length} 处问题 / invalid draft, ${report.problems.length} problem(s)\n${formatProblems(report.problems)}`,
        );
      }
      write(opts.json ? JSON.stringify(report, null, 2) : formatDryRun(report));
    });
};
