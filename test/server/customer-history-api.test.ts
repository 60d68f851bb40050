// GET /api/customers/:id/history through the real app on both databases: the customer's intake
// records (matched by id or taken in under the customer's name) with the sentiment the analysis
// read, newest first and paged, and the monthly sentiment trend; other customers' messages stay out.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { createUser } from '../../src/auth/user-repository.js';
import { completeIntake, createIntake } from '../../src/intake/intake-repository.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login } from './helpers.js';

const NAME = '江苏恒驰汽车零部件有限公司';
const MESSAGES = [
  // [text, received (UTC), matched by id?]
  ['上批型材质量很好，交货也准时，非常满意，谢谢！', '2026-03-10T02:00:00.000Z', true],
  ['这批型材又延期了三天才到货，导致我们停线，非常不满意。', '2026-04-02T03:00:00.000Z', false],
  ['型材表面划伤严重，要求你们马上处理并给出8D报告。', '2026-04-20T01:00:00.000Z', true],
] as const;

describeEachDatabase('customer history API', (t) => {
  let app: App;
  let cookie = '';
  let customerId = '';
  const scores: number[] = [];

  beforeAll(async () => {
    const { db } = t.store();
    // The clock sits in May 2026 so all three messages fall inside the 24-month trend window.
    app = await appFor(t.store(), { clock: () => new Date('2026-05-15T00:00:00Z') });
    await createUser(
      db,
      { username: 'h-sales', password: 'pw-sales-123', department: 'sales' },
      SYSTEM_ACTORS.cli,
    );
    cookie = await login(app, 'h-sales', 'pw-sales-123');
    const created = await app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie },
      payload: { name: NAME },
    });
    customerId = created.json().id;
    const other = await app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie },
      payload: { name: '宁波精工铝业有限公司' },
    });
    const take = async (text: string, at: string, customer: string | null, name: string | null) => {
      const id = await createIntake(db, {
        channel: 'email',
        fileName: null,
        mediaType: 'text/plain',
        sha256: createHash('sha256').update(text).digest('hex'),
        sizeBytes: text.length,
        customerName: name,
        refDate: at.slice(0, 10),
      });
      const analysis = analyze(text, { refDate: at.slice(0, 10) });
      await completeIntake(db, id, {
        text,
        provenance: [],
        warnings: [],
        mediaType: 'text/plain',
        refDate: at.slice(0, 10),
        analysis,
        customerId: customer,
      });
      await db.updateTable('intake_records').set({ received_at: at }).where('id', '=', id).execute();
      return analysis.sentiment;
    };
    for (const [text, at, byId] of MESSAGES) {
      const s = await take(text, at, byId ? customerId : null, byId ? null : NAME);
      scores.push(s.score);
    }
    await take('请报价6061型材20吨。', '2026-04-05T00:00:00.000Z', other.json().id, null);
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the customer’s messages newest first with the analysed sentiment, paged', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/customers/${customerId}/history?page=1&pageSize=2`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.items.map((i: { receivedAt: string }) => i.receivedAt)).toEqual([
      MESSAGES[2][1],
      MESSAGES[1][1],
    ]);
    expect(body.items[0]).toMatchObject({
      channel: 'email',
      status: 'done',
      excerpt: MESSAGES[2][0],
      sentimentScore: scores[2],
    });
    expect(['positive', 'neutral', 'negative']).toContain(body.items[0].sentiment);
    const second = await app.inject({
      method: 'GET',
      url: `/api/customers/${customerId}/history?page=2&pageSize=2`,
      headers: { cookie },
    });
    expect(second.json().items.map((i: { excerpt: string }) => i.excerpt)).toEqual([MESSAGES[0][0]]);
  });

  it('gives the monthly sentiment trend in Beijing time', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/customers/${customerId}/history`,
      headers: { cookie },
    });
    const trend = res.json().trend as { month: string; messages: number; meanScore: number }[];
    expect(trend.map((p) => [p.month, p.messages])).toEqual([
      ['2026-03', 1],
      ['2026-04', 2],
    ]);
    expect(trend[1]!.meanScore).toBeCloseTo((scores[1]! + scores[2]!) / 2, 3);
    // The complaints read more negative than the praise.
    expect(trend[1]!.meanScore).toBeLessThan(trend[0]!.meanScore);
  });

  it('answers 404 for an unknown customer and 401 without a session', async () => {
    const missing = await app.inject({
      method: 'GET',
      url: '/api/customers/nope/history',
      headers: { cookie },
    });
    expect(missing.statusCode).toBe(404);
    const anonymous = await app.inject({ method: 'GET', url: `/api/customers/${customerId}/history` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(Object.keys(doc.json().paths)).toContain('/api/customers/{id}/history');
  });
});
