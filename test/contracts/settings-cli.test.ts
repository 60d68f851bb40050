// `shixu settings review-policy show|set` and `shixu mail list|retry` in process against a real
// database chosen by DATABASE_URL: the same validation, version check and audit as the API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { type DEFAULT_REVIEW_POLICY, getReviewPolicy } from '../../src/contracts/review-policy.js';
import { auditTrail } from '../../src/store/audit.js';
import { captureOutput } from '../support/capture-output.js';
import { describeEachDatabase } from '../support/databases.js';

describeEachDatabase('settings and mail CLI', (t) => {
  const io = captureOutput();
  const saved = process.env.DATABASE_URL;
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-settings-cli-'));
    const cfg = t.config;
    process.env.DATABASE_URL = cfg.kind === 'sqlite' ? `sqlite:${cfg.file}` : cfg.url;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };

  it('prints the policy, refuses an invalid file naming the field, and saves a valid one', async () => {
    expect(await main(['settings', 'review-policy', 'show'])).toBe(0);
    const shown = JSON.parse(io.out) as { version: number; policy: typeof DEFAULT_REVIEW_POLICY };
    expect(shown.version).toBe(0);

    const bad = structuredClone(shown);
    bad.policy.clock.reminderHours = [24, 60];
    io.err = '';
    expect(await main(['settings', 'review-policy', 'set', write('bad.json', bad)])).toBe(1);
    expect(io.err).toContain('clock.reminderHours.1: 提醒时间 60 小时必须早于反馈时限 48 小时');
    expect((await getReviewPolicy(t.store().db)).version).toBe(0);

    const good = structuredClone(shown);
    good.policy.clock.businessHours = {
      startHour: 8,
      endHour: 17,
      utcOffsetMinutes: 480,
      excludeWeekends: true,
      closedDays: ['2026-10-01'],
      workingWeekendDays: ['2026-09-27'],
    };
    io.out = '';
    expect(await main(['settings', 'review-policy', 'set', write('good.json', good)])).toBe(0);
    expect(io.out).toContain('评审策略已保存为第 1 版');
    expect((await getReviewPolicy(t.store().db)).policy.clock.businessHours?.closedDays).toEqual([
      '2026-10-01',
    ]);

    io.err = '';
    const stale = write('stale.json', good);
    expect(await main(['settings', 'review-policy', 'set', stale, '--expected-version', '0'])).toBe(1);
    expect(io.err).toContain('评审策略已被他人修改（当前版本 1）');
    const audits = await auditTrail(t.store().db, { entityType: 'settings' });
    expect(audits.map((a) => [a.action, a.actorId])).toEqual([['settings.updated', 'system:cli']]);
  });

  it('lists no unsent mail and refuses to retry one that does not exist', async () => {
    expect(await main(['mail', 'list'])).toBe(0);
    expect(io.out).toContain('没有未发出的邮件');
    expect(await main(['mail', 'retry', 'no-such-mail'])).toBe(1);
    expect(io.err).toContain('no-such-mail');
  });
});
