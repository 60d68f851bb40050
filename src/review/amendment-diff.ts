// Field-level difference between two contract versions, and who must look at it again.
// Lines are matched by line number, requirements by id, so a reordering is not a change.

import { departmentsForRequirement } from './checklists.js';
import {
  type AmendmentKind,
  type ContractLine,
  type ContractTerms,
  REVIEWING_DEPARTMENTS,
  type ReviewingDepartment,
  type TermRequirement,
} from './types.js';

export const CHANGE_FIELDS = [
  'price',
  'quantity',
  'delivery_date',
  'delivery_place',
  'material',
  'tolerance',
  'drawing',
  'packaging',
  'payment',
  'product',
  'line_added',
  'line_removed',
  'requirement',
] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

export interface FieldChange {
  /** JSON-path-like location, e.g. `items[line=2].quantity`, `requirements[R3]`. */
  path: string;
  field: ChangeField;
  before: unknown;
  after: unknown;
  departments: ReviewingDepartment[];
}

const ALL: ReviewingDepartment[] = [...REVIEWING_DEPARTMENTS];

export function departmentsForField(field: Exclude<ChangeField, 'requirement'>): ReviewingDepartment[] {
  switch (field) {
    case 'price':
      return ['sales', 'finance'];
    case 'quantity':
      return ['production', 'purchasing'];
    case 'delivery_date':
      return ['production'];
    case 'delivery_place':
      return ['production', 'sales'];
    case 'material':
    case 'tolerance':
    case 'drawing':
      return ['technical', 'quality', 'purchasing'];
    case 'packaging':
      return ['quality', 'production'];
    case 'payment':
      return ['finance', 'sales'];
    case 'product':
    case 'line_added':
    case 'line_removed':
      return ALL;
    default:
      return assertNever(field);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const LINE_FIELDS: [keyof ContractLine, Exclude<ChangeField, 'requirement'>][] = [
  ['product', 'product'],
  ['catalogCode', 'product'],
  ['model', 'product'],
  ['quantity', 'quantity'],
  ['unitPrice', 'price'],
  ['material', 'material'],
  ['tolerance', 'tolerance'],
  ['drawing', 'drawing'],
  ['packaging', 'packaging'],
];

function reqContent(r: TermRequirement) {
  return { text: r.text, category: r.category, kind: r.kind, special: r.special };
}

export function diffTerms(before: ContractTerms, after: ContractTerms): FieldChange[] {
  const changes: FieldChange[] = [];
  const push = (path: string, field: Exclude<ChangeField, 'requirement'>, b: unknown, a: unknown) =>
    changes.push({ path, field, before: b, after: a, departments: departmentsForField(field) });

  const lines = new Set([...before.items.map((i) => i.line), ...after.items.map((i) => i.line)]);
  for (const line of [...lines].sort((a, b) => a - b)) {
    const b = before.items.find((i) => i.line === line);
    const a = after.items.find((i) => i.line === line);
    if (!b && a) push(`items[line=${line}]`, 'line_added', null, a);
    else if (b && !a) push(`items[line=${line}]`, 'line_removed', b, null);
    else if (a && b) {
      for (const [key, field] of LINE_FIELDS) {
        if (!same(b[key], a[key])) push(`items[line=${line}].${key}`, field, b[key], a[key]);
      }
    }
  }
  if (!same(before.delivery.date, after.delivery.date))
    push('delivery.date', 'delivery_date', before.delivery.date, after.delivery.date);
  if (
    !same(before.delivery.place, after.delivery.place) ||
    !same(before.delivery.terms, after.delivery.terms)
  )
    push(
      'delivery.place',
      'delivery_place',
      { place: before.delivery.place, terms: before.delivery.terms },
      { place: after.delivery.place, terms: after.delivery.terms },
    );
  if (!same(before.paymentTerms, after.paymentTerms))
    push('paymentTerms', 'payment', before.paymentTerms, after.paymentTerms);

  const ids = new Set([...before.requirements.map((r) => r.id), ...after.requirements.map((r) => r.id)]);
  for (const id of ids) {
    const b = before.requirements.find((r) => r.id === id);
    const a = after.requirements.find((r) => r.id === id);
    if (b && a && same(reqContent(b), reqContent(a))) continue;
    const departments = new Set<ReviewingDepartment>();
    for (const r of [b, a]) if (r) for (const d of departmentsForRequirement(r)) departments.add(d);
    changes.push({
      path: `requirements[${id}]`,
      field: 'requirement',
      before: b ? reqContent(b) : null,
      after: a ? reqContent(a) : null,
      departments: ALL.filter((d) => departments.has(d)),
    });
  }
  return changes;
}

export function affectedDepartments(changes: FieldChange[]): ReviewingDepartment[] {
  const set = new Set(changes.flatMap((c) => c.departments));
  return ALL.filter((d) => set.has(d));
}

/** A change record (变更记录) only covers a new date or quantity; anything else needs a clause change. */
const RECORDABLE: ReadonlySet<ChangeField> = new Set<ChangeField>(['delivery_date', 'quantity']);

export function isRecordableChange(changes: FieldChange[]): boolean {
  return changes.length > 0 && changes.every((c) => RECORDABLE.has(c.field));
}

/** Departments whose sign-off an amendment resets, among those that take part in the case. */
export function departmentsToReReview(
  kind: AmendmentKind,
  changes: FieldChange[],
  caseDepartments: readonly ReviewingDepartment[],
): ReviewingDepartment[] {
  switch (kind) {
    case 'void_resign':
      return [...caseDepartments];
    case 'change_clause': {
      const affected = affectedDepartments(changes);
      return caseDepartments.filter((d) => affected.includes(d));
    }
    case 'change_record':
      return [];
    default:
      return assertNever(kind);
  }
}
