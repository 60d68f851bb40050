// `shixu review list|show|sign|export` as a user runs them: a real process against a real database
// (DATABASE_URL), its output and exit code, and what it wrote (or did not write) to the case.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyCaseEvent, openContractCase } from '../../src/contracts/case-repository.js';
import { loadReviewConfig } from '../../src/contracts/review-config.js';
import { describeEachDatabase } from '../support/databases.js';
import { manualOrder, PEOPLE, ROUTED, seedPeople } from './support.js';

const ROOT = path.resolve('.');
const ENTRY = path.join(ROOT, 'test/support/cli-entry.ts');

// Each call starts a process that loads the sources through tsx: slow on a busy machine, hence the
// generous limits (they bound a hang; they do not measure speed).
describeEachDatabase('shixu review', (t) => {
  let dir = '';
  let number = '';
  let contractId = '';
  let env: Record<string, string> = {};

  function shixu(args: string[]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 150_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  async function revision() {
    const db = t.store().db;
    const c = await db
      .selectFrom('review_cases')
      .select('revision')
      .where('contract_id', '=', contractId)
      .executeTakeFirstOrThrow();
    const events = await db
      .selectFrom('review_events')
      .select('id')
      .where('contract_id', '=', contractId)
      .execute();
    return { revision: Number(c.revision), events: events.length };
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-review-cli-'));
    const cfg = t.config;
    env = { DATABASE_URL: cfg.kind === 'sqlite' ? `sqlite:${cfg.file}` : cfg.url, LOG_LEVEL: 'warn' };
    const db = t.store().db;
    await seedPeople(db);
    // The CLI signs at the real time, so the case is received now rather than on the fixtures' day.
    const now = new Date();
    const config = await loadReviewConfig(db);
    const opened = await openContractCase(
      db,
      manualOrder('regular', ROUTED, {
        receivedAt: now.toISOString(),
        reasons: [{ code: 'NEW_CUSTOMER', explanation: '新客户首次下单' }],
      }),
      { actor: { id: PEOPLE.sales.userId, department: 'sales' }, now, config },
    );
    number = opened.number;
    contractId = opened.contractId;
    const edits = opened.state.context.requirements.map((r) => ({
      op: 'accept' as const,
      requirementId: r.id,
    }));
    const ctx = { now, config };
    await applyCaseEvent(db, contractId, { type: 'EDIT_REQUIREMENTS', edits, actor: PEOPLE.sales }, ctx);
    await applyCaseEvent(db, contractId, { type: 'CONFIRM_REQUIREMENTS', actor: PEOPLE.sales }, ctx);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists the reviews waiting for a user and shows the case', { timeout: 600_000 }, () => {
    const mine = shixu(['review', 'list', '--user', PEOPLE.quality.userId]);
    expect(mine.code).toBe(0);
    expect(mine.stdout).toContain(number);
    expect(mine.stdout).toContain('质量部');
    expect(mine.stdout).toContain('共 1 项待评审');

    // Finance is not routed to this order (no penalty clause, no new customer by the rules' code).
    const finance = shixu(['review', 'list', '--user', PEOPLE.finance.userId]);
    expect(finance.code).toBe(0);
    expect(finance.stdout).not.toContain(number);
    expect(finance.stdout).toContain('共 0 项待评审');

    const everyone = shixu(['review', 'list']);
    expect(everyone.stdout).toContain(`共 ${ROUTED.length} 项待评审`);

    const show = shixu(['review', 'show', number]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('阶段 stage: 部门会签');
    expect(show.stdout).toContain('类别 class: 常规 / regular');
    expect(show.stdout).toContain('新客户首次下单');
    expect(show.stdout).toMatch(/质量部 Quality: 待评审 pending/);
    expect(show.stdout).toMatch(/剩余 4\d\.\d 小时/);

    const missing = shixu(['review', 'show', 'HT-1999-0001']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('未找到合同 HT-1999-0001');
  });

  it('refuses a user of another department and writes nothing', { timeout: 600_000 }, async () => {
    const before = await revision();
    const notAsked = shixu([
      'review',
      'sign',
      number,
      '--user',
      PEOPLE.finance.userId,
      '--conclusion',
      'can_meet',
    ]);
    expect(notAsked.code).toBe(1);
    expect(notAsked.stderr).toContain('不能签署');
    expect(notAsked.stderr).toContain('该部门不需要评审本合同');

    const otherDepartment = shixu([
      'review',
      'sign',
      number,
      '--user',
      PEOPLE.technical.userId,
      '--department',
      'quality',
      '--conclusion',
      'can_meet',
    ]);
    expect(otherDepartment.code).toBe(1);
    expect(otherDepartment.stderr).toContain('只能由该部门人员或其登记的代理人签署本部门评审');

    const noReason = shixu([
      'review',
      'sign',
      number,
      '--user',
      PEOPLE.quality.userId,
      '--conclusion',
      'cannot_meet',
    ]);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('必须填写原因');
    expect(await revision()).toEqual(before);
  });

  it('signs with conditions, shows the opinion and exports the record', { timeout: 600_000 }, async () => {
    const before = await revision();
    const args = [
      'review',
      'sign',
      number,
      '--user',
      PEOPLE.quality.userId,
      '--conclusion',
      'can_meet_with_conditions',
      '--conditions',
      '每批附材质证明原件',
    ];
    // No item is recorded as checked unless the reviewer answered it or confirmed "all OK".
    const unanswered = shixu(args);
    expect(unanswered.code).toBe(1);
    expect(unanswered.stderr).toContain('评审清单尚有未填写的项目');
    expect(unanswered.stderr).toContain('--all-ok');
    expect(await revision()).toEqual(before);
    const signed = shixu([...args, '--all-ok']);
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain('已签署');
    expect(signed.stdout).toContain('有条件满足');
    expect((await revision()).revision).toBe(before.revision + 1);

    const db = t.store().db;
    const review = await db
      .selectFrom('reviews')
      .select(['conclusion', 'conditions', 'signer_id', 'status'])
      .where('contract_id', '=', contractId)
      .where('department', '=', 'quality')
      .executeTakeFirstOrThrow();
    expect(review).toMatchObject({
      conclusion: 'can_meet_with_conditions',
      conditions: '每批附材质证明原件',
      signer_id: PEOPLE.quality.userId,
      status: 'signed',
    });

    const again = shixu([
      'review',
      'sign',
      number,
      '--user',
      PEOPLE.quality.userId,
      '--conclusion',
      'can_meet',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('该部门已签署');

    const show = shixu(['review', 'show', number]);
    expect(show.stdout).toMatch(/质量部 Quality: 已签署 signed, 有条件满足 .*每批附材质证明原件/);
    expect(shixu(['review', 'list', '--user', PEOPLE.quality.userId]).stdout).toContain('共 0 项待评审');

    const xlsx = path.join(dir, 'record.xlsx');
    const exported = shixu(['review', 'export', number, '--xlsx', xlsx]);
    expect(exported.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    // The form's heading: form number and revision, then the contract number.
    expect(wb.worksheets[0]!.getRow(3).getCell(6).value).toBe(number);
    expect(shixu(['review', 'export', number]).code).toBe(1);
  });
});
