// A phase of the analysis that throws (here: a catalogue entry without a name, as a damaged import
// could leave) costs only its own part of the result, and says so on the result instead of failing
// silently.
import { describe, expect, it } from 'vitest';
import { analyze, analyzeMany } from '../../src/analysis/index.js';
import type { Product } from '../../src/catalog/product.js';

const broken = [{ code: 'AL-1', name: null, model: null } as unknown as Product];
const TEXT = '转向节HR-ZXJ-6082-01 3000件，下周五交到常州。';

describe('a failing analysis phase', () => {
  it('is named on the result with where it failed, and the other fields are still read', () => {
    const r = analyze(TEXT, { refDate: '2026-05-10', catalog: broken });
    expect(r.failures).toEqual([
      expect.objectContaining({
        phase: expect.stringMatching(/^\d+\/\d+$/),
        at: expect.stringContaining('catalog'),
      }),
    ]);
    expect(r.intent.label).toBe('order');
    expect(r.delivery.date).toBe('2026-05-15');
  });

  it('is kept per message in a batch', () => {
    const [bad, good] = analyzeMany([
      { text: TEXT, options: { refDate: '2026-05-10', catalog: broken } },
      { text: TEXT, options: { refDate: '2026-05-10' } },
    ]);
    expect(bad!.failures?.length).toBeGreaterThan(0);
    expect(good!.failures).toBeUndefined();
  });

  it('is absent when nothing failed', () => {
    expect(analyze(TEXT, { refDate: '2026-05-10' })).not.toHaveProperty('failures');
  });
});
