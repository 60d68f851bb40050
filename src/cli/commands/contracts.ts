// `shixu contracts list|show NUMBER|export FILE.xlsx`: the contract ledger from the server's shell.
// `shixu review list|show|sign|export|record`: a department's to-do, a case summary, signing a
// department review (the same SIGN_REVIEW event and checks as the API), the review record.
import fs from 'node:fs';
import type { Command } from 'commander';
import { DEPARTMENT_LABELS, DEPARTMENTS, type Department, isDepartment } from '../../auth/roles.js';
import { findUserByUsername } from '../../auth/user-repository.js';
import {
  actorFor,
  applyCaseEvent,
  type Classification,
  findContractId,
  loadCase,
} from '../../contracts/case-repository.js';
import {
  COMPLIANCE_FILTERS,
  type ComplianceFilter,
  ledgerTable,
  queryLedger,
} from '../../contracts/ledger.js';
import {
  loadRecordSource,
  reviewRecordPdf,
  reviewRecordXlsx,
  useCjkFont,
} from '../../contracts/record-files.js';
import { loadReviewConfig } from '../../contracts/review-config.js';
import {
  beijingTime,
  CLASS_LABELS,
  OUTCOME_LABELS,
  REVIEW_OUTCOMES,
  STAGE_LABELS,
} from '../../contracts/review-labels.js';
import { workbenchFor } from '../../contracts/workbench.js';
import { writeTableFile } from '../../io/tabular.js';
import { parseReviewEvent } from '../../review/event-schema.js';
import { readClock } from '../../review/feedback-clock.js';
import type { ReviewOutcome } from '../../review/types.js';
import { AppError } from '../../shared/errors.js';
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

// The CLI lists every open review, not the page's first rows.
const ALL_ROWS = 1_000_000;

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

  const review = program
    .command('review')
    .description('合同评审：待办、查看、签署、评审表 / contract review: to-do, show, sign, record');

  const writeRecord = async (number: string, opts: { pdf?: string; xlsx?: string; force?: boolean }) => {
    if (!opts.pdf && !opts.xlsx)
      throw new CliError('请指定 --pdf FILE 或 --xlsx FILE / give --pdf FILE or --xlsx FILE');
    for (const f of [opts.pdf, opts.xlsx]) if (f) refuseOverwrite(f, opts.force);
    const written = await withStore(async (store, appConfig) => {
      useCjkFont(appConfig.cjkFont);
      const id = await contractOrFail(store.db, number);
      const loaded = await loadCase(store.db, id);
      const config = await loadReviewConfig(store.db);
      const header = await loadRecordSource(store.db, id);
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
  };

  for (const name of ['record', 'export']) {
    review
      .command(`${name} <number>`)
      .description(
        name === 'record'
          ? '导出合同评审表 / write the review record as PDF and/or XLSX'
          : '导出合同评审表（同 record）/ write the review record (same as record)',
      )
      .option('--pdf <file>', 'PDF 文件 / PDF file')
      .option('--xlsx <file>', 'XLSX 文件 / XLSX file')
      .option('--force', '覆盖已有文件 / overwrite existing files')
      .action(writeRecord);
  }

  review
    .command('list')
    .description('待评审的合同（某用户所在部门）/ open reviews waiting for a department')
    .option('--user <name>', '只列该用户所在（或代理）部门的 / only those waiting for this user')
    .action(async (opts: { user?: string }) => {
      const rows = await withStore(async (store) => {
        const config = await loadReviewConfig(store.db);
        const now = new Date();
        if (opts.user) {
          const user = await activeUser(store.db, opts.user);
          return (await workbenchFor(store.db, user, now, config, ALL_ROWS)).myOpenReviews;
        }
        // Everyone's to-do: the workbench of each reviewing department in turn.
        const all = [];
        for (const department of DEPARTMENTS) {
          const wb = await workbenchFor(
            store.db,
            { id: '', department, deputyFor: null },
            now,
            config,
            ALL_ROWS,
          );
          all.push(...wb.myOpenReviews);
        }
        return all.sort((a, b) => (a.deadline ?? '9').localeCompare(b.deadline ?? '9'));
      });
      for (const r of rows) {
        const label = DEPARTMENT_LABELS[r.department];
        const due = r.deadline ? `${beijingTime(r.deadline)}（北京时间）` : '计时暂停 paused';
        process.stdout.write(
          `${r.number}\t${r.customer}\t${label.zh} ${label.en}\t期限 due ${due}${r.overdue ? '\t已超期 OVERDUE' : ''}\n`,
        );
      }
      process.stdout.write(`共 ${rows.length} 项待评审 / ${rows.length} review(s) waiting\n`);
    });

  review
    .command('show <number>')
    .description('评审概要：阶段、类别与原因、各部门状态、48 小时计时 / a readable summary of the case')
    .action(async (number: string) => {
      const out = await withStore(async (store) => {
        const id = await contractOrFail(store.db, number);
        const loaded = await loadCase(store.db, id);
        const config = await loadReviewConfig(store.db);
        const c = await store.db
          .selectFrom('contracts')
          .select(['customer_name', 'classification'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const d = loaded.state.context;
        const signers = d.signOffs.flatMap((s) => (s.signature ? [s.signature.userId] : []));
        const names = new Map(
          signers.length
            ? (
                await store.db
                  .selectFrom('users')
                  .select(['id', 'display_name'])
                  .where('id', 'in', signers)
                  .execute()
              ).map((u) => [u.id, u.display_name])
            : [],
        );
        const classification = JSON.parse(c.classification ?? '{}') as Partial<Classification>;
        const stage = STAGE_LABELS[loaded.state.value];
        const cls = CLASS_LABELS[d.contractClass];
        const clock = readClock(
          d.receivedAt,
          new Date().toISOString(),
          d.clock.pauses,
          config.clock,
          d.feedback?.sentAt ?? null,
        );
        const hours = (ms: number) => (Math.abs(ms) / 3_600_000).toFixed(1);
        const clockLine = d.feedback
          ? `已于 ${beijingTime(d.feedback.sentAt)} 反馈客户（${d.feedback.clockCompliant ? '按时 on time' : '超时 late'}）/ feedback sent`
          : clock.paused
            ? `计时暂停（等待客户答复），剩余 ${hours(clock.remainingMs)} 小时 / paused, ${hours(clock.remainingMs)} h left`
            : clock.overdue
              ? `已超期 ${hours(clock.remainingMs)} 小时 / OVERDUE by ${hours(clock.remainingMs)} h`
              : `剩余 ${hours(clock.remainingMs)} 小时 / ${hours(clock.remainingMs)} h left`;
        const lines = [
          `合同 ${loaded.number}  客户 ${c.customer_name}  版本 version ${d.contractVersion}`,
          `阶段 stage: ${stage.zh} / ${stage.en} (${loaded.state.value})`,
          `类别 class: ${cls.zh} / ${cls.en}`,
          ...(classification.reasons ?? []).map((r) => `  原因 reason: ${r.explanation} [${r.code}]`),
          '部门评审 departments:',
          ...d.signOffs.map((s) => {
            const label = DEPARTMENT_LABELS[s.department];
            if (s.status === 'pending') return `  ${label.zh} ${label.en}: 待评审 pending`;
            const outcome = s.outcome ? OUTCOME_LABELS[s.outcome] : null;
            const who = s.signature
              ? ` — ${names.get(s.signature.userId) ?? s.signature.userId} ${beijingTime(s.signature.at)}`
              : s.via === 'meeting'
                ? ' — 评审会议 meeting'
                : '';
            const extra = [
              s.conditions ? `条件 conditions: ${s.conditions}` : '',
              s.reason ? `原因 reason: ${s.reason}` : '',
            ].filter(Boolean);
            return `  ${label.zh} ${label.en}: 已签署 signed, ${outcome ? `${outcome.zh} ${outcome.en}` : '-'}${who}${extra.length ? `; ${extra.join('; ')}` : ''}`;
          }),
          `48 小时反馈 / 48-hour clock: 收到 received ${beijingTime(d.receivedAt)}，期限 due ${clock.dueAt ? beijingTime(clock.dueAt) : '-'}（北京时间 / Beijing time）`,
          `  ${clockLine}`,
        ];
        return lines.join('\n');
      });
      process.stdout.write(`${out}\n`);
    });

  review
    .command('sign <number>')
    .description(
      '签署本部门评审意见（与网页/API 相同的权限检查）/ sign a department review (same checks as the API)',
    )
    .requiredOption('--user <name>', '签署人用户名 / username of the signer')
    .requiredOption('--conclusion <outcome>', `评审意见 / ${REVIEW_OUTCOMES.join('|')}`)
    .option('--conditions <text>', '条件（有条件满足时必填）/ conditions (with can_meet_with_conditions)')
    .option('--reason <text>', '原因（不能满足时必填）/ reason (with cannot_meet)')
    .option(
      '--department <dept>',
      '代表的部门（默认：本人部门，或其代理的待评审部门）/ department to sign for (default: own or deputised)',
    )
    .option(
      '--answer <id=answer>',
      '评审清单项 ok|not_applicable|issue，可重复；每项都须回答 / a checklist answer, repeatable; every item needs one',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option(
      '--all-ok',
      '未用 --answer 给出的清单项全部确认为 ok / confirm every item not given with --answer as ok',
    )
    .action(
      async (
        number: string,
        opts: {
          user: string;
          conclusion: string;
          conditions?: string;
          reason?: string;
          department?: string;
          answer: string[];
          allOk?: boolean;
        },
      ) => {
        if (!(REVIEW_OUTCOMES as string[]).includes(opts.conclusion)) {
          throw new CliError(
            `--conclusion 只能是 ${REVIEW_OUTCOMES.join('|')} / must be one of ${REVIEW_OUTCOMES.join('|')}`,
          );
        }
        const outcome = opts.conclusion as ReviewOutcome;
        if (opts.department && !isDepartment(opts.department))
          throw new CliError(`未知部门 ${opts.department} / unknown department`);
        const answers: Record<string, string> = {};
        for (const a of opts.answer) {
          const [key, value] = a.split('=');
          if (!key || !value || !['ok', 'not_applicable', 'issue'].includes(value))
            throw new CliError(
              `--answer 格式为 项目=ok|not_applicable|issue / use --answer ID=ok|not_applicable|issue: ${a}`,
            );
          answers[key] = value;
        }
        const done = await withStore(async (store) => {
          const user = await activeUser(store.db, opts.user);
          const id = await contractOrFail(store.db, number);
          const loaded = await loadCase(store.db, id);
          const d = loaded.state.context;
          const pending = (dep: string) =>
            d.signOffs.some((s) => s.department === dep && s.status === 'pending');
          const department =
            opts.department ??
            (user.deputyFor && !pending(user.department) && pending(user.deputyFor)
              ? user.deputyFor
              : user.department);
          const checklist = d.signOffs.find((s) => s.department === department)?.checklist ?? [];
          const unknown = Object.keys(answers).filter((k) => !checklist.some((i) => i.id === k));
          if (unknown.length > 0) {
            throw new CliError(
              `评审清单中没有 ${unknown.join(', ')}；可用：${checklist.map((i) => i.id).join(', ')} / not on the checklist`,
            );
          }
          const parsed = parseReviewEvent({
            type: 'SIGN_REVIEW',
            actor: actorFor(user),
            department,
            contractVersion: d.contractVersion,
            // A reviewer answers each item or says "all OK" on purpose; nothing is recorded as
            // checked that no one looked at (the workflow refuses CHECKLIST_INCOMPLETE).
            answers: Object.fromEntries(
              checklist.flatMap((i) => {
                const a = answers[i.id] ?? (opts.allOk ? 'ok' : undefined);
                return a ? [[i.id, a]] : [];
              }),
            ),
            outcome,
            ...(opts.conditions ? { conditions: opts.conditions } : {}),
            ...(opts.reason ? { reason: opts.reason } : {}),
            expectedRevision: loaded.revision,
          });
          if (!parsed.ok)
            throw new CliError(`评审意见不正确 / invalid sign-off: ${parsed.issues.join('; ')}`);
          try {
            const r = await applyCaseEvent(store.db, id, parsed.event, {
              now: new Date(),
              config: await loadReviewConfig(store.db),
            });
            return { department, stage: r.state.value };
          } catch (err) {
            if (err instanceof AppError) {
              const who = `${user.username}（${DEPARTMENT_LABELS[user.department].zh}）`;
              const missing =
                err.code === 'CHECKLIST_INCOMPLETE'
                  ? `\n未回答 / not answered: ${checklist
                      .filter((i) => !answers[i.id])
                      .map((i) => `${i.id}（${i.topic.zh}）`)
                      .join(
                        '、',
                      )}\n逐项用 --answer ID=ok|not_applicable|issue，或用 --all-ok 确认全部符合 / answer each with --answer, or confirm all with --all-ok`
                  : '';
              throw new CliError(
                `${who} 不能签署 ${loaded.number} 的${DEPARTMENT_LABELS[department as Department]?.zh ?? department}评审：${err.message}${missing}`,
              );
            }
            throw err;
          }
        });
        const label = DEPARTMENT_LABELS[done.department as Department];
        const o = OUTCOME_LABELS[outcome];
        const stage = STAGE_LABELS[done.stage];
        process.stdout.write(
          `已签署 ${number} ${label.zh}意见：${o.zh} / signed for ${label.en}: ${o.en}\n阶段 stage: ${stage.zh} / ${stage.en}\n`,
        );
      },
    );
};

async function activeUser(db: Parameters<typeof findUserByUsername>[0], username: string) {
  const user = await findUserByUsername(db, username);
  if (!user?.active) throw new CliError(`未找到在用用户 ${username} / no active user ${username}`);
  return user;
}
