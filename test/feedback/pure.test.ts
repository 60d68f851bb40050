// The pure core of the customer side: cause classification, the 8D flow, KPIs (zero-safe),
// satisfaction normalisation and the capability score.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CapabilityEvidence,
  type CapabilityFacts,
  type ContractFact,
  checkTransition,
  classifyCause,
  computeKpis,
  DEFAULT_CAPABILITY_SETTINGS,
  evaluateCapability,
  feedbackCompliance,
  gradeOf,
  MEASURES,
  type MeasureEvidence,
  measureEvidence,
  measureScore,
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

describe('capability evaluation on the five criteria', () => {
  const settings = DEFAULT_CAPABILITY_SETTINGS;
  const noData: MeasureEvidence = { value: null, numerator: 0, denominator: 0, examples: [] };
  const evidence = (given: Partial<CapabilityEvidence> = {}): CapabilityEvidence => ({
    ...(Object.fromEntries(MEASURES.map((m) => [m, noData])) as CapabilityEvidence),
    ...given,
  });
  const rate = (num: number, den: number, examples: string[] = []): MeasureEvidence => ({
    value: (num / den) * 100,
    numerator: num,
    denominator: den,
    examples,
  });

  it('shows a criterion with neither evidence nor a score as not evaluated, never full marks', () => {
    const r = evaluateCapability({ evidence: evidence(), assessment: {}, settings, people: 1 });
    expect(r.criteria.every((c) => c.status === 'not_evaluated' && c.score === null)).toBe(true);
    expect(r.score).toBeNull();
    expect(r.grade).toBeNull();
    expect(r.coverage).toBe(0);
    expect(r.findings.every((f) => f.severity === 'not_evaluated' && f.text.zh.includes('未评价'))).toBe(
      true,
    );
    expect(r.summary.zh).toContain('至少需要 4 项');
  });

  it('compares a stable rate with a stable-rate target and a repeat rate with a ceiling', () => {
    const r = evaluateCapability({
      evidence: evidence({
        requirements_stable: rate(3, 4, ['HT-2026-0002']),
        repeat_complaint_rate: rate(1, 5),
      }),
      assessment: {},
      settings,
      people: 1,
    });
    const stable = r.criteria[0]!.measures.find((m) => m.key === 'requirements_stable')!;
    // Three of four unchanged: 75 % stable against 90 % stable, 15 points short (not 25 % "changed").
    expect(stable).toMatchObject({ value: 75, target: 90, gap: -15, met: false, score: 75 });
    const repeats = r.criteria[3]!.measures.find((m) => m.key === 'repeat_complaint_rate')!;
    expect(repeats).toMatchObject({ value: 20, target: 10, gap: -10, met: false, score: 80 });
    expect(r.findings[0]!.text.zh).toContain('HT-2026-0002');
  });

  it('grades only when enough criteria are evaluated, over their weight, and says how much it rests on', () => {
    const assessed = {
      communication: { listening: 4, expressing: 4, questioning: 4 },
      knowledge: { industry: 5, product: 5, regulations: 5 },
      service: { responsiveness: 3, attitude: 3 },
    };
    const three = evaluateCapability({ evidence: evidence(), assessment: assessed, settings, people: 1 });
    expect(three.evaluatedCount).toBe(3);
    expect(three.score).toBeNull();
    expect(three.grade).toBeNull();
    expect(three.coverage).toBe(65);
    const four = evaluateCapability({
      evidence: evidence({ actions_closed_effective: rate(1, 2) }),
      assessment: assessed,
      settings,
      people: 1,
    });
    // (80·25 + 100·20 + 60·20 + 50·20) / 85: the missing innovation weight is named, not spread silently.
    expect(four.score).toBe(72.9);
    expect(four.grade).toBe('B');
    expect(four.coverage).toBe(85);
    expect(four.summary.zh).toContain('未评价：创新能力');
    expect(four.criteria[4]).toMatchObject({ status: 'not_evaluated', score: null, gap: null });
  });

  it('combines evidence with the assessor’s 1–5 scores by the evidence share', () => {
    const r = evaluateCapability({
      evidence: evidence({
        feedback_48h: rate(9, 10),
        satisfaction: { value: 70, numerator: 2, denominator: 2, examples: [] },
      }),
      assessment: { service: { responsiveness: 5, attitude: 4 } },
      settings,
      people: 1,
    });
    const service = r.criteria.find((c) => c.key === 'service')!;
    expect(service).toMatchObject({ basis: 'both', evidenceScore: 80, assessorScore: 90, score: 85, gap: 5 });
  });

  it('scores counts against the per-person target times the people in scope and hours against a ceiling', () => {
    const r = evaluateCapability({
      evidence: evidence({ improvement_proposals: { value: 3, numerator: 3, denominator: 3, examples: [] } }),
      assessment: {},
      settings,
      people: 3,
    });
    expect(r.criteria[4]!.measures[0]).toMatchObject({ target: 6, score: 50, gap: -3 });
    expect(measureScore('h', 'lower', 20, 24)).toBe(100);
    expect(measureScore('h', 'lower', 96, 24)).toBe(0);
    expect(measureScore('h', 'lower', 60, 24)).toBe(50);
  });

  it('computes the evidence from facts: confirmed requirements left alone, questions, implied found early', () => {
    const contract = (over: Partial<ContractFact>): ContractFact => ({
      id: 'k',
      number: 'HT-1',
      customerId: 'c1',
      receivedAt: '2026-03-01T00:00:00.000Z',
      feedbackDueAt: '2026-03-03T00:00:00.000Z',
      feedbackSentAt: '2026-03-02T00:00:00.000Z',
      feedbackCompliant: true,
      confirmedAt: '2026-03-01T02:00:00.000Z',
      firstSignedAt: '2026-03-01T05:00:00.000Z',
      requirements: [],
      amendedRequirementIds: [],
      questions: [],
      ...over,
    });
    const req = (id: string, kind: string, createdAt: string, updatedAt = createdAt) => ({
      id,
      kind,
      status: 'accepted',
      createdAt,
      updatedAt,
    });
    const facts: CapabilityFacts = {
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-31T15:59:59.999Z',
      contracts: [
        contract({
          requirements: [
            req('R1', 'explicit', '2026-03-01T00:00:00.000Z'),
            req('R2', 'implied', '2026-03-01T00:00:00.000Z', '2026-03-01T03:00:00.000Z'),
            req('R3', 'statutory', '2026-03-01T06:00:00.000Z'),
            req('R4', 'explicit', '2026-03-01T00:00:00.000Z'),
          ],
          amendedRequirementIds: ['R4'],
          questions: [
            { askedAt: '2026-03-01T01:00:00.000Z', answeredAt: '2026-03-01T10:00:00.000Z' },
            { askedAt: '2026-03-01T01:00:00.000Z', answeredAt: null },
          ],
        }),
      ],
      complaints: [],
      actions: [],
      surveys: [],
      newProducts: [],
    };
    const e = measureEvidence(facts, settings, new Date('2026-04-01T00:00:00Z'));
    expect(e.requirements_stable).toMatchObject({ numerator: 1, denominator: 4, value: 25 });
    expect(e.questions_answered_in_time).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(e.implicit_before_review).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(e.feedback_48h).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect(e.satisfaction.value).toBeNull();
    expect(e.complaint_response_hours.value).toBeNull();
    // The scope worked in the period, so no proposal is a zero, not "no data".
    expect(e.improvement_proposals).toMatchObject({ value: 0 });
    const idle = measureEvidence({ ...facts, contracts: [] }, settings, new Date('2026-04-01T00:00:00Z'));
    expect(idle.improvement_proposals.value).toBeNull();
  });

  it('maps scores to grades monotonically and measure scores into 0–100 (property)', () => {
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
      fc.property(
        fc.constantFrom('%' as const, 'h' as const, 'count' as const, 'index' as const),
        fc.constantFrom('higher' as const, 'lower' as const),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        fc.double({ min: 0.1, max: 1000, noNaN: true }),
        (unit, direction, value, target) => {
          const s = measureScore(
            unit,
            direction,
            unit === '%' || unit === 'index' ? value % 100 : value,
            target,
          );
          expect(s >= 0 && s <= 100).toBe(true);
        },
      ),
    );
  });
});
