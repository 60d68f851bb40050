// Runtime shape of review events, for adapters that receive them as JSON (HTTP, queue).
// The inferred type is checked against ReviewEvent below, so the two cannot drift apart.
import { z } from 'zod';
import { PRIORITIES, REQUIREMENT_CATEGORIES, REQUIREMENT_KINDS } from '../analysis/result.js';
import { DEPARTMENTS } from '../auth/roles.js';
import {
  day,
  instant,
  orderAmountsWithinLimit,
  price,
  quantity,
  requiredText,
  text,
} from '../shared/values.js';
import { AMENDMENT_KINDS, REVIEWING_DEPARTMENTS, type ReviewEvent, TEMPORARY_CHANNELS } from './types.js';

const department = z.enum(DEPARTMENTS);
const reviewing = z.enum(REVIEWING_DEPARTMENTS);
const outcome = z.enum(['can_meet', 'can_meet_with_conditions', 'cannot_meet']);
const actor = z.object({ userId: requiredText(100), department, deputyFor: department.optional() });
const base = { actor, expectedRevision: z.number().int().optional() };
const iso = instant;
// Bounds for what people write into a case: a line of text, a note, a long statement.
const SHORT = 200;
const NOTE = 4000;
const LONG = 20_000;
const id = text(100);
// Optional fields stay `string | null` (not undefined) so parsed terms match ContractTerms.
const nullable = (max: number) => text(max).nullable();

const line = z.object({
  line: z.number().int().min(0).max(100_000),
  product: text(SHORT),
  catalogCode: nullable(100),
  model: nullable(SHORT),
  quantity: z.object({ value: quantity, unit: nullable(20) }).nullable(),
  unitPrice: z
    .object({
      amount: price,
      currency: text(10),
      per: nullable(20),
      taxIncluded: z.boolean().nullable(),
      taxRate: z
        .number()
        .min(0)
        .max(100)
        .nullish()
        .describe('税率（%），订单写明时 / VAT rate in per cent, where the order states it'),
    })
    .nullable(),
  material: nullable(SHORT),
  tolerance: nullable(SHORT),
  drawing: z.object({ number: text(100), revision: nullable(20) }).nullable(),
  packaging: nullable(NOTE),
});

export const contractTermsSchema = z.object({
  items: z.array(line).max(1000).superRefine(orderAmountsWithinLimit),
  delivery: z.object({
    date: day.nullable(),
    place: nullable(SHORT),
    terms: nullable(NOTE),
  }),
  paymentTerms: nullable(NOTE),
  requirements: z.array(
    z.object({
      id,
      text: text(LONG),
      category: z.enum(REQUIREMENT_CATEGORIES),
      kind: z.enum(REQUIREMENT_KINDS),
      special: z.boolean(),
    }),
  ),
});

const reqFields = {
  category: z.enum(REQUIREMENT_CATEGORIES),
  kind: z.enum(REQUIREMENT_KINDS),
  special: z.boolean().optional(),
  priority: z.enum(PRIORITIES).optional(),
};

// A reason is optional in the schema: the workflow refuses a rejection without one with its own
// bilingual message (REJECTION_REASON_REQUIRED) rather than a schema error.
const editReason = text(NOTE).optional();

const edit = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), text: requiredText(LONG), ...reqFields, reason: editReason }),
  z.object({
    op: z.literal('edit'),
    requirementId: id,
    text: requiredText(LONG).optional(),
    category: reqFields.category.optional(),
    kind: reqFields.kind.optional(),
    special: z.boolean().optional(),
    priority: reqFields.priority,
    reason: editReason,
  }),
  z.object({ op: z.literal('accept'), requirementId: id }),
  z.object({ op: z.literal('reject'), requirementId: id, reason: editReason }),
  z.object({
    op: z.literal('merge'),
    requirementId: id,
    duplicateId: id,
    text: requiredText(LONG).optional(),
    reason: editReason,
  }),
]);

/** A temporary contract's basis: why it is temporary, who gave it, when and how (口头/电话/信函). */
export const temporaryBasisFields = {
  reason: requiredText(NOTE),
  statedBy: requiredText(SHORT),
  statedAt: iso,
  channel: z.enum(TEMPORARY_CHANNELS, {
    error: `下达方式只能是 口头(verbal)、电话(phone)、信函(letter) / channel must be one of ${TEMPORARY_CHANNELS.join(', ')}`,
  }),
};

export const reviewEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('EDIT_REQUIREMENTS'), ...base, edits: z.array(edit).max(200) }),
  z.object({
    type: z.literal('ASK_CUSTOMER'),
    ...base,
    question: requiredText(NOTE),
    requirementId: id.optional(),
  }),
  z.object({ type: z.literal('CUSTOMER_ANSWERED'), ...base, questionId: id, answer: requiredText(NOTE) }),
  z.object({ type: z.literal('CONFIRM_REQUIREMENTS'), ...base }),
  z.object({
    type: z.literal('SIGN_REVIEW'),
    ...base,
    department: reviewing,
    contractVersion: z.number().int(),
    answers: z.record(text(100), z.enum(['ok', 'not_applicable', 'issue'])),
    outcome,
    conditions: text(NOTE).optional(),
    reason: text(NOTE).optional(),
    cannotMeetRequirementIds: z.array(id).optional(),
  }),
  z.object({
    type: z.literal('RECORD_MEETING'),
    ...base,
    heldAt: iso,
    participants: z.array(z.object({ userId: requiredText(100), department })).max(100),
    minutes: text(LONG),
    decisions: z.array(
      z.object({ requirementId: id, outcome, note: text(NOTE), departments: z.array(reviewing) }),
    ),
  }),
  z.object({ type: z.literal('CONFIRM_MEETING'), ...base }),
  z.object({
    type: z.literal('RECORD_NEGOTIATION'),
    ...base,
    issueId: id,
    contact: z.object({ name: text(SHORT), channel: text(SHORT) }),
    outcome: z.enum(['agreed', 'failed']),
    summary: text(NOTE),
    requirementUpdate: z.object({ requirementId: id, text: requiredText(LONG) }).optional(),
  }),
  z.object({
    type: z.literal('GM_DECIDE'),
    ...base,
    issueId: id,
    decision: z.enum(['accept_requirement', 'accept_with_deviation', 'decline']),
    rationale: text(NOTE),
  }),
  z.object({
    type: z.literal('SIGN_CONCLUSION'),
    ...base,
    decision: z.enum(['accept', 'accept_with_deviations', 'decline']),
    deviations: text(NOTE).optional(),
    contractVersion: z.number().int(),
  }),
  z.object({
    type: z.literal('SEND_FEEDBACK'),
    ...base,
    content: z.string().max(4000).optional(),
    channel: z.string().max(100).optional(),
    contact: z.string().max(200).optional(),
  }),
  z.object({
    type: z.literal('CUSTOMER_CONFIRMED'),
    ...base,
    reference: text(SHORT),
    sampleSignedOff: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('AMEND'),
    ...base,
    kind: z.enum(AMENDMENT_KINDS),
    terms: contractTermsSchema,
    reason: text(NOTE),
  }),
  z.object({ type: z.literal('VOID'), ...base, reason: text(NOTE) }),
  z.object({
    type: z.literal('RECORD_TEMPORARY_BASIS'),
    ...base,
    ...temporaryBasisFields,
  }),
  ...(['ADD_DEPARTMENT', 'REMOVE_DEPARTMENT'] as const).map((type) =>
    z.object({
      type: z.literal(type),
      ...base,
      department: z.enum(REVIEWING_DEPARTMENTS, {
        error: `评审部门只能是 ${REVIEWING_DEPARTMENTS.join('、')}（总经理在评审会与决定中参与）/ department must be one of ${REVIEWING_DEPARTMENTS.join(', ')}`,
      }),
      reason: requiredText(NOTE),
    }),
  ),
  z.object({ type: z.literal('CLOCK_TICK'), expectedRevision: z.number().int().optional() }),
]);

// Compile-time guard: a parsed event is a ReviewEvent.
type Parsed = z.infer<typeof reviewEventSchema>;
const _assignable = (p: Parsed): ReviewEvent => p;
void _assignable;

export function parseReviewEvent(
  input: unknown,
): { ok: true; event: ReviewEvent } | { ok: false; issues: string[] } {
  const r = reviewEventSchema.safeParse(input);
  return r.success
    ? { ok: true, event: r.data }
    : { ok: false, issues: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}
