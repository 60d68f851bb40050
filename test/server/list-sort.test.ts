// Server-side sorting of the paged catalogue, customer, complaint and improvement-action lists over HTTP, on both
// databases: the column clicked orders every page (prices as numbers, not as text; precision grades
// in their meaning's order; empty values last either way), and a column outside the whitelist is
// refused with a bilingual problem naming it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { upsertProduct } from '../../src/catalog/catalog-repository.js';
import { createCustomer } from '../../src/customers/customer-repository.js';
import { createAction } from '../../src/feedback/action-repository.js';
import { recordFeedback } from '../../src/feedback/feedback-repository.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login } from './helpers.js';

describeEachDatabase('sorting the paged lists', (t) => {
  let app: App;
  let cookie: string;
  beforeAll(async () => {
    const { db } = t.store();
    app = await appFor(t.store());
    await createUser(
      db,
      { username: 'sorter', password: 'Qz-7list-order', department: 'quality' },
      SYSTEM_ACTORS.cli,
    );
    cookie = await login(app, 'sorter', 'Qz-7list-order');
    // 925.00 / 9250.00 / 92.50 / none: as text "925.00" would sort above "9250.00".
    for (const [code, grade, price] of [
      ['S-1', '超高精级', 925],
      ['S-2', '普通级', 9250],
      ['S-3', '高精级', 92.5],
      ['S-4', null, null],
    ] as const) {
      await upsertProduct(db, SYSTEM_ACTORS.cli, {
        code,
        name: `型材 ${code}`,
        model: null,
        category: null,
        precisionGrade: grade,
        unit: '件',
        unitWeightKg: 1,
        listPriceCny: price === null ? null : price.toFixed(2),
      });
    }
    const customers: Record<string, string> = {};
    for (const [name, year] of [
      ['甲公司', 2019],
      ['乙公司', null],
      ['丙公司', 2024],
    ] as const) {
      const c = await createCustomer(db, SYSTEM_ACTORS.cli, {
        name,
        shortName: null,
        firstOrderYear: year,
        industry: null,
        notes: null,
      });
      customers[name] = c.id;
    }
    for (const [name, day] of [
      ['乙公司', '2026-11-02'],
      ['甲公司', '2026-11-03'],
      ['丙公司', '2026-11-01'],
    ] as const) {
      await recordFeedback(db, SYSTEM_ACTORS.cli, {
        customerId: customers[name]!,
        text: `${name}：这批货交期延误，请尽快处理。`,
        receivedAt: `${day}T02:00:00.000Z`,
        channel: 'email',
      });
    }
    for (const [title, dueDate, description] of [
      ['更新包装规范', '2026-12-20', '防潮包装'],
      ['建立交期预警看板', '2026-12-05', null],
      ['培训检验员', null, '来料检验包装要求'],
    ] as const) {
      await createAction(db, SYSTEM_ACTORS.cli, { title, ownerDepartment: 'quality', dueDate, description });
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const column = async (url: string, field: string) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((r: Record<string, unknown>) => r[field]);
  };

  it('sorts the catalogue by price as a number and by precision grade in its order, empty last', async () => {
    expect(await column('/api/catalog/products?sort=listPriceCny&order=asc', 'code')).toEqual([
      'S-3',
      'S-1',
      'S-2',
      'S-4',
    ]);
    expect(await column('/api/catalog/products?sort=listPriceCny&order=desc', 'code')).toEqual([
      'S-2',
      'S-1',
      'S-3',
      'S-4',
    ]);
    expect(await column('/api/catalog/products?sort=precisionGrade&order=asc', 'code')).toEqual([
      'S-2',
      'S-3',
      'S-1',
      'S-4',
    ]);
    // Paging follows the sort: page 2 of two rows continues where page 1 stopped.
    expect(
      await column('/api/catalog/products?sort=listPriceCny&order=desc&page=2&pageSize=2', 'code'),
    ).toEqual(['S-3', 'S-4']);
    expect(await column('/api/catalog/products', 'code')).toEqual(['S-1', 'S-2', 'S-3', 'S-4']);
  });

  it('sorts customers by first-order year, empty last in both directions', async () => {
    expect(await column('/api/customers?sort=firstOrderYear&order=asc', 'name')).toEqual([
      '甲公司',
      '丙公司',
      '乙公司',
    ]);
    expect(await column('/api/customers?sort=firstOrderYear&order=desc', 'name')).toEqual([
      '丙公司',
      '甲公司',
      '乙公司',
    ]);
  });

  it('sorts complaints by received time (newest first by default) and by customer', async () => {
    expect(await column('/api/feedback', 'customerName')).toEqual(['甲公司', '乙公司', '丙公司']);
    expect(await column('/api/feedback?sort=receivedAt&order=asc', 'customerName')).toEqual([
      '丙公司',
      '乙公司',
      '甲公司',
    ]);
    const byName = await column('/api/feedback?sort=customer&order=asc', 'customerName');
    expect(byName).toEqual([...byName].sort());
    expect(byName).toHaveLength(3);
  });

  it('sorts improvement actions by due day (none last) by default and by the column asked, and searches them', async () => {
    expect(await column('/api/improvement-actions', 'title')).toEqual([
      '建立交期预警看板',
      '更新包装规范',
      '培训检验员',
    ]);
    expect(await column('/api/improvement-actions?sort=dueDate&order=desc', 'title')).toEqual([
      '更新包装规范',
      '建立交期预警看板',
      '培训检验员',
    ]);
    // The keyword is looked for in the title and the description.
    expect(
      await column(`/api/improvement-actions?q=${encodeURIComponent('包装')}&sort=title`, 'title'),
    ).toEqual(expect.arrayContaining(['更新包装规范', '培训检验员']));
    expect(await column(`/api/improvement-actions?q=${encodeURIComponent('包装')}`, 'title')).toHaveLength(2);
  });

  it('refuses a column outside the whitelist with a problem naming it, in Chinese and English', async () => {
    for (const url of [
      '/api/catalog/products?sort=password_hash',
      '/api/customers?sort=password_hash',
      '/api/feedback?sort=password_hash',
      '/api/improvement-actions?sort=password_hash',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json();
      expect(problem.code).toBe('VALIDATION_FAILED');
      const error = problem.errors.find((e: { path: string }) => e.path.includes('sort'));
      expect(error, JSON.stringify(problem)).toBeDefined();
      expect(error.in).toBe('querystring');
      expect(error.message).toContain('不能按“password_hash”排序');
      expect(error.message).toContain('cannot sort by "password_hash"');
    }
    const order = await get('/api/customers?sort=name&order=sideways');
    expect(order.statusCode).toBe(400);
    expect(JSON.stringify(order.json())).toContain('sideways');
  });
});
