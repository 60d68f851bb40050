// Duckling's Chinese corpora (test/fixtures/duckling-zh, copied from Duckling 2c22658, BSD) through the
// product's Duckling-convention extractor, with Duckling's pass rule. A floor per dimension: a change that
// loses a case fails here, not only in `npm run bench:duckling`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type DucklingDim, extractDuckling } from '../../src/analysis/entities/duckling.js';
import {
  DUCKLING_FILES,
  DUCKLING_REFTIME,
  DUCKLING_REGIONS,
  readDucklingCases,
  runDucklingCases,
} from '../support/duckling-corpus.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/duckling-zh');
const refTime = Date.parse(DUCKLING_REFTIME);

const extract = (text: string, dim: DucklingDim, locale?: string) =>
  extractDuckling(text, { refTime, tzOffsetMinutes: -120, dims: [dim], ...(locale ? { locale } : {}) });

// Share of each corpus that passes today (every case). Raise, never lower.
const FLOOR: Record<string, number> = {
  time: 1,
  numeral: 1,
  ordinal: 1,
  'amount-of-money': 1,
  quantity: 1,
  duration: 1,
  distance: 1,
  temperature: 1,
  volume: 1,
  'time under zh_CN/HK/MO/TW': 1,
};

describe("Duckling's ZH corpora", () => {
  for (const { file, dim, key } of DUCKLING_FILES) {
    it(`${key}: at least ${FLOOR[key]! * 100} % of ${file} passes`, () => {
      const cases = readDucklingCases(dir, file);
      expect(cases.length).toBeGreaterThan(0);
      const run = runDucklingCases(dim, cases, extract);
      // The message lists the failures, so a drop names the wordings it lost.
      expect(run.pass / run.total, run.failures.slice(0, 30).join('\n')).toBeGreaterThanOrEqual(FLOOR[key]!);
    });
  }
  it('time: the cases without a locale pass under each regional locale too', () => {
    const cases = readDucklingCases(dir, 'time.json').filter((c) => !c.locale);
    let pass = 0;
    let total = 0;
    const failures: string[] = [];
    for (const locale of DUCKLING_REGIONS) {
      const run = runDucklingCases('time', cases, extract, locale);
      pass += run.pass;
      total += run.total;
      failures.push(...run.failures);
    }
    expect(total).toBe(cases.length * DUCKLING_REGIONS.length);
    expect(pass / total, failures.slice(0, 30).join('\n')).toBeGreaterThanOrEqual(
      FLOOR['time under zh_CN/HK/MO/TW']!,
    );
  });
});
