// The analysis result is a published contract (`shixu analyze`, `POST /api/analyze`,
// docs/analysis.schema.json). Field names here must not change without a schema version bump.
import { z } from 'zod';
import {
  CONTRACT_CLASSES,
  ENTITY_TYPES,
  INTENTS,
  PRIORITIES,
  REQUIREMENT_CATEGORIES,
  REQUIREMENT_KINDS,
  SENTIMENTS,
  SPECIAL_REASON_CODES,
} from './vocabulary.js';

// The closed vocabularies live apart from zod so the analysis core loads without the schema library.
export * from './vocabulary.js';

/** Half-open character range [start, end) into the analysed (original, un-normalised) text. */
export const spanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type Span = z.infer<typeof spanSchema>;

export const entitySchema = z.object({
  type: z.enum(ENTITY_TYPES),
  text: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  value: z.unknown(),
});
export type Entity = z.infer<typeof entitySchema>;

export const moneySchema = z.object({
  amount: z.number(),
  currency: z.string(),
  per: z.string().nullable(),
  taxIncluded: z.boolean().nullable(),
});
export type UnitPrice = z.infer<typeof moneySchema>;

export const itemSchema = z.object({
  product: z.string(),
  catalogCode: z.string().nullable(),
  model: z.string().nullable(),
  quantity: z.object({ value: z.number(), unit: z.string().nullable() }).nullable(),
  unitPrice: moneySchema.nullable(),
  span: spanSchema,
  /** How probable the learnt scorer finds the quantity (one-item messages; absent where the rules decide alone). */
  confidence: z.number().min(0).max(1).optional(),
});
export type OrderItem = z.infer<typeof itemSchema>;

export const requirementSchema = z.object({
  text: z.string(),
  category: z.enum(REQUIREMENT_CATEGORIES),
  kind: z.enum(REQUIREMENT_KINDS),
  special: z.boolean(),
  priority: z.enum(PRIORITIES),
  span: spanSchema,
  /** Rule that marked the requirement special, when one did (filled by the rules module). */
  specialRule: z.string().nullable().optional(),
  /** For an implied requirement: what is required, as a full sentence (the text is only its trigger). */
  statement: z.string().optional(),
  /** For an implied requirement: what is required and why, since the text only shows its trigger. */
  basis: z.string().optional(),
});
export type Requirement = z.infer<typeof requirementSchema>;

export const reasonSchema = z.object({
  code: z.enum(SPECIAL_REASON_CODES).or(z.string()),
  explanation: z.string(),
});

const phaseFailureSchema = z.object({
  /** Which phase, as "n/total" of the pipeline in analyze.ts. */
  phase: z.string(),
  error: z.string(),
  /** Where it was thrown (first stack frame). */
  at: z.string().optional(),
});

export const analysisResultSchema = z.object({
  id: z.string().optional(),
  intent: z.object({ label: z.enum(INTENTS), confidence: z.number().min(0).max(1) }),
  sentiment: z.object({
    label: z.enum(SENTIMENTS),
    score: z.number().min(-1).max(1),
    /** Probability of the label under the sentiment model. */
    confidence: z.number().min(0).max(1).optional(),
  }),
  customer: z
    .object({
      name: z.string(),
      known: z.boolean(),
      /** How probable the learnt scorer finds it that this span names the customer. */
      confidence: z.number().min(0).max(1).optional(),
    })
    .nullable(),
  items: z.array(itemSchema),
  delivery: z.object({
    date: z.string().nullable(),
    place: z.string().nullable(),
    terms: z.string().nullable(),
    /** How probable the scorer finds the date (or, with no date, that none of the days is one). */
    confidence: z.number().min(0).max(1).optional(),
  }),
  paymentTerms: z.string().nullable(),
  standards: z.array(z.string()),
  certifications: z.array(z.string()),
  requirements: z.array(requirementSchema),
  entities: z.array(entitySchema),
  keywords: z.array(z.object({ word: z.string(), weight: z.number() })),
  /** Paths of the fields whose confidence is below the review threshold: a person should check them. */
  needsReview: z.array(z.string()).optional(),
  contract: z.object({
    class: z.enum(CONTRACT_CLASSES).nullable(),
    reasons: z.array(reasonSchema),
    totalWeightTonnes: z.number().nullable(),
  }),
  /** Analysis phases that failed on this message; their part of the result is empty. Absent when none. */
  failures: z.array(phaseFailureSchema).optional(),
});
export type AnalysisResult = z.infer<typeof analysisResultSchema>;
export type PhaseFailure = z.infer<typeof phaseFailureSchema>;
