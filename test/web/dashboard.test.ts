// GET /api/dashboard: management figures over the stored records, the same on both databases,
// zeros (not errors) on an empty database.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import type { App } from '../../src/server/context.js';
import { percentile, weekOf } from '../../src/server/routes/dashboard.js';
import { appFor, login } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { addAnalysis, addComplaint, addContract, addIntake } from './records.js';

const NOW = new Date('2026-06-30T12:00:00.000Z');
const hoursBefore = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

describe('dashboard helpers', () => {
  it('takes nearest-rank percentiles and Monday-based weeks', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(weekOf('2026-06-28T10:00:00.000Z')).toBe('2026-06-22'); // a Sunday belongs to the week before
    expect(weekOf('2026-06-29T00:00:00.000Z')).toBe('2026-06-29');
  });
});

describeEachDatabase('GET /api/dashboard', (db) => {
  let app: App;
  let cookie: string;

  beforeAll(async () => {
    await seedDemo(db.store());
    app = await appFor(db.store(), { clock: () => NOW });
    cookie = await login(app, 'gm', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (url = '/api/dashboard?days=90') => app.inject({ method: 'GET', url, headers: { cookie } });

  it('answers zeros and empty lists on a database without business records', async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.contracts).toEqual({ total: 0, byClass: [], specialShare: null, specialReasons: [] });
    expect(d.reviewCycleHours).toEqual({ completed: 0, median: null, p90: null });
    expect(d.feedback48h).toEqual({ due: 0, onTime: 0, late: 0, overdueOpen: 0, compliance: null });
    expect(d.intakeByChannel).toEqual([]);
    expect(d.sentimentTrend).toEqual([]);
    expect(d.topKeywords).toEqual([]);
    expect(d.period.days).toBe(90);
  });

  it('counts channels, classes, special reasons, review cycle and 48-hour compliance', async () => {
    const store = db.store();
    for (const channel of ['email', 'email', 'wechat']) await addIntake(store, channel, hoursBefore(24));
    await addIntake(store, 'fax', hoursBefore(24 * 200)); // outside the period: must not count
    await addContract(store, {
      cls: 'special',
      receivedAt: hoursBefore(100),
      reasons: ['new_customer'],
      signedAfterHours: [5, 10],
    });
    await addContract(store, {
      cls: 'special',
      receivedAt: hoursBefore(200),
      reasons: ['new_customer', 'precision_above_standard'],
      signedAfterHours: [20, 60],
    });
    await addContract(store, { cls: 'regular', receivedAt: hoursBefore(300), signedAfterHours: [30] });
    await addContract(store, { cls: 'regular', receivedAt: hoursBefore(72), signedAfterHours: [4, null] }); // overdue, open
    await addAnalysis(store, hoursBefore(10), { label: 'negative', score: -0.6 }, [
      { word: '公差', weight: 0.9 },
      { word: '交期', weight: 0.4 },
    ]);
    await addComplaint(store, 'dimension', hoursBefore(5));

    const d = (await get()).json();
    expect(d.intakeByChannel).toEqual([
      { key: 'email', count: 2 },
      { key: 'wechat', count: 1 },
    ]);
    expect(d.contracts.total).toBe(4);
    expect(d.contracts.specialShare).toBe(0.5);
    expect(d.contracts.specialReasons).toEqual([
      { key: 'new_customer', count: 2 },
      { key: 'precision_above_standard', count: 1 },
    ]);
    // Completed reviews took 10, 60 and 30 hours.
    expect(d.reviewCycleHours).toEqual({ completed: 3, median: 30, p90: 60 });
    // 10 h and 30 h within 48 h, 60 h late, one past its deadline without all signatures.
    expect(d.feedback48h).toEqual({ due: 4, onTime: 2, late: 1, overdueOpen: 1, compliance: 0.5 });
    expect(d.sentimentTrend).toEqual([
      { week: weekOf(hoursBefore(10)), positive: 0, neutral: 0, negative: 1, averageScore: -0.6 },
    ]);
    expect(d.topKeywords[0]).toEqual({ word: '公差', weight: 0.9 });
    expect(d.complaintsByCause).toEqual([{ key: 'dimension', count: 1 }]);
  });

  it('requires a signed-in user and rejects a nonsensical period', async () => {
    const anon = await app.inject({ method: 'GET', url: '/api/dashboard' });
    expect(anon.statusCode).toBe(401);
    const bad = await get('/api/dashboard?days=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});
