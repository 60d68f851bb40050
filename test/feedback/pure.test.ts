// The pure core of the customer side: cause classification, the 8D flow, KPIs (zero-safe),
// satisfaction normalisation and the capability score.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CapabilityFacts,
  type ContractEvidence,
  checkTransition,
  classifyCause,
  computeKpis,
  evaluateCapability,
  feedbackCompliance,
  gradeOf,
  leadTimeScore,
  onTimeActionClosure,
  satisfactionTrend,
  sentimentTrend,
  surveyIndex,
} from '../../src/feedback/index.js';

const none = {
  containment: null,
  rootCause: null,
  rootCauseType: null,
  correctiveAction: null,
  verification: null,
};

describe('complaint cause', () => {
  it('names the cause and the words that decided it', () => {
    const r = classifyCause('这批货又延期了三天，导致我们停线', ['delivery']);
    expect(r.cause).toBe('delivery');
    expect(r.explanation).toContain('延期');
    expect(r.explanation).toContain('停线');
  });
  it('lets categories and cue words outvote a single other category', () => {
    const r = classifyCause('包装破损，纸箱压坏了，请补发质检报告', ['packaging', 'documentation']);
    expect(r.cause).toBe('packaging');
    expect(r.votes.map((v) => v.cause)).toContain('documentation');
  });
  it('asks for a manual cause when nothing points anywhere', () => {
    const r = classifyCause('请回电', []);
    expect(r.cause).toBeNull();
    expect(r.explanation).toContain('人工指定');
  });
});

describe('8D status flow', () => {
  it('needs containment to start the investigation and verification to close', () => {
    expect(checkTransition('complaint', 'open', 'investigating', none).problems.map((p) => p.field)).toEqual([
      'containment',
    ]);
    const withRoot = {
      ...none,
      containment: '隔离库存',
      rootCause: '夹具磨损',
      rootCauseType: 'process' as const,
      correctiveAction: '更换夹具',
    };
    expect(checkTransition('complaint', 'investigating', 'action', withRoot).ok).toBe(true);
    expect(checkTransition('complaint', 'action', 'closed', withRoot).problems[0]!.field).toBe(
      'verification',
    );
  });
  it('refuses to skip steps for complaints but closes praise directly', () => {
    expect(
      checkTransition('complaint', 'open', 'closed', { ...none, verification: 'x' }).problems[0]!.field,
    ).toBe('status');
    expect(checkTransition('feedback', 'open', 'closed', none).ok).toBe(true);
  });
});

describe('KPIs', () => {
  const now = new Date('2026-04-01T00:00:00Z');
  it('are null, not zero or NaN, without data', () => {
    const r = computeKpis(
      { feedback: [], actions: [], contracts: [], surveys: [] },
      { from: '2026-01-01T00:00:00Z', to: '2026-03-31T23:59:59Z' },
      now,
    );
    expect(r.complaintRatePer100Contracts).toBeNull();
    expect(r.meanDaysToClose).toBeNull();
    expect(r.actionClosure.rate).toBeNull();
    expect(r.satisfactionIndex).toBeNull();
    expect(r.feedback48h.rate).toBeNull();
  });
  it('counts a late or missing 48-hour answer as non-compliant', () => {
    const r = feedbackCompliance(
      [
        {
          receivedAt: '2026-03-01T00:00:00Z',
          feedbackDueAt: '2026-03-03T00:00:00Z',
          feedbackSentAt: '2026-03-02T00:00:00Z',
          feedbackCompliant: null,
        },
        {
          receivedAt: '2026-03-01T00:00:00Z',
          feedbackDueAt: '2026-03-03T00:00:00Z',
          feedbackSentAt: null,
          feedbackCompliant: null,
        },
        {
          receivedAt: '2026-03-01T00:00:00Z',
          feedbackDueAt: '2026-05-03T00:00:00Z',
          feedbackSentAt: null,
          feedbackCompliant: null,
        },
        {
          receivedAt: '2026-03-01T00:00:00Z',
          feedbackDueAt: null,
          feedbackSentAt: null,
          feedbackCompliant: true,
        },
      ],
      now,
    );
    expect(r).toEqual({ due: 3, compliant: 2, rate: 66.7 });
  });
  it('judges on-time closure by the Shanghai day', () => {
    const r = onTimeActionClosure([
      { status: 'closed', dueDate: '2026-03-10', closedAt: '2026-03-10T15:00:00Z' }, // 23:00 Shanghai, same day
      { status: 'closed', dueDate: '2026-03-10', closedAt: '2026-03-10T16:30:00Z' }, // next day in Shanghai
    ]);
    expect(r).toEqual({ closed: 2, onTime: 1, rate: 50 });
  });
  it('keeps every rate within 0–100 for any rows (property)', () => {
    const instant = fc
      .integer({ min: Date.parse('2025-01-01'), max: Date.parse('2026-12-31') })
      .map((t) => new Date(t).toISOString());
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            status: fc.constantFrom('open', 'closed'),
            dueDate: fc.option(instant.map((s) => s.slice(0, 10))),
            closedAt: fc.option(instant),
          }),
        ),
        fc.array(
          fc.record({
            receivedAt: instant,
            feedbackDueAt: fc.option(instant),
            feedbackSentAt: fc.option(instant),
            feedbackCompliant: fc.option(fc.boolean()),
          }),
        ),
        (actions, contracts) => {
          for (const rate of [onTimeActionClosure(actions).rate, feedbackCompliance(contracts, now).rate]) {
            if (rate !== null) expect(rate >= 0 && rate <= 100).toBe(true);
          }
        },
      ),
    );
  });
  it('averages sentiment per customer and month', () => {
    const t = sentimentTrend([
      {
        customerId: 'c1',
        kind: 'complaint',
        cause: null,
        sentimentScore: -0.8,
        receivedAt: '2026-03-01T02:00:00Z',
        closedAt: null,
      },
      {
        customerId: 'c1',
        kind: 'feedback',
        cause: null,
        sentimentScore: 0.4,
        receivedAt: '2026-03-20T02:00:00Z',
        closedAt: null,
      },
      {
        customerId: 'c1',
        kind: 'feedback',
        cause: null,
        sentimentScore: 0.6,
        receivedAt: '2026-04-02T02:00:00Z',
        closedAt: null,
      },
    ]);
    expect(t).toEqual([
      { customerId: 'c1', month: '2026-03', count: 2, meanScore: -0.2 },
      { customerId: 'c1', month: '2026-04', count: 1, meanScore: 0.6 },
    ]);
  });
});

describe('satisfaction', () => {
  it('puts 1–5 and 0–100 answers on one scale and reports the change', () => {
    expect(
      surveyIndex({ customerId: 'c', period: '2026-Q1', scale: 5, scores: { quality: 5, delivery: 3 } }),
    ).toBe(75);
    const trend = satisfactionTrend([
      { customerId: 'c', period: '2026-Q1', scale: 5, scores: { quality: 5, delivery: 3 } },
      { customerId: 'c', period: '2026-Q2', scale: 100, scores: { quality: 90, delivery: 80 } },
    ]);
    expect(trend.map((p) => [p.period, p.index, p.change])).toEqual([
      ['2026-Q1', 75, null],
      ['2026-Q2', 85, 10],
    ]);
  });
});

describe('capability evaluation', () => {
  const contract = (over: Partial<ContractEvidence>): ContractEvidence => ({
    id: 'x',
    number: 'HT-1',
    customerId: 'c1',
    receivedAt: '2026-03-01T00:00:00Z',
    finalClass: 'regular',
    proposedClass: 'regular',
    requirementsConfirmedAt: '2026-03-01T02:00:00Z',
    firstReviewSignedAt: '2026-03-01T04:00:00Z',
    reviewCompletedAt: '2026-03-01T20:00:00Z',
    requirementCount: 5,
    requirementsChangedByAmendment: 0,
    ...over,
  });
  const facts = (over: Partial<CapabilityFacts> = {}): CapabilityFacts => ({
    contracts: [contract({})],
    complaintsWithRootCause: 0,
    complaintsRequirementNotIdentified: 0,
    activeCustomerIds: ['c1'],
    customersWithCsr: ['c1'],
    ...over,
  });
  it('grades a clean period A and a poor one lower, with Chinese findings', () => {
    const good = evaluateCapability(facts());
    expect(good.grade).toBe('A');
    const poor = evaluateCapability(
      facts({
        contracts: [
          contract({
            number: 'HT-2',
            requirementsConfirmedAt: null,
            proposedClass: 'special',
            requirementsChangedByAmendment: 3,
            reviewCompletedAt: '2026-03-05T00:00:00Z',
          }),
        ],
        customersWithCsr: [],
        complaintsWithRootCause: 2,
        complaintsRequirementNotIdentified: 2,
      }),
    );
    expect(poor.grade).toBe('D');
    const confirm = poor.findings.find((f) => f.indicator === 'confirmed_before_review')!;
    expect(confirm.severity).toBe('major');
    expect(confirm.text).toContain('HT-2');
    expect(confirm.suggestion).not.toBe('');
  });
  it('leaves indicators without data out of the score instead of failing them', () => {
    const r = evaluateCapability(facts({ contracts: [], activeCustomerIds: [] }));
    expect(r.score).toBeNull();
    expect(r.grade).toBeNull();
    expect(r.findings.every((f) => f.severity === 'no_data')).toBe(true);
    const onlyCsr = evaluateCapability(
      facts({ contracts: [], activeCustomerIds: ['a', 'b'], customersWithCsr: ['a'] }),
    );
    expect(onlyCsr.score).toBe(50);
  });
  it('maps scores to grades monotonically and lead time into 0–100 (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(gradeOf(lo) >= gradeOf(hi)).toBe(true);
        },
      ),
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10_000, noNaN: true }), (h) => {
        const s = leadTimeScore(h);
        expect(s >= 0 && s <= 100).toBe(true);
      }),
    );
  });
});
