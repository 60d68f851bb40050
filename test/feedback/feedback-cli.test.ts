// `shixu feedback add|list`, `shixu kpi` and `shixu capability evaluate` as an operator runs them,
// in-process against the test database chosen through DATABASE_URL.
import { afterEach, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createCustomer } from '../../src/customers/customer-repository.js';
import { listEvaluations } from '../../src/feedback/index.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { captureOutput } from '../support/capture-output.js';
import { describeEachDatabase } from '../support/databases.js';

const io = captureOutput();
const savedUrl = process.env.DATABASE_URL;
afterEach(() => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
});

describeEachDatabase('feedback CLI', (t) => {
  const useDb = () => {
    const c = t.config;
    process.env.DATABASE_URL = c.kind === 'sqlite' ? `sqlite:${c.file}` : c.url;
  };

  it('adds a complaint for a customer by name and lists it', async () => {
    await createCustomer(t.store().db, SYSTEM_ACTORS.cli, {
      name: '安徽新桥精工有限公司',
      shortName: null,
      firstOrderYear: null,
      industry: null,
      notes: null,
    });
    useDb();
    const code = await main([
      'feedback',
      'add',
      '包装破损，纸箱压坏了',
      '--customer',
      '安徽新桥精工有限公司',
      '--received-at',
      '2026-03-04T02:00:00Z',
    ]);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(io.out).toContain('投诉 complaint');
    expect(io.out).toContain('包装 / packaging');
    io.out = '';
    expect(await main(['feedback', 'list', '--kind', 'complaint', '--json'])).toBe(0);
    const listed = JSON.parse(io.out);
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ cause: 'packaging', customerName: '安徽新桥精工有限公司' });
  });

  it('rejects an unknown customer or kind with a clear message', async () => {
    useDb();
    expect(await main(['feedback', 'add', '好', '--customer', '不存在公司'])).toBe(1);
    expect(io.err).toContain('未找到客户');
    io.err = '';
    expect(await main(['feedback', 'list', '--kind', 'praise'])).toBe(1);
    expect(io.err).toContain('unknown 类型 kind');
  });

  it('prints KPIs and stores a capability evaluation', async () => {
    useDb();
    expect(await main(['kpi', '--from', '2026-03-01', '--to', '2026-03-31'])).toBe(0);
    expect(io.out).toContain('投诉 complaints: 1');
    expect(io.out).toContain('48 小时反馈及时率 48-h feedback compliance: 无数据 n/a');
    io.out = '';
    expect(await main(['kpi', '--from', '2026-3-1'])).toBe(1);
    expect(io.err).toContain('YYYY-MM-DD');
    expect(await main(['capability', 'evaluate', '--from', '2026-03-01', '--to', '2026-03-31'])).toBe(0);
    expect(io.out).toContain('至少需要 4 项');
    expect((await listEvaluations(t.store().db)).total).toBe(1);
  });
});
