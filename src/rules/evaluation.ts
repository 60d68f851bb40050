// Corpus scoring of contract classification: class accuracy and micro-F1 over (case, reason) pairs.
export interface ContractGold {
  id: string;
  contract_class: string | null;
  special_reasons: string[];
}

export interface ContractPrediction {
  id: string;
  class: string | null;
  reasons: string[];
}

export interface ContractMiss {
  id: string;
  goldClass: string | null;
  predictedClass: string | null;
  missingReasons: string[];
  extraReasons: string[];
}

export interface ContractScore {
  contract_class_accuracy: number;
  reason_f1: number;
  reason_precision: number;
  reason_recall: number;
  cases: number;
  misses: ContractMiss[];
}

const r4 = (v: number) => Math.round(v * 10_000) / 10_000;

export function scoreContracts(cases: ContractGold[], predictions: ContractPrediction[]): ContractScore {
  const byId = new Map(predictions.map((p) => [p.id, p]));
  let correct = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: ContractMiss[] = [];
  for (const g of cases) {
    const p = byId.get(g.id);
    const predictedClass = p ? p.class : null;
    const gold = new Set(g.special_reasons);
    const pred = new Set(p?.reasons ?? []);
    const missing = [...gold].filter((r) => !pred.has(r));
    const extra = [...pred].filter((r) => !gold.has(r));
    tp += gold.size - missing.length;
    fn += missing.length;
    fp += extra.length;
    const classOk = p !== undefined && predictedClass === g.contract_class;
    if (classOk) correct++;
    if (!classOk || missing.length || extra.length) {
      misses.push({
        id: g.id,
        goldClass: g.contract_class,
        predictedClass,
        missingReasons: missing,
        extraReasons: extra,
      });
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    contract_class_accuracy: cases.length ? r4(correct / cases.length) : 0,
    reason_f1: r4(f1),
    reason_precision: r4(precision),
    reason_recall: r4(recall),
    cases: cases.length,
    misses,
  };
}
