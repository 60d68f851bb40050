// `shixu intake` as a user runs it: a real process over real files, one JSON line per file, the
// records persisted, a clear error naming a bad file and a failing exit code.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { analysisResultSchema } from '../../src/analysis/result.js';
import { listIntakes } from '../../src/intake/intake-repository.js';
import { seedCorpusMasterData } from '../rules/store-support.js';
import { describeEachDatabase } from '../support/databases.js';
import { gbk } from '../support/gbk.js';
import * as f from './fixtures.js';

const ROOT = path.resolve('.');
const ENTRY = path.join(ROOT, 'test/support/cli-entry.ts');

describeEachDatabase('shixu intake', (t) => {
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-intake-cli-'));
    await seedCorpusMasterData(t.store());
    fs.writeFileSync(path.join(dir, '订单.xlsx'), await f.orderXlsx());
    fs.writeFileSync(
      path.join(dir, '询价.txt'),
      gbk('请报价 6061-T6 控制臂支架 MP-202 共 5000 件，12月15日前交货。'),
    );
    fs.writeFileSync(path.join(dir, '损坏.docx'), f.orderDocx().slice(0, 700));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function shixu(args: string[]) {
    const url = t.config.kind === 'sqlite' ? `sqlite:${t.config.file}` : t.config.url;
    const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, SHIXU_DATA_DIR: dir, SHIXU_DEMO: '0', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('prints one JSON line per file with text, provenance and analysis, and names the bad ones', async () => {
    const files = ['订单.xlsx', '询价.txt', '损坏.docx', '不存在.pdf'].map((n) => path.join(dir, n));
    const r = shixu([
      'intake',
      ...files,
      '--json',
      '--channel',
      'purchase_order',
      '--ref-date',
      '2026-11-28',
    ]);
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    const [xlsx, txt, docx, missing] = lines;
    expect(xlsx.file).toBe(files[0]);
    expect(xlsx.mediaType).toContain('spreadsheetml');
    expect(analysisResultSchema.safeParse(xlsx.analysis).success).toBe(true);
    expect(
      xlsx.analysis.items.some((i: { quantity: { value: number } | null }) => i.quantity?.value === 5000),
    ).toBe(true);
    expect(xlsx.provenance.some((s: { source: { kind: string } }) => s.source.kind === 'table-cell')).toBe(
      true,
    );
    expect(txt.text).toContain('控制臂支架');
    expect(txt.analysis.items[0]).toMatchObject({ quantity: { value: 5000 } });
    expect(docx.error.code).toBe('corrupted');
    expect(missing.error.message).toContain('找不到文件');
    expect(r.stderr).toContain(`${files[2]}: [corrupted]`);
    expect(r.stderr).toContain(`${files[3]}: [unreadable]`);

    // Persisted like uploads: three records (the missing file never became one), the broken one failed.
    const all = await listIntakes(t.store().db, { channel: 'purchase_order' });
    expect(all.total).toBe(3);
    expect(all.items.filter((i) => i.status === 'failed').map((i) => i.fileName)).toEqual(['损坏.docx']);
  });
});
