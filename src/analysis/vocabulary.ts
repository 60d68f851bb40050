// Closed vocabularies of the analysis result (labels, categories, kinds, entity types). Kept free of
// zod so that the analysis core and its models load quickly; result.ts builds the schema from them.
export const INTENTS = [
  'order',
  'inquiry',
  'change',
  'complaint',
  'technical',
  'delivery_status',
  'cancellation',
  'feedback',
  'sample',
] as const;
export type Intent = (typeof INTENTS)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const REQUIREMENT_CATEGORIES = [
  'quality',
  'delivery',
  'price',
  'technical',
  'packaging',
  'logistics',
  'payment',
  'documentation',
  'regulatory',
  'service',
] as const;
export type RequirementCategory = (typeof REQUIREMENT_CATEGORIES)[number];

/** ISO 9001 §8.2.2 kinds of requirement. */
export const REQUIREMENT_KINDS = ['explicit', 'implied', 'statutory', 'organisational'] as const;
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];

export const PRIORITIES = ['high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CONTRACT_CLASSES = ['regular', 'special', 'temporary'] as const;
export type ContractClass = (typeof CONTRACT_CLASSES)[number];

export const SPECIAL_REASON_CODES = [
  'new_product',
  'precision_above_standard',
  'large_urgent_order',
  'customer_special_requirement',
  'new_customer',
] as const;
export type SpecialReasonCode = (typeof SPECIAL_REASON_CODES)[number];

/** Entity types the analysis reports in `entities[]`. */
export const ENTITY_TYPES = [
  'date',
  'time',
  'duration',
  'number',
  'ordinal',
  'quantity',
  'money',
  'percentage',
  'tolerance',
  'roughness',
  'hardness',
  'material',
  'standard',
  'certification',
  'product',
  'model',
  'drawing_number',
  'order_number',
  'company',
  'person',
  'phone',
  'email',
  'address',
  'payment_terms',
  'incoterm',
  'temperature',
  'distance',
  'volume',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
