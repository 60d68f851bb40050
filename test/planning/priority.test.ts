// The priority rule at its boundaries, as a case table: what a reviewer's ratings give, and what a
// requirement starts with before anyone rates it.
import { describe, expect, it } from 'vitest';
import { type Assessment, defaultAssessment, requirementPriority } from '../../src/planning/priority.js';

describe('requirement priority', () => {
  it.each([
    [{ urgency: 2, importance: 2, cost: 2 }, 6, 'normal'],
    [{ urgency: 3, importance: 2, cost: 2 }, 8, 'high'],
    [{ urgency: 2, importance: 2, cost: 3 }, 5, 'normal'],
    [{ urgency: 1, importance: 2, cost: 2 }, 4, 'low'],
    [{ urgency: 3, importance: 3, cost: 3 }, 9, 'high'],
    [{ urgency: 1, importance: 1, cost: 1 }, 3, 'low'],
  ] as [Assessment, number, string][])('%o scores %i (%s)', (rated, score, priority) => {
    const p = requirementPriority(
      { category: 'service', kind: 'explicit', special: false, priority: 'normal' },
      rated,
    );
    expect(p).toMatchObject({ score, priority, source: 'reviewer' });
  });

  it('derives the ratings from what the requirement says until someone rates it', () => {
    expect(
      defaultAssessment({ category: 'packaging', kind: 'explicit', special: false, priority: 'low' }),
    ).toEqual({
      urgency: 1,
      importance: 1,
      cost: 1,
    });
    // A special characteristic matters and costs, whatever its category.
    expect(
      defaultAssessment({ category: 'packaging', kind: 'explicit', special: true, priority: 'normal' }),
    ).toEqual({
      urgency: 2,
      importance: 3,
      cost: 3,
    });
    expect(
      requirementPriority(
        { category: 'documentation', kind: 'statutory', special: false, priority: 'high' },
        null,
      ),
    ).toMatchObject({ urgency: 3, importance: 3, cost: 1, score: 11, priority: 'high', source: 'default' });
  });
});
