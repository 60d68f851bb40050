// `shixu feedback list|add`, `shixu kpi` and `shixu capability evaluate`: the customer side from
// the shell, for quality managers preparing a management review without the web app.
import type { Command } from 'commander';
import { findCustomerByName, getCustomer } from '../../customers/customer-repository.js';
import {
  CAUSE_LABELS,
  COMPLAINT_CAUSES,
  type ComplaintCause,
  FEEDBACK_CHANNELS,
  FEEDBACK_KINDS,
  FEEDBACK_STATUSES,
  type FeedbackChannel,
  type FeedbackKind,
  type FeedbackStatus,
  type KpiReport,
  kpisFor,
  listFeedback,
  periodOf,
  recordFeedback,
  runEvaluation,
} from '../../feedback/index.js';
import { AppError } from '../../shared/errors.js';
import { SYSTEM_ACTORS } from '../../store/audit.js';
import type { Store } from '../../store/connect.js';
import { CliError } from '../cli-error.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

const write = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  what: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(`未知${what} ${value}，可选：${allowed.join(', ')} / unknown ${what}`);
  }
  return value as T;
}

function period(from: string | undefined, to: string | undefined) {
  try {
    return periodOf(from, to, new Date());
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message);
    throw err;
  }
}

async function customerIdOf(store: Store, nameOrId: string): Promise<string> {
  const c = (await getCustomer(store.db, nameOrId)) ?? (await findCustomerByName(store.db, nameOrId));
  if (!c) throw new CliError(`未找到客户 ${nameOrId} / customer not found`);
  return c.id;
}

const fmt = (v: number | null, unit = '') => (v === null ? '无数据 n/a' : `${v}${unit}`);

export function formatKpis(r: KpiReport, from: string, to: string): string {
  const causes = COMPLAINT_CAUSES.filter((c) => r.complaints.byCause[c] > 0)
    .map((c) => `${CAUSE_LABELS[c]} ${r.complaints.byCause[c]}`)
    .join('，');
  return [
    `期间 period: ${from} … ${to}`,
    `反馈总数 feedback: ${r.feedbackTotal}；投诉 complaints: ${r.complaints.total}（未关闭 open ${r.openComplaints}）`,
    `投诉原因 by cause: ${causes || '—'}`,
    `每百份合同投诉数 complaints per 100 contracts: ${fmt(r.complaintRatePer100Contracts)}`,
    `平均关闭天数 mean days to close: ${fmt(r.meanDaysToClose)}`,
    `措施按期关闭率 on-time action closure: ${fmt(r.actionClosure.rate, '%')}（${r.actionClosure.onTime}/${r.actionClosure.closed}）`,
    `满意度指数 satisfaction index: ${fmt(r.satisfactionIndex)}`,
    `48 小时反馈及时率 48-h feedback compliance: ${fmt(r.feedback48h.rate, '%')}（${r.feedback48h.compliant}/${r.feedback48h.due}）`,
  ].join('\n');
}

export const registerFeedback: RegisterCommand = (program) => {
  const feedback: Command = program
    .command('feedback')
    .description('客户反馈与投诉 / customer feedback and complaints');

  feedback
    .command('list')
    .description('列出反馈 / list feedback')
    .option('--customer <name-or-id>', '客户 / customer')
    .option('--kind <kind>', `类型 / kind: ${FEEDBACK_KINDS.join(', ')}`)
    .option('--status <status>', `状态 / status: ${FEEDBACK_STATUSES.join(', ')}`)
    .option('--overdue', '只看逾期 / only overdue')
    .option('--limit <n>', '条数 / how many', '50')
    .option('--json', '输出 JSON / print JSON')
    .action(
      async (opts: {
        customer?: string;
        kind?: string;
        status?: string;
        overdue?: boolean;
        limit: string;
        json?: boolean;
      }) => {
        const kind = oneOf<FeedbackKind>(opts.kind, FEEDBACK_KINDS, '类型 kind');
        const status = oneOf<FeedbackStatus>(opts.status, FEEDBACK_STATUSES, '状态 status');
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw new CliError('--limit 应为正整数 / must be a positive integer');
        const r = await withStore(async (store) =>
          listFeedback(store.db, {
            ...(opts.customer ? { customerId: await customerIdOf(store, opts.customer) } : {}),
            ...(kind ? { kind } : {}),
            ...(status ? { status } : {}),
            ...(opts.overdue ? { overdue: true } : {}),
            limit,
          }),
        );
        if (opts.json) return write(JSON.stringify(r, null, 2));
        for (const f of r.items) {
          const flags = [
            f.kind,
            f.status,
            f.cause ?? '',
            f.sentiment ?? '',
            f.overdue ? '逾期 overdue' : '',
          ].filter(Boolean);
          write(
            `${f.receivedAt.slice(0, 10)}  ${f.id}  ${f.customerName ?? '—'}  [${flags.join(' ')}]  ${f.text.replace(/\s+/g, ' ').slice(0, 60)}`,
          );
        }
        write(`共 ${r.total} 条 / ${r.total} in total`);
      },
    );

  feedback
    .command('add <text>')
    .description('登记反馈/投诉（自动分析）/ record feedback (analysed automatically)')
    .option('--customer <name-or-id>', '客户 / customer')
    .option('--channel <channel>', `渠道 / channel: ${FEEDBACK_CHANNELS.join(', ')}`)
    .option('--kind <kind>', `类型 / kind: ${FEEDBACK_KINDS.join(', ')}`)
    .option('--cause <cause>', `原因 / cause: ${COMPLAINT_CAUSES.join(', ')}`)
    .option('--received-at <instant>', '收到时间 ISO-8601 / received at (default now)')
    .option('--json', '输出 JSON / print JSON')
    .action(
      async (
        text: string,
        opts: {
          customer?: string;
          channel?: string;
          kind?: string;
          cause?: string;
          receivedAt?: string;
          json?: boolean;
        },
      ) => {
        if (!text.trim()) throw new CliError('反馈内容为空 / feedback text is empty');
        const channel = oneOf<FeedbackChannel>(opts.channel, FEEDBACK_CHANNELS, '渠道 channel');
        const kind = oneOf<FeedbackKind>(opts.kind, FEEDBACK_KINDS, '类型 kind');
        const cause = oneOf<ComplaintCause>(opts.cause, COMPLAINT_CAUSES, '原因 cause');
        const receivedAt = opts.receivedAt ?? new Date().toISOString();
        if (Number.isNaN(Date.parse(receivedAt))) {
          throw new CliError(`--received-at 不是有效时间 / not a valid instant: ${receivedAt}`);
        }
        const f = await withStore(async (store) =>
          recordFeedback(store.db, SYSTEM_ACTORS.cli, {
            text: text.trim(),
            receivedAt: new Date(receivedAt).toISOString(),
            ...(opts.customer ? { customerId: await customerIdOf(store, opts.customer) } : {}),
            ...(channel ? { channel } : {}),
            ...(kind ? { kind } : {}),
            ...(cause ? { cause } : {}),
          }),
        );
        if (opts.json) return write(JSON.stringify(f, null, 2));
        write(`已登记 ${f.kind === 'complaint' ? '投诉 complaint' : '反馈 feedback'} ${f.id}`);
        write(`情感 sentiment: ${f.sentiment}（${f.sentimentScore}）；意图 intent: ${f.intent}`);
        if (f.cause) write(`原因 cause: ${f.causeExplanation}`);
        if (f.dueAt) write(`8D 截止 due: ${f.dueAt}`);
      },
    );

  program
    .command('kpi')
    .description('客户侧 KPI / customer-side KPIs')
    .option('--from <day>', '开始日 YYYY-MM-DD（默认 12 个月前）/ first day')
    .option('--to <day>', '结束日 YYYY-MM-DD（默认今天）/ last day')
    .option('--json', '输出 JSON / print JSON')
    .action(async (opts: { from?: string; to?: string; json?: boolean }) => {
      const p = period(opts.from, opts.to);
      const r = await withStore((store) => kpisFor(store.db, p));
      write(
        opts.json
          ? JSON.stringify({ ...r, period: { from: p.fromDay, to: p.toDay } }, null, 2)
          : formatKpis(r, p.fromDay, p.toDay),
      );
    });

  const capability: Command = program
    .command('capability')
    .description('需求识别能力评价 / requirement-identification capability');
  capability
    .command('evaluate')
    .description(
      '按五项准则计算并保存评价（仅数据，无评价人打分）/ compute and store an evaluation from the data',
    )
    .option('--from <day>', '开始日 YYYY-MM-DD')
    .option('--to <day>', '结束日 YYYY-MM-DD')
    .option('--team <id>', '评价一个团队 / evaluate a team')
    .option('--user <id>', '评价一名销售人员（用户 id）/ evaluate one salesperson (user id)')
    .option('--json', '输出 JSON / print JSON')
    .action(async (opts: { from?: string; to?: string; team?: string; user?: string; json?: boolean }) => {
      const p = period(opts.from, opts.to);
      const subject = opts.user
        ? { kind: 'person' as const, id: opts.user }
        : opts.team
          ? { kind: 'team' as const, id: opts.team }
          : { kind: 'organisation' as const };
      const e = await withStore((store) =>
        runEvaluation(store.db, { ...SYSTEM_ACTORS.cli, name: 'CLI' }, { period: p, subject }),
      );
      if (opts.json) return write(JSON.stringify(e, null, 2));
      write(e.summary.zh);
      for (const c of e.criteria)
        write(`  ${c.no} ${c.name.zh}：${c.score === null ? '未评价' : `${c.score}（目标 ${c.target}）`}`);
      for (const f of e.findings)
        if (f.suggestion) write(`  [${f.severity}] ${f.text.zh} 建议：${f.suggestion.zh}`);
      write(`评价记录 evaluation: ${e.id}`);
    });
};
