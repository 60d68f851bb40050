// Runtime shape of review events, for adapters that receive them as JSON (HTTP, queue).
// The inferred type is checked against ReviewEvent below, so the two cannot drift apart.
import { z } from 'zod';
import { PRIORITIES, REQUIREMENT_CATEGORIES, REQUIREMENT_KINDS } from '../analysis/result.js';
import { DEPARTMENTS } from '../auth/roles.js';
import { AMENDMENT_KINDS, REVIEWING_DEPARTMENTS, type ReviewEvent } from './types.js';

const department = z.enum(DEPARTMENTS);
const reviewing = z.enum(REVIEWING_DEPARTMENTS);
const outcome = z.enum(['can_meet', 'can_meet_with_conditions', 'cannot_meet']);
const actor = z.object({ userId: z.string().min(1), department, deputyFor: department.optional() });
const base = { actor, expectedRevision: z.number().int().optional() };
const iso = z.iso.datetime({ offset: true });

const line = z.object({
  line: z.number().int(),
  product: z.string(),
  catalogCode: z.string().nullable(),
  model: z.string().nullable(),
  quantity: z.object({ value: z.number(), unit: z.string().nullable() }).nullable(),
  unitPrice: z
    .object({
      amount: z.number(),
      currency: z.string(),
      per: z.string().nullable(),
      taxIncluded: z.boolean().nullable(),
    })
    .nullable(),
  material: z.string().nullable(),
  tolerance: z.string().nullable(),
  drawing: z.object({ number: z.string(), revision: z.string().nullable() }).nullable(),
  packaging: z.string().nullable(),
});

export const contractTermsSchema = z.object({
  items: z.array(line),
  delivery: z.object({
    date: z.string().nullable(),
    place: z.string().nullable(),
    terms: z.string().nullable(),
  }),
  paymentTerms: z.string().nullable(),
  requirements: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
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

const edit = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), text: z.string(), ...reqFields }),
  z.object({
    op: z.literal('edit'),
    requirementId: z.string(),
    text: z.string().optional(),
    category: reqFields.category.optional(),
    kind: reqFields.kind.optional(),
    special: z.boolean().optional(),
    priority: reqFields.priority,
  }),
  z.object({ op: z.literal('accept'), requirementId: z.string() }),
  z.object({ op: z.literal('reject'), requirementId: z.string() }),
]);

export const reviewEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('EDIT_REQUIREMENTS'), ...base, edits: z.array(edit) }),
  z.object({
    type: z.literal('ASK_CUSTOMER'),
    ...base,
    question: z.string(),
    requirementId: z.string().optional(),
  }),
  z.object({ type: z.literal('CUSTOMER_ANSWERED'), ...base, questionId: z.string(), answer: z.string() }),
  z.object({ type: z.literal('CONFIRM_REQUIREMENTS'), ...base }),
  z.object({
    type: z.literal('SIGN_REVIEW'),
    ...base,
    department: reviewing,
    contractVersion: z.number().int(),
    answers: z.record(z.string(), z.enum(['ok', 'not_applicable', 'issue'])),
    outcome,
    conditions: z.string().optional(),
    reason: z.string().optional(),
    cannotMeetRequirementIds: z.array(z.string()).optional(),
  }),
  z.object({
    type: z.literal('RECORD_MEETING'),
    ...base,
    heldAt: iso,
    participants: z.array(z.object({ userId: z.string().min(1), department })),
    minutes: z.string(),
    decisions: z.array(
      z.object({ requirementId: z.string(), outcome, note: z.string(), departments: z.array(reviewing) }),
    ),
  }),
  z.object({ type: z.literal('CONFIRM_MEETING'), ...base }),
  z.object({
    type: z.literal('RECORD_NEGOTIATION'),
    ...base,
    issueId: z.string(),
    contact: z.object({ name: z.string(), channel: z.string() }),
    outcome: z.enum(['agreed', 'failed']),
    summary: z.string(),
    requirementUpdate: z.object({ requirementId: z.string(), text: z.string() }).optional(),
  }),
  z.object({
    type: z.literal('GM_DECIDE'),
    ...base,
    issueId: z.string(),
    decision: z.enum(['accept_requirement', 'accept_with_deviation', 'decline']),
    rationale: z.string(),
  }),
  z.object({
    type: z.literal('SIGN_CONCLUSION'),
    ...base,
    decision: z.enum(['accept', 'accept_with_deviations', 'decline']),
    deviations: z.string().optional(),
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
    reference: z.string(),
    sampleSignedOff: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('AMEND'),
    ...base,
    kind: z.enum(AMENDMENT_KINDS),
    terms: contractTermsSchema,
    reason: z.string(),
  }),
  z.object({ type: z.literal('VOID'), ...base, reason: z.string() }),
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
