import { describe, expect, it } from 'vitest';
import { TERMS } from '../../test/review/fixtures.js';
import {
  affectedDepartments,
  departmentsToReReview,
  diffTerms,
  isRecordableChange,
} from './amendment-diff.js';
import { generateChecklist } from './checklists.js';
import type { ContractTerms } from './types.js';

const base: ContractTerms = {
  ...structuredClone(TERMS),
  requirements: [
    { id: 'R1', text: '孔径公差±0.02mm', category: 'technical', kind: 'explicit', special: true },
    { id: 'R2', text: '每批提供材质证明', category: 'quality', kind: 'explicit', special: false },
  ],
};
const changed = (f: (t: ContractTerms) => void): ContractTerms => {
  const t = structuredClone(base);
  f(t);
  return t;
};

describe('field-level diff', () => {
  it.each([
    [
      'price',
      (t: ContractTerms) => {
        t.items[0]!.unitPrice!.amount = 1;
      },
      ['finance', 'sales'],
    ],
    [
      'quantity',
      (t: ContractTerms) => {
        t.items[0]!.quantity = { value: 20, unit: 't' };
      },
      ['production', 'purchasing'],
    ],
    [
      'date',
      (t: ContractTerms) => {
        t.delivery.date = '2027-01-05';
      },
      ['production'],
    ],
    [
      'material',
      (t: ContractTerms) => {
        t.items[1]!.material = '7075-T6';
      },
      ['purchasing', 'quality', 'technical'],
    ],
    [
      'tolerance',
      (t: ContractTerms) => {
        t.items[1]!.tolerance = '±0.02';
      },
      ['purchasing', 'quality', 'technical'],
    ],
    [
      'drawing',
      (t: ContractTerms) => {
        t.items[1]!.drawing = { number: 'DWG-2002', revision: 'C' };
      },
      ['purchasing', 'quality', 'technical'],
    ],
    [
      'packaging',
      (t: ContractTerms) => {
        t.items[0]!.packaging = '铁架';
      },
      ['production', 'quality'],
    ],
    [
      'payment',
      (t: ContractTerms) => {
        t.paymentTerms = '款到发货';
      },
      ['finance', 'sales'],
    ],
  ] as const)('%s change → affected departments', (_name, edit, departments) => {
    const changes = diffTerms(base, changed(edit));
    expect(changes).toHaveLength(1);
    expect(affectedDepartments(changes).sort()).toEqual([...departments].sort());
  });

  it('matches lines by number and reports added and removed lines', () => {
    const t = changed((x) => {
      x.items = [x.items[1]!, { ...x.items[0]!, line: 3 }];
    });
    const changes = diffTerms(base, t);
    expect(changes.map((c) => [c.path, c.field])).toEqual([
      ['items[line=1]', 'line_removed'],
      ['items[line=3]', 'line_added'],
    ]);
  });

  it('reports requirement edits with the departments of the requirement', () => {
    const changes = diffTerms(
      base,
      changed((t) => {
        t.requirements[1]!.text = '每批提供3.1证书';
      }),
    );
    expect(changes).toMatchObject([
      { path: 'requirements[R2]', field: 'requirement', departments: ['quality'] },
    ]);
  });

  it('same content is no change; reordering is no change', () => {
    expect(
      diffTerms(
        base,
        changed((t) => t.items.reverse()),
      ),
    ).toEqual([]);
  });

  it('a change record is only for date and quantity', () => {
    expect(
      isRecordableChange(
        diffTerms(
          base,
          changed((t) => {
            t.delivery.date = '2027-01-05';
          }),
        ),
      ),
    ).toBe(true);
    expect(
      isRecordableChange(
        diffTerms(
          base,
          changed((t) => {
            t.paymentTerms = 'x';
          }),
        ),
      ),
    ).toBe(false);
    expect(isRecordableChange([])).toBe(false);
  });

  it('re-review is limited to the departments taking part in the case', () => {
    const changes = diffTerms(
      base,
      changed((t) => {
        t.items[0]!.unitPrice!.amount = 1;
      }),
    );
    expect(departmentsToReReview('change_clause', changes, ['sales', 'technical'])).toEqual(['sales']);
    expect(departmentsToReReview('change_record', changes, ['sales', 'technical'])).toEqual([]);
    expect(departmentsToReReview('void_resign', changes, ['sales', 'technical'])).toEqual([
      'sales',
      'technical',
    ]);
  });
});

describe('checklists', () => {
  it('give each department its scope and the requirements in its remit, bilingual', () => {
    const tech = generateChecklist('technical', base);
    expect(tech.map((c) => c.id)).toEqual([
      'scope:feasibility',
      'scope:drawings',
      'scope:special-characteristics',
      'scope:risk',
      'req:R1',
    ]);
    expect(tech.at(-1)!.topic.zh).toContain('特殊特性');
    const quality = generateChecklist('quality', base).map((c) => c.id);
    // A special characteristic is verified by quality as well.
    expect(quality).toEqual(expect.arrayContaining(['req:R1', 'req:R2']));
    expect(generateChecklist('finance', base).every((c) => c.topic.zh && c.topic.en)).toBe(true);
  });
});
