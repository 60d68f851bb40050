// An annotated corpus scored end to end: each case analysed, the analysis scored field by field, and
// the contract class the default rules decide from it scored against the gold class and reasons.
// Shared by `npm run eval` and the corpus regression tests, so both measure the same thing.
import {
  addReliability,
  type GoldCase,
  newReliability,
  newScores,
  type Reliability,
  type Scores,
  scoreCase,
  summary,
} from '../analysis/evaluation/index.js';
import { analyze } from '../analysis/index.js';
import type { Product } from '../catalog/product.js';
import type { Customer } from '../customers/customer.js';
import { classifyContract } from './classify.js';
import { type CorpusCase, corpusGold } from './corpus-case.js';
import { type ContractScore, scoreContracts } from './evaluation.js';

export interface CorpusEvaluation {
  scores: Scores;
  contract: ContractScore;
  /** Each learnt field's confidences and whether it was right (reliability tables). */
  reliability: Reliability;
  /** The figures `npm run eval` prints as its last line. */
  figures: Record<string, number>;
}

/** The cases of a corpus.jsonl file (one JSON object per non-empty line). */
export function parseCorpus(jsonl: string): GoldCase[] {
  return jsonl
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as GoldCase);
}

export async function evaluateCorpus(
  cases: readonly GoldCase[],
  catalog: Product[],
  customers: Customer[],
): Promise<CorpusEvaluation> {
  const scores = newScores();
  const reliability = newReliability();
  const predictions: { id: string; class: string | null; reasons: string[] }[] = [];
  for (const c of cases) {
    const ctx = { refDate: c.ref_date, channel: c.channel, catalog, customers };
    const r = analyze(c.text, ctx);
    scoreCase(scores, c, r);
    addReliability(reliability, c, r);
    // The contract class end to end: the default rules decide it from this analysis, as `shixu analyze` does.
    const contract = await classifyContract(r, c.text, ctx);
    predictions.push({ id: c.id, class: contract.class, reasons: contract.reasons.map((x) => x.code) });
  }
  const contract = scoreContracts(
    cases.map((c) => corpusGold(c as unknown as CorpusCase)),
    predictions,
  );
  return {
    scores,
    contract,
    reliability,
    figures: {
      ...summary(scores),
      contract_class_accuracy: contract.contract_class_accuracy,
      contract_reason_f1: contract.reason_f1,
    },
  };
}
