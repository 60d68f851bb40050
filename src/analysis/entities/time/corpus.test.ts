import { describe, expect, it } from 'vitest';
import { findDates } from '../business-dates.js';
import { extractDuckling } from '../duckling.js';
import { BUSINESS, DUCKLING, DUCKLING_REF, REF_DAY } from './corpus.js';

/** Duckling's printed wall-clock time without the fixed −02:00 offset of its reference zone. */
const wall = (iso: unknown) => String(iso).replace(/\.000-02:00$/, '');

describe('time corpus, business reading', () => {
  for (const line of BUSINESS) {
    it(`${line.family}: ${line.text}`, () => {
      const got = findDates(line.text, { date: line.ref ?? REF_DAY }).map((d) => ({
        text: d.text,
        date: d.date,
        kind: d.kind,
        ...(d.endDate ? { endDate: d.endDate } : {}),
      }));
      expect(got).toEqual(line.dates);
    });
  }
});

describe('time corpus, Duckling reading', () => {
  const refTime = Date.parse(DUCKLING_REF);
  for (const line of DUCKLING) {
    it(`${line.family}: ${line.text}${line.locale ? ` [${line.locale}]` : ''}`, () => {
      const got = extractDuckling(line.text, {
        refTime,
        tzOffsetMinutes: -120,
        dims: ['time'],
        ...(line.locale ? { locale: line.locale } : {}),
      }).map((e) => {
        // biome-ignore lint/suspicious/noExplicitAny: Duckling values are untyped JSON
        const v = e.value as Record<string, any>;
        const when =
          v.type === 'value'
            ? { value: wall(v.value), grain: v.grain }
            : { from: wall(v.from.value), to: wall(v.to.value), grain: v.from.grain };
        return { body: e.body, ...when, ...(v.holidayBeta ? { holiday: v.holidayBeta } : {}) };
      });
      expect(got).toEqual(line.found);
    });
  }
});
