import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DeliverySignals, NO_SIGNALS } from './delivery.js';
import { decideDeliveryDate } from './delivery-scorer.js';
import { trainDeliveryScorer } from './delivery-training.js';

const quiet: DeliverySignals = { ...NO_SIGNALS, cueInClause: true, strong: true };
const day = (date: string, signals: Partial<DeliverySignals> = {}) => ({
  date,
  signals: { ...quiet, ...signals },
});
const settings = { threshold: 0.4, override: 0.6, keep: 0.05 };

describe('deciding the delivery date from the scores', () => {
  it('takes the most probable day when the rules have none, if probable enough', () => {
    const days = [day('2026-05-01'), day('2026-05-20')];
    expect(decideDeliveryDate(settings, days, [0.2, 0.7], null)?.candidate.date).toBe('2026-05-20');
    expect(decideDeliveryDate(settings, days, [0.2, 0.3], null)).toBeNull();
  });

  it("keeps the rules' day unless another is clearly more probable or it is improbable", () => {
    const days = [day('2026-05-01'), day('2026-05-20')];
    expect(decideDeliveryDate(settings, days, [0.3, 0.5], days[0]!)?.candidate.date).toBe('2026-05-01');
    expect(decideDeliveryDate(settings, days, [0.3, 0.8], days[0]!)?.candidate.date).toBe('2026-05-20');
    expect(decideDeliveryDate(settings, days, [0.01, 0.2], days[0]!)).toBeNull();
  });

  it('never takes a day the grammar rules out, however the wording scores', () => {
    const days = [day('2026-05-01', { paymentSentence: true }), day('2026-05-20', { changedFrom: true })];
    expect(decideDeliveryDate(settings, days, [0.99, 0.98], null)).toBeNull();
  });

  it('gives a tie to the later day: the last of several batches', () => {
    const days = [day('2026-05-01'), day('2026-05-20')];
    expect(decideDeliveryDate(settings, days, [0.7, 0.7], null)?.candidate.date).toBe('2026-05-20');
  });
});

describe('training the delivery scorer', () => {
  const corpus = readFileSync(
    new URL('../../../test/fixtures/dev-corpus/corpus.jsonl', import.meta.url),
    'utf8',
  )
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(
      (l) =>
        JSON.parse(l) as {
          id: string;
          text: string;
          ref_date: string;
          gold: { delivery_date: string | null };
        },
    );
  const cases = corpus.map((c, i) => ({
    text: c.text,
    refDate: c.ref_date,
    gold: c.gold.delivery_date,
    group: `g${i % 4}`,
  }));

  it('is deterministic and reports its cross-validated accuracy beside the rules', () => {
    const a = trainDeliveryScorer(cases, () => 'order');
    const b = trainDeliveryScorer(cases, () => 'order');
    expect(a.scorer.model.weights).toEqual(b.scorer.model.weights);
    expect(a.crossValidated.cases).toBe(corpus.length);
    expect(a.crossValidated.rules).toBeGreaterThan(0.5);
    expect(a.crossValidated.scorer).toBeGreaterThan(0.9);
  });
});
