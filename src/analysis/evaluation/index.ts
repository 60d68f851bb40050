export type { Gold, GoldCase, GoldItem } from './gold.js';
export {
  addReliability,
  CONFIDENCE_FIELDS,
  type ConfidenceField,
  newReliability,
  type Reliability,
  type ReliabilityRow,
  reliabilityTable,
} from './reliability.js';
export {
  Accuracy,
  canonicalUnit,
  matchItem,
  newScores,
  type Scores,
  SetF1,
  scoreCase,
  summary,
} from './score.js';
