// The workbench shows each reviewer the sign-offs waiting for their department, oldest first, and
// each owner (or the GM) the cases past the 48-hour feedback deadline — with the true counts even
// when only the first rows are sent.
import { beforeAll, expect, it } from 'vitest';
import { openContractCase } from '../../src/contracts/case-repository.js';
import { workbenchFor } from '../../src/contracts/workbench.js';
import { describeEachDatabase } from '../support/databases.js';
import { at, contextFor, Driver, manualOrder, PEOPLE, ROUTED, seedPeople } from './support.js';

const user = (p: { userId: string; department: string }, deputyFor: string | null = null) =>
  ({ id: p.userId, department: p.department, deputyFor }) as Parameters<typeof workbenchFor>[1];

describeEachDatabase('workbench', (tdb) => {
  const db = () => tdb.store().db;
  const numbers: string[] = [];

  beforeAll(async () => {
    await seedPeople(db());
    for (let i = 0; i < 3; i++) {
      const ctx = await contextFor(db(), i);
      const opened = await openContractCase(
        db(),
        manualOrder('regular', ROUTED, { receivedAt: at(i).toISOString() }),
        ctx,
      );
      const driver = new Driver(db(), opened.contractId, ctx.config);
      await driver.confirmAll(opened.state, i + 0.5);
      numbers.push(opened.number);
    }
    // Technical signs the second case; its other sign-offs stay open.
    const ctx = await contextFor(db(), 3);
    const id = (
      await db()
        .selectFrom('contracts')
        .select('id')
        .where('number', '=', numbers[1]!)
        .executeTakeFirstOrThrow()
    ).id;
    const driver = new Driver(db(), id, ctx.config);
    const { loadCase } = await import('../../src/contracts/case-repository.js');
    await driver.sign((await loadCase(db(), id)).state, PEOPLE.technical, 'technical', 3);
  });

  it('lists the sign-offs waiting for my department, oldest first, with the total', async () => {
    const config = (await contextFor(db(), 4)).config;
    const tech = await workbenchFor(db(), user(PEOPLE.technical), at(4), config);
    expect(tech.myOpenReviews.map((r) => r.number)).toEqual([numbers[0], numbers[2]]);
    expect(tech.myOpenReviewsTotal).toBe(2);
    expect(tech.myOpenReviews[0]).toMatchObject({ department: 'technical', overdue: false });

    const firstOnly = await workbenchFor(db(), user(PEOPLE.production), at(4), config, 1);
    expect(firstOnly.myOpenReviews.map((r) => r.number)).toEqual([numbers[0]]);
    expect(firstOnly.myOpenReviewsTotal).toBe(3);

    // A deputy sees the department they stand in for as well as their own (quality and production, three cases each).
    const deputy = await workbenchFor(db(), user(PEOPLE.qualityDeputy, 'production'), at(4), config);
    expect(deputy.myOpenReviewsTotal).toBe(6);
    expect((await workbenchFor(db(), user(PEOPLE.finance), at(4), config)).myOpenReviewsTotal).toBe(0);
  });

  it('shows the owner and the GM what is past the 48-hour deadline, and no one else', async () => {
    const config = (await contextFor(db(), 60)).config;
    const owner = await workbenchFor(db(), user(PEOPLE.sales), at(48.5), config);
    expect(owner.overdue.map((r) => r.number)).toEqual([numbers[0]]);
    expect(owner.overdueTotal).toBe(1);
    const gm = await workbenchFor(db(), user(PEOPLE.gm), at(60), config, 2);
    expect(gm.overdue.map((r) => r.number)).toEqual([numbers[0], numbers[1]]);
    expect(gm.overdueTotal).toBe(3);
    expect((await workbenchFor(db(), user(PEOPLE.salesManager), at(60), config)).overdueTotal).toBe(0);
  });
});
