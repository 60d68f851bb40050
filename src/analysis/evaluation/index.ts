export type { Gold, GoldCase, GoldItem } from './gold.js';
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
