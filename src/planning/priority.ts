// How urgent, important and costly a customer requirement is, and the priority that follows
// (需求分析：识别 → 定义 → 分类 → 排序 …). The reviewer rates each factor low / medium / high (1–3);
// until they do, a default is read from what the requirement already says — its category, its kind,
// the special flag and the analysis' own keyword priority — so every list can be sorted from the
// start. Pure: the repository stores the ratings and the web page shows the same numbers.
import type { Priority, RequirementCategory, RequirementKind } from '../analysis/vocabulary.js';

export const LEVELS = [1, 2, 3] as const;
/** 1 = low, 2 = medium, 3 = high. */
export type Level = (typeof LEVELS)[number];

export interface Assessment {
  urgency: Level;
  importance: Level;
  /** What meeting it costs us: a costly requirement ranks lower than an equally important cheap one. */
  cost: Level;
}

export interface RequirementFacts {
  category: RequirementCategory;
  kind: RequirementKind;
  special: boolean;
  /** The analysis' keyword reading (加急, 尽快 → high). */
  priority: Priority;
}

// Statutory and regulatory demands and the quality of the part decide whether we may deliver at all.
const IMPORTANCE_BY_CATEGORY: Record<RequirementCategory, Level> = {
  regulatory: 3,
  quality: 3,
  technical: 2,
  delivery: 2,
  price: 2,
  payment: 2,
  packaging: 1,
  logistics: 1,
  documentation: 1,
  service: 1,
};

// A special characteristic brings extra controls; paperwork, packing and service are cheap to meet.
const COST_BY_CATEGORY: Record<RequirementCategory, Level> = {
  regulatory: 2,
  quality: 2,
  technical: 2,
  delivery: 2,
  price: 2,
  payment: 1,
  packaging: 1,
  logistics: 2,
  documentation: 1,
  service: 1,
};

const URGENCY_BY_PRIORITY: Record<Priority, Level> = { high: 3, normal: 2, low: 1 };

/** The ratings a requirement starts with before anyone rates it. */
export function defaultAssessment(r: RequirementFacts): Assessment {
  const important = r.special || r.kind === 'statutory';
  return {
    urgency: URGENCY_BY_PRIORITY[r.priority],
    importance: important ? 3 : IMPORTANCE_BY_CATEGORY[r.category],
    cost: r.special ? 3 : COST_BY_CATEGORY[r.category],
  };
}

/** Lowest and highest score: 2·1 + 2·1 − 3 and 2·3 + 2·3 − 1. */
export const SCORE_RANGE = { min: 1, max: 11 } as const;
/** A score at or above this is high priority; at or below LOW_AT, low. */
export const HIGH_AT = 8;
export const LOW_AT = 4;

/**
 * Urgency and importance weigh twice as much as cost: a requirement that is vital and due soon
 * comes first even when it is expensive (all three medium gives 6, normal).
 */
export function priorityScore(a: Assessment): number {
  return 2 * a.importance + 2 * a.urgency - a.cost;
}

export function priorityOfScore(score: number): Priority {
  if (score >= HIGH_AT) return 'high';
  if (score <= LOW_AT) return 'low';
  return 'normal';
}

export interface RequirementPriority extends Assessment {
  score: number;
  priority: Priority;
  /** `default`: derived from the requirement; `reviewer`: rated by a person. */
  source: 'default' | 'reviewer';
}

export function requirementPriority(r: RequirementFacts, rated: Assessment | null): RequirementPriority {
  const a = rated ?? defaultAssessment(r);
  const score = priorityScore(a);
  return { ...a, score, priority: priorityOfScore(score), source: rated ? 'reviewer' : 'default' };
}

/** Highest score first; ties keep the requirement order (R1, R2, … R10 numerically). */
export function byPriority<T extends { id: string; priority: { score: number } }>(a: T, b: T): number {
  return b.priority.score - a.priority.score || requirementOrder(a.id, b.id);
}

export function requirementOrder(a: string, b: string): number {
  const n = (id: string) => Number(/\d+/.exec(id)?.[0] ?? 0);
  return n(a) - n(b) || a.localeCompare(b);
}
