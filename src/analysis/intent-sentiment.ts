// Intent and sentiment of a message. The answers come from the trained models (src/analysis/classify,
// `npm run train`), re-exported at the bottom; the weighted cue rules here are the model-free reference
// kept for callers that want an answer without the models.
import type { Intent, Sentiment } from './result.js';

type Cue = readonly [RegExp, number];

const INTENT_CUES: Record<Intent, readonly Cue[]> = {
  order: [
    [
      /采购订单|purchase\s+order|购销合同|采购合同|订货合同|正式订单|下单|订单如下|请速发|请发货|先来|我要|要货|追加|订购/i,
      2,
    ],
    [/\bPO\b|订单号|合同编号|数量[:：]/, 1],
  ],
  inquiry: [
    [/询价|报价|RFQ|quotation|quote|请报|多少钱|价格.{0,8}吗|能不能降/i, 2],
    [/年用量|预计|框架量/, 1],
  ],
  change: [
    [/变更通知|更改|修改订单|改单|调整为|改为|改成|升版|交货期调整|数量由|合同.*补充协议|amend|revis/i, 2],
  ],
  complaint: [
    [/投诉|索赔|不良率|拒收|整改|8D|质量问题|开裂|划伤|气孔|色差|complain/i, 2],
    [/扣除|挑选|返工/, 1],
  ],
  technical: [
    [/技术(?:问题|咨询|交流|确认)|能否做到|是否可以做到|可行性|工艺上|technical\s+question/i, 2],
    [/不涉及订单|不是投诉|不算投诉|先搞清楚/, 2],
  ],
  delivery_status: [
    [
      /什么时候(?:发|到)|哪天到|到底.{0,8}(?:发|到)|物流单号|还没到|影子都没|催货|ETA|发货了吗|where\s+is/i,
      2,
    ],
  ],
  cancellation: [[/取消(?:该|此|这个|这批)?(?:订单|合同|吧|采购)|撤销订单|别做了|不要了|cancel/i, 3]],
  feedback: [[/表扬|感谢.{0,20}(?:支持|响应|协助)|优秀供应商|太给力|评价很高|业绩回顾|继续保持|满意/i, 2]],
  sample: [[/样件|寄样|打样|试制|样品|sample/i, 2]],
};

function titleOf(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return first.slice(0, 80);
}

export function classifyIntentFallback(text: string): { label: Intent; confidence: number } {
  const title = titleOf(text);
  const scores = new Map<Intent, number>();
  for (const [intent, cues] of Object.entries(INTENT_CUES) as [Intent, readonly Cue[]][]) {
    let score = 0;
    for (const [re, weight] of cues) {
      if (re.test(text)) score += weight;
      if (re.test(title)) score += weight;
    }
    scores.set(intent, score);
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, bestScore] = ranked[0]!;
  if (bestScore === 0) return { label: 'inquiry', confidence: 0.2 };
  const total = ranked.reduce((s, [, v]) => s + v, 0);
  return { label: best, confidence: Math.min(1, bestScore / total) };
}

const NEGATIVE: readonly Cue[] = [
  [/投诉|索赔|停线|找别家|换供应商|其他供应商|生气|😡|失望|不能再|别再|无法接受|太差/, 2],
  [/严重|不满|耽误|不够|到底|认真对待|高度重视|再晚|催/, 1],
];
const POSITIVE: readonly Cue[] = [
  [/表扬|给力|满意|评价很高|优秀供应商|👍|致谢|谢谢.{0,6}认可|感谢.{0,20}(?:支持|协助|响应)/, 2],
  [/稳定|良好|继续保持/, 1],
];

function cueScore(text: string, cues: readonly Cue[]): number {
  let score = 0;
  for (const [re, weight] of cues) score += (text.match(new RegExp(re.source, 'g')) ?? []).length * weight;
  return score;
}

export function classifySentimentFallback(text: string): { label: Sentiment; score: number } {
  const neg = cueScore(text, NEGATIVE);
  const pos = cueScore(text, POSITIVE);
  if (neg >= 2 && neg > pos) return { label: 'negative', score: -Math.min(1, neg / 6) };
  if (pos >= 3 && pos > neg) return { label: 'positive', score: Math.min(1, pos / 6) };
  return { label: 'neutral', score: 0 };
}

// The trained models (src/analysis/classify, `npm run train`) are in use; the rules above remain as a
// reference and for callers that want a model-free answer.
export { classifyIntent, classifyMessage, classifySentiment } from './classify/index.js';
