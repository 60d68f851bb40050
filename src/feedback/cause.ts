// Complaint cause (投诉原因) from the analysis' requirement categories and cue words. Explainable:
// the result names every category and word that voted, so a quality engineer can see why.
import type { RequirementCategory } from '../analysis/result.js';

export const COMPLAINT_CAUSES = [
  'quality',
  'delivery',
  'price',
  'service',
  'documentation',
  'packaging',
] as const;
export type ComplaintCause = (typeof COMPLAINT_CAUSES)[number];

export const CAUSE_LABELS: Record<ComplaintCause, string> = {
  quality: '质量 / quality',
  delivery: '交付 / delivery',
  price: '价格 / price',
  service: '服务 / service',
  documentation: '文件资料 / documentation',
  packaging: '包装 / packaging',
};

const CATEGORY_TO_CAUSE: Partial<Record<RequirementCategory, ComplaintCause>> = {
  quality: 'quality',
  technical: 'quality',
  delivery: 'delivery',
  logistics: 'delivery',
  price: 'price',
  payment: 'price',
  service: 'service',
  documentation: 'documentation',
  regulatory: 'documentation',
  packaging: 'packaging',
};

// Words customers use when complaining that the requirement extractor may not turn into a
// requirement (a complaint describes a failure, not a wish).
const CUES: Record<ComplaintCause, readonly string[]> = {
  quality: [
    '不良',
    '缺陷',
    '划伤',
    '划痕',
    '毛刺',
    '变形',
    '裂纹',
    '气孔',
    '砂眼',
    '超差',
    '尺寸不合格',
    '不合格',
    '生锈',
    '锈蚀',
    '氧化',
    '色差',
    '批退',
    '退货',
    '质量问题',
    '硬度不够',
    '装不上',
    '漏装',
    '混料',
    'PPM',
  ],
  delivery: [
    '延期',
    '延迟',
    '晚到',
    '迟到',
    '推迟',
    '交期',
    '没到货',
    '未到货',
    '少发',
    '缺货',
    '发错',
    '断供',
    '停线',
  ],
  price: ['价格', '太贵', '涨价', '报价', '单价', '多收', '发票', '账款', '对账'],
  service: ['态度', '不回复', '没回复', '联系不上', '响应慢', '响应', '服务', '推诿', '不理'],
  documentation: ['报告', '证书', '材质书', '8D报告', 'PPAP', 'COC', '合格证', '资料', '文件', '检验报告'],
  packaging: ['包装', '破损', '压坏', '受潮', '标签', '标识', '托盘', '纸箱', '防锈'],
};

// Precedence on a tie: the cause that costs the customer most is named first.
const PRECEDENCE: readonly ComplaintCause[] = [
  'quality',
  'delivery',
  'packaging',
  'documentation',
  'price',
  'service',
];

export interface CauseVote {
  cause: ComplaintCause;
  categories: string[];
  words: string[];
  score: number;
}

export interface CauseClassification {
  cause: ComplaintCause | null;
  /** 中文 / English reason naming the categories and words that decided. */
  explanation: string;
  votes: CauseVote[];
}

/** Classifies the cause of a complaint. Categories weigh 2 each, cue words 1 each. */
export function classifyCause(text: string, categories: readonly RequirementCategory[]): CauseClassification {
  const votes = new Map<ComplaintCause, CauseVote>();
  const vote = (cause: ComplaintCause) => {
    let v = votes.get(cause);
    if (!v) {
      v = { cause, categories: [], words: [], score: 0 };
      votes.set(cause, v);
    }
    return v;
  };
  for (const c of categories) {
    const cause = CATEGORY_TO_CAUSE[c];
    if (!cause) continue;
    const v = vote(cause);
    v.categories.push(c);
    v.score += 2;
  }
  const lower = text.toLowerCase();
  for (const cause of COMPLAINT_CAUSES) {
    for (const w of CUES[cause]) {
      if (lower.includes(w.toLowerCase())) {
        const v = vote(cause);
        if (!v.words.includes(w)) {
          v.words.push(w);
          v.score += 1;
        }
      }
    }
  }
  const ranked = [...votes.values()].sort(
    (a, b) => b.score - a.score || PRECEDENCE.indexOf(a.cause) - PRECEDENCE.indexOf(b.cause),
  );
  const top = ranked[0];
  if (!top) {
    return {
      cause: null,
      explanation:
        '未找到可判断原因的类别或关键词，请人工指定 / no category or cue word found; set the cause by hand',
      votes: [],
    };
  }
  const parts: string[] = [];
  if (top.categories.length) parts.push(`需求类别 categories: ${top.categories.join(', ')}`);
  if (top.words.length) parts.push(`关键词 cue words: ${top.words.map((w) => `「${w}」`).join('')}`);
  const others = ranked
    .slice(1)
    .map((v) => `${CAUSE_LABELS[v.cause]}=${v.score}`)
    .join(', ');
  return {
    cause: top.cause,
    explanation: `${CAUSE_LABELS[top.cause]}（得分 score ${top.score}）— ${parts.join('；')}${others ? `；其他 others: ${others}` : ''}`,
    votes: ranked,
  };
}
