// `shixu rules …` as an operator runs it: main([...]) in-process on both databases.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { getRule, listRuleVersions } from '../../src/rules/rule-repository.js';
import { captureOutput } from '../support/capture-output.js';
import { describeEachDatabase } from '../support/databases.js';
import { corpusCase, seedCorpusMasterData } from './store-support.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-rules-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

const io = captureOutput();
const savedUrl = process.env.DATABASE_URL;
afterAll(() => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
});

const LARGE = 'special.large_urgent_order';

describeEachDatabase('shixu rules', (t) => {
  beforeAll(async () => {
    const c = t.config;
    process.env.DATABASE_URL = c.kind === 'sqlite' ? `sqlite:${c.file}` : c.url;
    await seedCorpusMasterData(t.store());
  });

  it('lists the default rules and shows one as JSON', async () => {
    expect(await main(['rules', 'list'])).toBe(0);
    expect(io.out).toMatch(new RegExp(`${LARGE.replace('.', '\\.')}\\tv1\\t启用 on\\tspecial`));
    io.out = '';
    expect(await main(['rules', 'show', LARGE])).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({
      id: LARGE,
      event: { params: { code: 'large_urgent_order' } },
    });
    expect(await main(['rules', 'show', 'no.such'])).toBe(1);
    expect(io.err).toContain('no.such');
  });

  it('validate lists every problem of a file and exits 1; a good file passes', async () => {
    const bad = file(
      'bad.json',
      JSON.stringify({
        rules: [
          {
            id: 'x',
            name: 'x',
            priority: 5,
            enabled: true,
            conditions: {
              all: [{ fact: 'tonnage', operator: 'greaterThan', value: 1 }, { condition: 'nope' }],
            },
            event: { type: 'special', params: { code: 'x', explanationTemplate: 'x', severity: 'high' } },
          },
        ],
      }),
    );
    expect(await main(['rules', 'validate', bad])).toBe(1);
    expect(io.err).toContain('rules[0].conditions.all[0].fact');
    expect(io.err).toContain('tonnage');
    expect(io.err).toContain('nope');
    expect(await main(['rules', 'validate', file('broken.json', '{ not json')])).toBe(1);
    expect(io.err).toContain('JSON');
    io.out = '';
    expect(await main(['rules', 'export'])).toBe(0);
    const good = file('good.json', io.out);
    expect(await main(['rules', 'validate', good])).toBe(0);
  });

  it('imports a changed rule as a new version, skips unchanged ones, and history shows it', async () => {
    io.out = '';
    await main(['rules', 'export']);
    const set = JSON.parse(io.out) as { rules: { id: string; conditions: { all: { value?: unknown }[] } }[] };
    const large = set.rules.find((r) => r.id === LARGE)!;
    large.conditions.all[1]!.value = 80;
    const f = file('edited.json', JSON.stringify(set));
    io.out = '';
    expect(await main(['rules', 'import', f, '--note', '阈值 80 吨'])).toBe(0);
    expect(io.out).toMatch(/新增 0，更新 1，未变 5/);
    const stored = await getRule(t.store().db, LARGE);
    expect(stored).toMatchObject({ version: 2 });
    expect((stored!.definition.conditions as { all: { value?: unknown }[] }).all[1]!.value).toBe(80);
    io.out = '';
    expect(await main(['rules', 'history', LARGE])).toBe(0);
    const lines = io.out.trim().split('\n');
    expect(lines[0]).toMatch(/^v2\t.*\tsystem:cli\ton\t阈值 80 吨$/);
    expect(lines[1]).toMatch(/^v1\t/);
  });

  it('import writes nothing when any rule is invalid', async () => {
    const before = (await listRuleVersions(t.store().db, LARGE)).length;
    const f = file(
      'half.json',
      JSON.stringify([
        { ...(await getRule(t.store().db, LARGE))!.definition, name: '改名' },
        { id: 'bad', name: 'bad', priority: 1, enabled: true, conditions: { any: [] }, event: { type: 'x' } },
      ]),
    );
    expect(await main(['rules', 'import', f])).toBe(1);
    expect(io.err).toMatch(/未导入/);
    expect((await listRuleVersions(t.store().db, LARGE)).length).toBe(before);
  });

  it('dry-run shows what a draft changes on a messages file', async () => {
    const messages = file(
      'msgs.jsonl',
      ['d003', 'd001']
        .map((id) => {
          const c = corpusCase(id);
          return JSON.stringify({ id, text: c.text, ref_date: c.ref_date, channel: c.channel });
        })
        .join('\n'),
    );
    const rule = (await getRule(t.store().db, LARGE))!.definition;
    const draft = file('draft.json', JSON.stringify({ ...rule, enabled: false }));
    io.out = '';
    expect(await main(['rules', 'dry-run', draft, '--file', messages])).toBe(0);
    expect(io.out).toMatch(/^\* d003: special \[.*large_urgent_order.*\] → /m);
    expect(io.out).toMatch(/^ {2}d001: regular$/m);
    expect(io.out).toMatch(/1 条结果变化/);
    expect(await main(['rules', 'test', file('bad-draft.json', '{"id":"q"}'), '--file', messages])).toBe(1);
    expect(io.err).toMatch(/草稿规则无效/);
  });
});
