// `shixu settings review-policy [show|set FILE]`: the review policy (48-h clock, reminders,
// escalations, meeting quorum, conclusion authority) as JSON, read and changed from the shell with
// the same validation, version check, audit and rescheduling of open cases as the settings API.
import fs from 'node:fs';
import type { Command } from 'commander';
import { rescheduleOpenClocks } from '../../contracts/case-repository.js';
import { loadReviewConfig } from '../../contracts/review-config.js';
import { getReviewPolicy, saveReviewPolicy } from '../../contracts/review-policy.js';
import { SYSTEM_ACTORS } from '../../store/audit.js';
import { CliError } from '../cli-error.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

function readJson(file: string): unknown {
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`无法读取 ${file} / cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file} 不是有效的 JSON / not valid JSON: ${(err as Error).message}`);
  }
}

export const registerSettings: RegisterCommand = (program) => {
  const settings: Command = program.command('settings').description('系统设置 / run-time settings');
  const policy = settings
    .command('review-policy')
    .description('评审策略：48 小时时钟、提醒、升级、会议法定人数 / the review policy');

  const show = async () => {
    const stored = await withStore((store) => getReviewPolicy(store.db));
    process.stdout.write(
      `${JSON.stringify({ version: stored.version, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy, policy: stored.policy }, null, 2)}\n`,
    );
  };
  policy.action(show);
  policy.command('show').description('显示当前策略（JSON）/ print the current policy as JSON').action(show);

  policy
    .command('set <file>')
    .description('从 JSON 文件设置策略（- = 标准输入）/ set the policy from a JSON file (- = stdin)')
    .option('--expected-version <n>', '读取时的版本，不符则拒绝 / refuse unless the stored version is this')
    .action(async (file: string, opts: { expectedVersion?: string }) => {
      const doc = readJson(file) as { policy?: unknown } | null;
      // Accepts what `show` prints (policy under "policy") or the bare policy.
      const input = doc && typeof doc === 'object' && 'policy' in doc ? doc.policy : doc;
      if (opts.expectedVersion !== undefined && !/^\d+$/.test(opts.expectedVersion))
        throw new CliError('--expected-version 必须是整数 / must be an integer');
      const saved = await withStore(async (store) => {
        const expected =
          opts.expectedVersion === undefined
            ? (await getReviewPolicy(store.db)).version
            : Number(opts.expectedVersion);
        const now = new Date();
        return saveReviewPolicy(store.db, SYSTEM_ACTORS.cli, input, expected, now, async (trx) =>
          rescheduleOpenClocks(trx, await loadReviewConfig(trx), now),
        );
      });
      process.stdout.write(
        `评审策略已保存为第 ${saved.version} 版；${saved.rescheduledCases} 个未反馈案件按新策略重算时钟 / review policy saved as version ${saved.version}; ${saved.rescheduledCases} open case(s) rescheduled\n`,
      );
    });
};
