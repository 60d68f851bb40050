// Accuracy and confusion counts of a classifier on labelled cases. Pure; scripts/eval-classify.ts and
// the lead's `npm run eval` feed it the dev corpus.

export interface ClassifierScore<L extends string> {
  readonly total: number;
  readonly correct: number;
  readonly accuracy: number;
  /** confusion[gold][predicted] = count; only non-zero cells are present. */
  readonly confusion: Record<string, Record<string, number>>;
  readonly errors: readonly { id: string; gold: L; predicted: L }[];
}

export function scoreClassifier<L extends string>(
  cases: readonly { id: string; text: string; gold: L }[],
  classify: (text: string) => L,
): ClassifierScore<L> {
  const confusion: Record<string, Record<string, number>> = {};
  const errors: { id: string; gold: L; predicted: L }[] = [];
  let correct = 0;
  for (const c of cases) {
    const predicted = classify(c.text);
    const row = confusion[c.gold] ?? {};
    confusion[c.gold] = row;
    row[predicted] = (row[predicted] ?? 0) + 1;
    if (predicted === c.gold) correct++;
    else errors.push({ id: c.id, gold: c.gold, predicted });
  }
  const total = cases.length;
  return { total, correct, accuracy: total === 0 ? 0 : correct / total, confusion, errors };
}

export function formatConfusion(score: ClassifierScore<string>): string {
  return Object.entries(score.confusion)
    .map(([gold, row]) => {
      const cells = Object.entries(row)
        .sort((a, b) => b[1] - a[1])
        .map(([p, n]) => (p === gold ? `✓${n}` : `→${p}:${n}`));
      return `  ${gold.padEnd(16)} ${cells.join('  ')}`;
    })
    .join('\n');
}
