// Which candidate span names the customer, decided by a trained scorer over the spans
// customer-candidates.ts offers. The hand rules' pick (parties.ts) is one of its features; what the
// scorer adds is the look of a company name (how names begin and end: 照明, 科技, 机电, 储能…),
// the slot it stands in (a signature's last lines, a chat sender line, a self-introduction) and the
// words around it, learnt from the written corpus instead of added one phrasing at a time. Pure.
import { type LinearModel, trainLinear } from '../classify/linear.js';
import type { TaggedToken } from '../text/jieba.js';
import type { Line } from '../text/segment.js';
import { lineAt } from '../text/segment.js';
import { labelProbabilities, windowGrams } from './candidate-scoring.js';
import type { CustomerCandidate } from './customer-candidates.js';

export const NAME_LABELS = ['customer', 'other'] as const;
export type NameLabel = (typeof NAME_LABELS)[number];

/** The model and how far it may overrule the rules (chosen by cross-validation over writers). */
export interface CustomerScorer {
  readonly model: LinearModel<NameLabel>;
  /** Without a rule pick, the least probability of a span taken as the customer. */
  readonly threshold: number;
  /** Another span at least this probable replaces the rules' pick. */
  readonly override: number;
}

const FUNCTION_CHARS = /[我你他她们这那了吗呢吧啊么请要把给说在有没不就都也还很会能想问]/;
const PERSON_AFTER =
  /^\s*(?:[\u4e00-\u9fff]{1,4}部\s*)?[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤老小][\u4e00-\u9fff]{0,3}\s*(?:[:：]|$|\n)/;

function lengthBucket(n: number): string {
  if (n <= 3) return String(n);
  if (n <= 6) return '4-6';
  if (n <= 9) return '7-9';
  if (n <= 14) return '10-14';
  return '15+';
}

/** Sparse features of each candidate, in the candidates' order. */
export function customerFeatures(
  norm: string,
  lines: readonly Line[],
  candidates: readonly CustomerCandidate[],
  rulePick: { name: string } | null,
  original: string,
  tokens: readonly TaggedToken[],
): Map<string, number>[] {
  const counts = new Map<string, number>();
  for (const c of candidates) counts.set(c.norm, (counts.get(c.norm) ?? 0) + 1);
  // Distinct forms only: a long message repeats them.
  const knownForms = [...new Set(candidates.filter((c) => c.sources.has('known')).map((c) => c.norm))];
  const lineCount = lines.length;
  return candidates.map((c) => {
    const f = new Map<string, number>();
    f.set('bias', 1);
    const sources = [...c.sources].sort();
    for (const s of sources) f.set(`src:${s}`, 1);
    f.set(`srcs:${sources.join('+')}`, 1);
    if (c.known) f.set('known', 1);
    if (rulePick === null) f.set('nopick', 1);
    else if (original.slice(c.start, c.end) === rulePick.name) f.set('pick', 1);
    else if (rulePick.name.includes(c.name)) f.set('inPick', 1);
    else if (c.name.includes(rulePick.name)) f.set('aroundPick', 1);
    if (knownForms.some((k) => k !== c.norm && c.norm.includes(k))) f.set('growsKnown', 1);
    const latin = /[A-Za-z]/.test(c.norm);
    f.set(`len:${latin ? 'latin' : lengthBucket(c.end - c.start)}`, 1);
    if (!latin) {
      f.set(`e1:${c.norm.slice(-1)}`, 1);
      f.set(`e2:${c.norm.slice(-2)}`, 1);
      f.set(`s1:${c.norm.slice(0, 1)}`, 1);
      f.set(`s2:${c.norm.slice(0, 2)}`, 1);
      if (FUNCTION_CHARS.test(c.norm)) f.set('function-word', 1);
    }
    f.set(`occ:${Math.min(counts.get(c.norm) ?? 1, 3)}`, 1);
    const line = lineAt(lines, c.start);
    if (line.index === 0) f.set('line:first', 1);
    else if (line.index <= 2) f.set('line:top', 1);
    if (line.index >= lineCount - 3) f.set('line:bottom', 1);
    const lineText = norm.slice(line.start, line.end);
    if (lineText.trim().length <= 30) f.set('line:short', 1);
    const before = norm.slice(line.start, c.start);
    if (/^[\s—\-–_*·【[(（]*$/.test(before)) f.set('line:starts', 1);
    const after = norm.slice(c.end, line.end);
    if (after.trim() === '') f.set('line:ends', 1);
    if (PERSON_AFTER.test(norm.slice(c.end, Math.min(line.end + 1, c.end + 16)))) f.set('person-after', 1);
    posFeatures(f, c, tokens);
    windowGrams(f, 'b', norm.slice(Math.max(0, c.start - 4), c.start), 'latin');
    windowGrams(f, 'a', norm.slice(c.end, c.end + 4), 'latin');
    return f;
  });
}

/**
 * What the tagger makes of the span: a lone place (成都) or person (陈工) is no company; a place
 * followed by more words (福州闽江阳光能源) usually is; a span whose ends cut through a word is
 * usually a wrong cut.
 */
function posFeatures(f: Map<string, number>, c: CustomerCandidate, tokens: readonly TaggedToken[]): void {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= c.start) lo = mid + 1;
    else hi = mid;
  }
  const inside: TaggedToken[] = [];
  let alignedStart = false;
  let alignedEnd = false;
  for (let i = lo; i < tokens.length && tokens[i]!.start < c.end; i++) {
    const t = tokens[i]!;
    if (t.start === c.start) alignedStart = true;
    if (t.end === c.end) alignedEnd = true;
    if (t.start >= c.start && t.end <= c.end && t.word.trim() !== '') inside.push(t);
  }
  f.set(alignedStart ? 'align:start' : 'cut:start', 1);
  f.set(alignedEnd ? 'align:end' : 'cut:end', 1);
  if (inside.length === 0) return;
  const tags = inside.map((t) => t.tag);
  f.set(`tok:${Math.min(inside.length, 5)}`, 1);
  f.set(`tag0:${tags[0]}`, 1);
  f.set(`tagN:${tags[tags.length - 1]}`, 1);
  if (tags.every((t) => t === 'ns')) f.set('all-place', 1);
  else if (tags[0] === 'ns') f.set('place-first', 1);
  if (inside.length === 1 && tags[0] === 'nr') f.set('lone-person', 1);
  if (tags.includes('nt')) f.set('has-org', 1);
  if (tags.some((t) => t === 'v' || t === 'r' || t === 'uj' || t === 'p' || t === 'd'))
    f.set('has-function-tag', 1);
  const lastWord = inside[inside.length - 1]!.word;
  if (lastWord.length >= 2) f.set(`lastWord:${lastWord}`, 1);
}

/** Probability of each candidate naming the customer. */
export function customerProbabilities(
  model: LinearModel<NameLabel>,
  features: readonly Map<string, number>[],
): number[] {
  return labelProbabilities(model, 'customer', features);
}

/** The candidate the scorer decides for; the rules' pick stands unless another is clearly better. */
export function decideCustomer<C extends { name: string }>(
  scorer: Pick<CustomerScorer, 'threshold' | 'override'>,
  candidates: readonly C[],
  probabilities: readonly number[],
  rulePick: { name: string } | null,
): { candidate: C; probability: number } | null {
  let top = -1;
  probabilities.forEach((p, i) => {
    if (top < 0 || p > probabilities[top]! + 1e-9) top = i;
  });
  if (top < 0) return null;
  const best = { candidate: candidates[top]!, probability: probabilities[top]! };
  if (rulePick === null) return best.probability >= scorer.threshold ? best : null;
  const at = candidates.findIndex((c) => c.name === rulePick.name);
  if (best.candidate.name !== rulePick.name && best.probability >= scorer.override) return best;
  if (at < 0) return null;
  return { candidate: candidates[at]!, probability: probabilities[at]! };
}

export interface CustomerExample {
  features: Map<string, number>;
  isCustomer: boolean;
}

export function trainCustomerModel(examples: readonly CustomerExample[]): LinearModel<NameLabel> {
  return trainLinear(
    NAME_LABELS,
    examples.map((e) => ({ features: e.features, label: e.isCustomer ? 'customer' : 'other' })),
    { epochs: 30, learningRate: 0.2, l2: 1e-4, minDocFreq: 2, seed: 20261207 },
  );
}
