// Properties that must hold for any input: analyze() never throws, every span slices back to its text
// in the original, and the result always validates against the published schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnalysisResult, analysisResultSchema, analyze } from '../../src/analysis/index.js';
import * as M from './messages.js';

const opts = {
  refDate: '2026-11-20',
  catalog: M.catalog,
  customers: M.customers,
  ownCompanyNames: M.ownCompanyNames,
};

function spansHold(text: string, r: AnalysisResult): boolean {
  const ok = (start: number, end: number) => start >= 0 && end >= start && end <= text.length;
  return (
    r.entities.every((e) => ok(e.start, e.end) && text.slice(e.start, e.end) === e.text) &&
    r.requirements.every(
      (q) => ok(q.span.start, q.span.end) && text.slice(q.span.start, q.span.end) === q.text,
    ) &&
    r.items.every((i) => ok(i.span.start, i.span.end) && text.slice(i.span.start, i.span.end) === i.product)
  );
}

const fragments = [
  M.poEmail,
  M.wechatChat,
  M.phoneTranscript,
  M.englishRfq,
  M.traditionalInquiry,
  M.complaint,
  M.newPartSample,
  '４５２０　５０００支，單價￥１８６．００含稅',
  'BT零二 一千二百支 下周五前送到',
  '±0.05mm Ra0.8 HRC58-62 GB/T 6892-2023 ISO 9001:2015',
  '\u0000\u0001\u200b\ud800\udfff\ud83d',
  '😡👍🙏',
];

// Realistic pieces glued with arbitrary text, so that random input reaches the deeper extractors.
const messageLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(...fragments),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ maxLength: 40 }),
    ),
    {
      maxLength: 6,
    },
  )
  .map((parts) => parts.join(''));

describe('analyze — properties', () => {
  it('never throws, keeps spans exact and validates, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), messageLike), (text) => {
        const r = analyze(text, opts);
        expect(analysisResultSchema.safeParse(r).success).toBe(true);
        expect(spansHold(text, r)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('handles the edge strings: empty, control characters, lone surrogates, emoji', () => {
    for (const text of [
      '',
      ' ',
      '\n\n',
      '\u0000'.repeat(50),
      '\ud800',
      '\udc00abc',
      '🙏'.repeat(100),
      '，。；'.repeat(30),
    ]) {
      const r = analyze(text, opts);
      expect(analysisResultSchema.safeParse(r).success).toBe(true);
      expect(spansHold(text, r)).toBe(true);
    }
  });

  it('handles a 1 MB message', () => {
    const big = `${M.poEmail}\n`.repeat(Math.ceil(1_000_000 / (M.poEmail.length + 1))).slice(0, 1_000_000);
    const r = analyze(big, opts);
    expect(analysisResultSchema.safeParse(r).success).toBe(true);
    expect(spansHold(big, r)).toBe(true);
    expect(r.items.length).toBeGreaterThan(0);
  });
});
