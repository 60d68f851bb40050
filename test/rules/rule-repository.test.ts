// Stored rules on both databases: defaults seeded once, every save versioned and audited, restore,
// validation that rejects with every problem and writes nothing, and classification that follows
// the stored rules without a restart.
import { describe, expect, it } from 'vitest';
import { createCsrEntry, findCustomerByName } from '../../src/customers/customer-repository.js';
import { defaultRules } from '../../src/rules/default-rules.js';
import {
  activeRuleSet,
  createRule,
  getRule,
  getRuleVersion,
  listRules,
  listRuleVersions,
  restoreRuleVersion,
  setRuleEnabled,
  updateRule,
} from '../../src/rules/rule-repository.js';
import { analyzeAndClassify, analyzeWithStore } from '../../src/rules/store-classification.js';
import { RuleSetInvalidError } from '../../src/rules/validate.js';
import { auditTrail } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { corpusCase, seedCorpusMasterData } from './store-support.js';

const quality = { id: 'system:test-quality', department: 'quality' };
const LARGE = 'special.large_urgent_order';

async function rejected(p: Promise<unknown>): Promise<RuleSetInvalidError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RuleSetInvalidError);
  return err as RuleSetInvalidError;
}

describeEachDatabase('rule repository', (tdb) => {
  describe('classification from the database', () => {
    it('uses the shipped defaults before any rule is stored, without writing', async () => {
      const store = tdb.store();
      await seedCorpusMasterData(store);
      const c = corpusCase('d003');
      const result = await analyzeAndClassify(store, {
        text: c.text,
        refDate: c.ref_date,
        channel: c.channel,
      });
      expect(result.contract.class).toBe('special');
      expect(result.contract.reasons.map((r) => r.code)).toContain('large_urgent_order');
      expect(result.contract.totalWeightTonnes).toBeGreaterThanOrEqual(100);
      const rows = await store.db.selectFrom('rules').select('id').execute();
      expect(rows).toHaveLength(0);
    });

    it('classifies a plain repeat order of a known customer as regular', async () => {
      const c = corpusCase('d001');
      const result = await analyzeAndClassify(tdb.store(), {
        text: c.text,
        refDate: c.ref_date,
        channel: c.channel,
      });
      expect(result.contract.class).toBe('regular');
      expect(result.contract.reasons).toEqual([]);
    });

    it('attaches the customer CSR entries that apply and lets a special one make the order special', async () => {
      const store = tdb.store();
      const customer = await findCustomerByName(store.db, '江苏恒驰汽车零部件有限公司');
      expect(customer).not.toBeNull();
      const entry = await createCsrEntry(store.db, quality, customer!.id, {
        sourceDocument: 'HC-CSR-2025',
        clause: '4.2',
        text: '所有批次须100%全检并附全检记录',
        category: 'quality',
        appliesTo: null,
        department: 'quality',
        effectiveFrom: '2025-01-01',
        effectiveTo: null,
      });
      const c = corpusCase('d001');
      const out = await analyzeWithStore(store, { text: c.text, refDate: c.ref_date, channel: c.channel });
      expect(out.customerId).toBe(customer!.id);
      expect(out.applicableCsr.map((e) => e.id)).toEqual([entry.id]);
      expect(out.result.contract.class).toBe('special');
      expect(out.result.contract.reasons.map((r) => r.code)).toEqual(['customer_special_requirement']);
      await store.db.deleteFrom('csr_entries').where('id', '=', entry.id).execute();
    });
  });

  describe('versioned rules', () => {
    it('seeds the default rule set on first use, once, as version 1 of each rule', async () => {
      const store = tdb.store();
      const [a, b] = await Promise.all([listRules(store.db), listRules(store.db)]);
      expect(a.map((r) => r.id).sort()).toEqual(defaultRules.rules.map((r) => r.id).sort());
      expect(b).toHaveLength(a.length);
      expect(a.every((r) => r.version === 1 && r.enabled)).toBe(true);
      const versions = await listRuleVersions(store.db, LARGE);
      expect(versions).toHaveLength(1);
      expect(versions[0]!.author).toBe('system:server');
    });

    it('saves an edit as a new version with author, note and audit entry, and the next analysis uses it', async () => {
      const store = tdb.store();
      const before = await getRule(store.db, LARGE);
      const def = structuredClone(before!.definition);
      // Raise the weight threshold above the d003 order: it is no longer a large urgent order.
      (def.conditions as { all: { fact?: string; value?: unknown }[] }).all[1]!.value = 100_000;
      const saved = await updateRule(store.db, quality, LARGE, def, {
        changeNote: '阈值调高 / raise threshold',
      });
      expect(saved.version).toBe(2);
      const versions = await listRuleVersions(store.db, LARGE);
      expect(versions.map((v) => v.version)).toEqual([2, 1]);
      expect(versions[0]).toMatchObject({
        author: quality.id,
        authorDepartment: 'quality',
        changeNote: '阈值调高 / raise threshold',
      });
      const c = corpusCase('d003');
      const result = await analyzeAndClassify(store, {
        text: c.text,
        refDate: c.ref_date,
        channel: c.channel,
      });
      expect(result.contract.reasons.map((r) => r.code)).not.toContain('large_urgent_order');
      const trail = await auditTrail(store.db, { entityType: 'rule', entityId: LARGE });
      expect(trail.at(-1)).toMatchObject({ action: 'rule.updated', actorId: quality.id });
    });

    it('shows any earlier version and restores it as a new version', async () => {
      const store = tdb.store();
      const v1 = await getRuleVersion(store.db, LARGE, 1);
      expect(v1?.definition).toEqual(defaultRules.rules.find((r) => r.id === LARGE));
      const restored = await restoreRuleVersion(store.db, quality, LARGE, 1);
      expect(restored.version).toBe(3);
      expect(restored.definition).toEqual(v1!.definition);
      const versions = await listRuleVersions(store.db, LARGE);
      expect(versions[0]!.changeNote).toContain('1');
      const c = corpusCase('d003');
      const result = await analyzeAndClassify(store, {
        text: c.text,
        refDate: c.ref_date,
        channel: c.channel,
      });
      expect(result.contract.reasons.map((r) => r.code)).toContain('large_urgent_order');
      const trail = await auditTrail(store.db, { entityType: 'rule', entityId: LARGE });
      expect(trail.at(-1)?.action).toBe('rule.restored');
      await expect(restoreRuleVersion(store.db, quality, LARGE, 99)).rejects.toThrow(/not found/);
    });

    it('disabling is a version too, and a disabled rule no longer fires', async () => {
      const store = tdb.store();
      const off = await setRuleEnabled(store.db, quality, LARGE, false);
      expect(off).toMatchObject({ enabled: false, version: 4 });
      const set = await activeRuleSet(store.db);
      expect(set.rules.find((r) => r.id === LARGE)?.enabled).toBe(false);
      const c = corpusCase('d003');
      const result = await analyzeAndClassify(store, {
        text: c.text,
        refDate: c.ref_date,
        channel: c.channel,
      });
      expect(result.contract.reasons.map((r) => r.code)).not.toContain('large_urgent_order');
      const on = await setRuleEnabled(store.db, quality, LARGE, true);
      expect(on).toMatchObject({ enabled: true, version: 5 });
    });

    it('rejects an invalid rule with every problem and writes nothing', async () => {
      const store = tdb.store();
      const auditBefore = (await auditTrail(store.db, { entityType: 'rule' })).length;
      const bad = structuredClone((await getRule(store.db, LARGE))!.definition) as unknown as {
        conditions: { all: Record<string, unknown>[] };
        event: { params: Record<string, unknown> };
      };
      bad.conditions.all[1] = { fact: 'totalWeightKilos', operator: 'greaterThanInclusive', value: 100 };
      bad.conditions.all[2] = { fact: 'deliveryDays', operator: 'contains', value: 30 };
      bad.event.params.severity = 'urgent';
      const err = await rejected(updateRule(store.db, quality, LARGE, bad));
      expect(err.problems.map((p) => [p.path, p.code])).toEqual([
        ['conditions.all[1].fact', 'unknown_fact'],
        ['conditions.all[2].operator', 'operator_not_allowed'],
        ['event.params.severity', 'bad_event'],
      ]);
      expect((await getRule(store.db, LARGE))!.version).toBe(5);
      expect((await listRuleVersions(store.db, LARGE)).length).toBe(5);
      expect((await auditTrail(store.db, { entityType: 'rule' })).length).toBe(auditBefore);
    });

    it('creates a new rule, refuses a duplicate id and an id change on update', async () => {
      const store = tdb.store();
      const def = {
        id: 'special.huge_order',
        name: '超大订单',
        priority: 40,
        enabled: true,
        conditions: {
          all: [
            { condition: 'orderToReview' },
            { fact: 'totalWeightTonnes', operator: 'greaterThan', value: 500 },
          ],
        },
        event: {
          type: 'special',
          params: {
            code: 'huge_order',
            explanationTemplate: '总重 {{totalWeightTonnes}} 吨',
            severity: 'high',
          },
        },
      };
      const created = await createRule(store.db, quality, def, { changeNote: '新增' });
      expect(created).toMatchObject({ id: def.id, version: 1 });
      expect((await activeRuleSet(store.db)).rules.map((r) => r.id)).toContain(def.id);
      await expect(createRule(store.db, quality, def)).rejects.toThrow(/already exists/);
      const err = await rejected(updateRule(store.db, quality, def.id, { ...def, id: 'other' }));
      expect(err.problems[0]!.path).toBe('id');
      await expect(updateRule(store.db, quality, 'no.such.rule', def)).rejects.toThrow(/not found/);
    });
  });
});
