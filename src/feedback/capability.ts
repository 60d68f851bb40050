// Evaluation of the capability to identify customer requirements (客户需求识别能力评价) on the
// procedure's five criteria: 沟通能力, 行业知识和经验, 服务质量, 反馈和改进能力, 创新能力. Pure:
// the evidence is gathered by capability-evidence.ts, the weights and targets are the admin's
// setting (capability-settings.ts); this turns evidence and an assessor's 1–5 scores into criterion
// scores, gaps to target, an overall grade and findings.
//
// Two rules keep a grade honest:
//  - a criterion with neither evidence nor an assessor's score is "未评价 / not evaluated": it has
//    no score (never full marks) and no finding beyond saying so;
//  - the overall score is the weighted mean over the evaluated criteria only when at least
//    `minEvaluated` of the five are evaluated (admin setting, default 4), and it states the share of
//    the weight it rests on (`coverage`); with fewer there is no overall score or grade at all.
// Every measure carries its value and its target as the same quantity (a stable rate against a
// stable-rate target, a repeat rate against a ceiling on repeats), so a gap is never computed
// between a rate and its complement.

export interface Bilingual {
  zh: string;
  en: string;
}

export const CRITERIA = ['communication', 'knowledge', 'service', 'improvement', 'innovation'] as const;
export type CriterionKey = (typeof CRITERIA)[number];

export const MEASURES = [
  'requirements_stable',
  'questions_answered_in_time',
  'implicit_before_review',
  'feedback_48h',
  'satisfaction',
  'complaint_response_hours',
  'actions_closed_effective',
  'repeat_complaint_rate',
  'improvement_proposals',
  'new_products',
] as const;
export type MeasureKey = (typeof MEASURES)[number];

export type MeasureUnit = '%' | 'index' | 'h' | 'count';

export interface SubItemDefinition {
  key: string;
  name: Bilingual;
  /** What a 1, 3 and 5 mean on the assessor's scale (2 and 4 lie between). */
  levels: { 1: string; 3: string; 5: string };
}

export interface MeasureDefinition {
  key: MeasureKey;
  criterion: CriterionKey;
  name: Bilingual;
  unit: MeasureUnit;
  /** Whether a higher value is better; the target is a floor for `higher`, a ceiling for `lower`. */
  direction: 'higher' | 'lower';
  /** How the value is computed, shown beside it. */
  definition: Bilingual;
}

export interface CriterionDefinition {
  key: CriterionKey;
  no: number;
  name: Bilingual;
  subItems: SubItemDefinition[];
  /** The department that owns improvement actions raised from this criterion. */
  ownerDepartment: string;
}

export const CRITERION_DEFINITIONS: readonly CriterionDefinition[] = [
  {
    key: 'communication',
    no: 1,
    name: { zh: '沟通能力', en: 'Communication' },
    ownerDepartment: 'sales',
    subItems: [
      {
        key: 'listening',
        name: { zh: '倾听', en: 'Listening' },
        levels: { 1: '常打断客户、遗漏要点', 3: '能完整记录客户所述要求', 5: '能听出客户未明说的意图与顾虑' },
      },
      {
        key: 'expressing',
        name: { zh: '表达', en: 'Expressing' },
        levels: { 1: '表述含糊、客户常误解', 3: '能清楚复述并书面确认要求', 5: '表达准确简洁，客户一次确认' },
      },
      {
        key: 'questioning',
        name: { zh: '提问', en: 'Questioning' },
        levels: {
          1: '很少提问、按字面接单',
          3: '对不明确处主动提问澄清',
          5: '用结构化提问挖掘隐含与法定要求',
        },
      },
    ],
  },
  {
    key: 'knowledge',
    no: 2,
    name: { zh: '行业知识和经验', en: 'Industry knowledge and experience' },
    ownerDepartment: 'technical',
    subItems: [
      {
        key: 'industry',
        name: { zh: '行业与客户知识', en: 'Industry and customer knowledge' },
        levels: {
          1: '不了解客户所在行业',
          3: '了解行业通行要求与客户特殊要求',
          5: '熟悉行业趋势并能提前提示风险',
        },
      },
      {
        key: 'product',
        name: { zh: '产品与工艺知识', en: 'Product and process knowledge' },
        levels: {
          1: '无法判断要求能否实现',
          3: '能判断常规规格与工艺能力',
          5: '能就材料、工艺与检验提出方案',
        },
      },
      {
        key: 'regulations',
        name: { zh: '法规与标准', en: 'Laws and standards' },
        levels: { 1: '不知适用法规标准', 3: '知道主要法规与国标', 5: '能主动识别适用法规并纳入评审' },
      },
    ],
  },
  {
    key: 'service',
    no: 3,
    name: { zh: '服务质量', en: 'Service quality' },
    ownerDepartment: 'sales',
    subItems: [
      {
        key: 'responsiveness',
        name: { zh: '响应及时性', en: 'Responsiveness' },
        levels: { 1: '经常超时答复', 3: '按承诺时限答复', 5: '总是提前答复并主动跟进' },
      },
      {
        key: 'attitude',
        name: { zh: '服务态度', en: 'Attitude' },
        levels: { 1: '客户多次抱怨', 3: '客户无抱怨', 5: '客户主动表扬' },
      },
    ],
  },
  {
    key: 'improvement',
    no: 4,
    name: { zh: '反馈和改进能力', en: 'Feedback and improvement' },
    ownerDepartment: 'quality',
    subItems: [
      {
        key: 'complaint_handling',
        name: { zh: '投诉处理', en: 'Complaint handling' },
        levels: { 1: '投诉处理拖延、无结论', 3: '按 8D 流程按期处理', 5: '快速遏制并找到根本原因' },
      },
      {
        key: 'follow_through',
        name: { zh: '改进落实', en: 'Follow-through' },
        levels: { 1: '措施不落实', 3: '措施按期关闭', 5: '措施有效且举一反三' },
      },
    ],
  },
  {
    key: 'innovation',
    no: 5,
    name: { zh: '创新能力', en: 'Innovation' },
    ownerDepartment: 'sales',
    subItems: [
      {
        key: 'proposals',
        name: { zh: '改进建议', en: 'Improvement proposals' },
        levels: { 1: '无建议', 3: '偶有可行建议', 5: '经常提出并推动落实建议' },
      },
      {
        key: 'new_products',
        name: { zh: '新产品与新方案', en: 'New products and solutions' },
        levels: { 1: '从未提出', 3: '能根据客户需求提出新产品', 5: '主动引导客户采用新产品新方案' },
      },
    ],
  },
];

export const MEASURE_DEFINITIONS: readonly MeasureDefinition[] = [
  {
    key: 'requirements_stable',
    criterion: 'communication',
    name: { zh: '需求确认后未变更率', en: 'Requirements unchanged after confirmation' },
    unit: '%',
    direction: 'higher',
    definition: {
      zh: '已确认需求的合同中，确认后未被修改、补充或经合同变更改动的需求占比',
      en: 'share of the requirements of confirmed contracts not revised, added or amended after confirmation',
    },
  },
  {
    key: 'questions_answered_in_time',
    criterion: 'communication',
    name: { zh: '澄清问题及时闭环率', en: 'Clarifying questions closed in time' },
    unit: '%',
    direction: 'higher',
    definition: {
      zh: '评审中向客户提出的澄清问题，在设定小时数内得到答复的占比（未答复且已超时计为未及时）',
      en: 'share of the questions put to the customer in review answered within the set hours (unanswered and late counts as late)',
    },
  },
  {
    key: 'implicit_before_review',
    criterion: 'knowledge',
    name: { zh: '隐含及法定要求评审前识别率', en: 'Implied and statutory requirements found before review' },
    unit: '%',
    direction: 'higher',
    definition: {
      zh: '进入部门评审的合同中，隐含要求与法律法规要求在首个部门签字前已识别的占比',
      en: 'share of the implied and statutory requirements of reviewed contracts identified before the first department signed',
    },
  },
  {
    key: 'feedback_48h',
    criterion: 'service',
    name: { zh: '48 小时反馈及时率', en: '48-hour feedback on time' },
    unit: '%',
    direction: 'higher',
    definition: {
      zh: '应反馈客户的合同中，在 48 小时时限内反馈的占比',
      en: 'share of the contracts due for feedback answered within the 48-hour budget',
    },
  },
  {
    key: 'satisfaction',
    criterion: 'service',
    name: { zh: '顾客满意度指数', en: 'Customer satisfaction index' },
    unit: 'index',
    direction: 'higher',
    definition: {
      zh: '期间内所涉客户满意度调查的平均指数（0–100）',
      en: "mean index (0–100) of the period's satisfaction surveys of the customers concerned",
    },
  },
  {
    key: 'complaint_response_hours',
    criterion: 'improvement',
    name: { zh: '投诉平均响应时间', en: 'Mean complaint response time' },
    unit: 'h',
    direction: 'lower',
    definition: {
      zh: '投诉从收到到开始调查（或关闭）的平均小时数；尚未响应的按截至评价时计',
      en: 'mean hours from a complaint received to its investigation (or closure); one not yet answered counts until now',
    },
  },
  {
    key: 'actions_closed_effective',
    criterion: 'improvement',
    name: { zh: '改进措施按期关闭且有效率', en: 'Actions closed on time and effective' },
    unit: '%',
    direction: 'higher',
    definition: {
      zh: '已到期或已关闭的改进措施中，按期关闭且验证有效的占比',
      en: 'share of the actions due or closed that were closed by their due date and verified effective',
    },
  },
  {
    key: 'repeat_complaint_rate',
    criterion: 'improvement',
    name: { zh: '重复投诉率', en: 'Repeat complaints' },
    unit: '%',
    direction: 'lower',
    definition: {
      zh: '投诉中，同一客户同一原因在 90 天内再次投诉的占比',
      en: 'share of complaints repeating one by the same customer for the same cause within 90 days',
    },
  },
  {
    key: 'improvement_proposals',
    criterion: 'innovation',
    name: { zh: '改进建议数', en: 'Improvement proposals' },
    unit: 'count',
    direction: 'higher',
    definition: {
      zh: '期间内主动提出的改进措施数（不含由投诉引出的措施）；目标为每人数量',
      en: 'improvement actions proposed in the period not arising from a complaint; the target is per person',
    },
  },
  {
    key: 'new_products',
    criterion: 'innovation',
    name: { zh: '提出的新产品数', en: 'New products proposed' },
    unit: 'count',
    direction: 'higher',
    definition: {
      zh: '期间内新建入产品目录的产品数；目标为每人数量',
      en: 'products added to the catalogue in the period; the target is per person',
    },
  },
];

export function criterionDefinition(key: CriterionKey): CriterionDefinition {
  return CRITERION_DEFINITIONS.find((c) => c.key === key)!;
}

export function measureDefinition(key: MeasureKey): MeasureDefinition {
  return MEASURE_DEFINITIONS.find((m) => m.key === key)!;
}

// ---------------------------------------------------------------- settings

export interface Team {
  id: string;
  name: string;
  /** User ids. */
  members: string[];
}

export interface CapabilitySettings {
  /** Weight per criterion, integers summing to 100. */
  weights: Record<CriterionKey, number>;
  /** Target score (0–100) per criterion. */
  targets: Record<CriterionKey, number>;
  /** Target per measure in the measure's own unit (a count target is per person). */
  measureTargets: Record<MeasureKey, number>;
  /** Share (0–100) of a criterion's score taken from evidence when there is also an assessor's score. */
  evidenceShare: number;
  /** Fewest criteria evaluated for an overall score and grade. */
  minEvaluated: number;
  /** Hours within which a question to the customer counts as answered in time. */
  questionHours: number;
  teams: Team[];
}

export const DEFAULT_CAPABILITY_SETTINGS: CapabilitySettings = {
  weights: { communication: 25, knowledge: 20, service: 20, improvement: 20, innovation: 15 },
  targets: { communication: 80, knowledge: 80, service: 80, improvement: 80, innovation: 70 },
  measureTargets: {
    requirements_stable: 90,
    questions_answered_in_time: 90,
    implicit_before_review: 90,
    feedback_48h: 95,
    satisfaction: 85,
    complaint_response_hours: 24,
    actions_closed_effective: 80,
    repeat_complaint_rate: 10,
    improvement_proposals: 2,
    new_products: 1,
  },
  evidenceShare: 50,
  minEvaluated: 4,
  questionHours: 48,
  teams: [],
};

// ---------------------------------------------------------------- evidence and assessment

/** One measure's raw evidence: `value` is null when the data holds nothing to measure. */
export interface MeasureEvidence {
  value: number | null;
  numerator: number;
  denominator: number;
  /** Contract numbers, customers … behind a shortfall, for the findings. */
  examples: string[];
}

export type CapabilityEvidence = Record<MeasureKey, MeasureEvidence>;

/** An assessor's 1–5 scores per criterion and sub-item; a sub-item left out is not scored. */
export type Assessment = Partial<Record<CriterionKey, Record<string, number>>>;

// ---------------------------------------------------------------- result

export type Grade = 'A' | 'B' | 'C' | 'D';

export interface MeasureResult {
  key: MeasureKey;
  name: Bilingual;
  unit: MeasureUnit;
  direction: 'higher' | 'lower';
  value: number | null;
  numerator: number;
  denominator: number;
  /** The target in the value's own unit (for counts: per person × people in scope). */
  target: number;
  /** 0–100; null without evidence. */
  score: number | null;
  /** How far the value is beyond (+) or short of (−) its target, in the value's unit. */
  gap: number | null;
  met: boolean | null;
}

export interface SubItemResult {
  key: string;
  name: Bilingual;
  /** The assessor's 1–5, or null when not scored. */
  rating: number | null;
}

export interface CriterionResult {
  key: CriterionKey;
  no: number;
  name: Bilingual;
  weight: number;
  target: number;
  status: 'evaluated' | 'not_evaluated';
  /** What the score rests on. */
  basis: 'evidence' | 'assessor' | 'both' | null;
  evidenceScore: number | null;
  assessorScore: number | null;
  score: number | null;
  gap: number | null;
  measures: MeasureResult[];
  subItems: SubItemResult[];
}

export interface Finding {
  criterion: CriterionKey;
  severity: 'ok' | 'minor' | 'major' | 'not_evaluated';
  text: Bilingual;
  suggestion: Bilingual | null;
  ownerDepartment: string;
}

export interface CapabilityResult {
  criteria: CriterionResult[];
  /** Weighted mean over the evaluated criteria; null when fewer than `minEvaluated` are. */
  score: number | null;
  grade: Grade | null;
  evaluatedCount: number;
  minEvaluated: number;
  /** Share (%) of the total weight the evaluated criteria carry. */
  coverage: number;
  findings: Finding[];
  summary: Bilingual;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const clamp = (n: number) => Math.min(100, Math.max(0, n));

export function gradeOf(score: number): Grade {
  if (score >= 85) return 'A';
  if (score >= 70) return 'B';
  if (score >= 55) return 'C';
  return 'D';
}

/** An assessor's 1–5 on the 0–100 scale: 5 = 100, 4 = 80, 3 = 60 (百分制 = 分值 × 20). */
export function ratingScore(rating: number): number {
  return rating * 20;
}

/**
 * A measure's 0–100 score. Rates and indices score their value (a lower-is-better rate its
 * complement); response hours score 100 up to the target and fall to 0 at four times it; counts
 * score their share of the target.
 */
export function measureScore(
  unit: MeasureUnit,
  direction: 'higher' | 'lower',
  value: number,
  target: number,
): number {
  if (unit === 'h') {
    if (value <= target) return 100;
    return round1(clamp(100 - ((value - target) / (3 * Math.max(target, 0.1))) * 100));
  }
  if (unit === 'count') return target <= 0 ? 100 : round1(clamp((value / target) * 100));
  return round1(clamp(direction === 'higher' ? value : 100 - value));
}

function measureResult(
  def: MeasureDefinition,
  e: MeasureEvidence,
  settings: CapabilitySettings,
  people: number,
): MeasureResult {
  const perPerson = settings.measureTargets[def.key];
  const target = def.unit === 'count' ? perPerson * Math.max(1, people) : perPerson;
  const value = e.value === null ? null : round1(e.value);
  const gap = value === null ? null : round1(def.direction === 'higher' ? value - target : target - value);
  return {
    key: def.key,
    name: def.name,
    unit: def.unit,
    direction: def.direction,
    value,
    numerator: e.numerator,
    denominator: e.denominator,
    target,
    score: value === null ? null : measureScore(def.unit, def.direction, value, target),
    gap,
    met: gap === null ? null : gap >= 0,
  };
}

const mean = (xs: number[]) => (xs.length === 0 ? null : round1(xs.reduce((a, v) => a + v, 0) / xs.length));

export interface EvaluateInput {
  evidence: CapabilityEvidence;
  assessment: Assessment;
  settings: CapabilitySettings;
  /** People the evaluation covers (1 for a salesperson); scales the per-person count targets. */
  people: number;
}

/** Valid 1–5 ratings only; anything else is treated as not scored (the route validates first). */
function rating(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5 ? v : null;
}

function unit(m: MeasureResult, v: number, lang: 'zh' | 'en'): string {
  return m.unit === '%' ? `${v}%` : m.unit === 'h' ? `${v} ${lang === 'zh' ? '小时' : 'h'}` : String(v);
}

function measureLine(m: MeasureResult, lang: 'zh' | 'en'): string {
  if (m.value === null) return lang === 'zh' ? `${m.name.zh}：无数据` : `${m.name.en}: no data`;
  const cmp = m.direction === 'higher' ? '≥' : '≤';
  const base =
    lang === 'zh'
      ? `${m.name.zh} ${unit(m, m.value, lang)}（目标 ${cmp} ${unit(m, m.target, lang)}）`
      : `${m.name.en} ${unit(m, m.value, lang)} (target ${cmp} ${unit(m, m.target, lang)})`;
  return base;
}

const SUGGESTIONS: Record<CriterionKey, Bilingual> = {
  communication: {
    zh: '评审前逐条复述并书面确认需求，对不明确处在 48 小时内向客户提问澄清，复盘确认后被修改的需求。',
    en: 'Read requirements back and confirm them in writing before review, clarify open points within 48 h, and review the requirements changed after confirmation.',
  },
  knowledge: {
    zh: '组织行业、产品工艺及法律法规培训，完善需求识别检查表中的隐含与法定要求条目。',
    en: 'Train on the industry, products, processes and applicable laws; add implied and statutory items to the identification checklist.',
  },
  service: {
    zh: '设置 48 小时反馈提醒并按时答复客户，针对满意度低的客户制定回访计划。',
    en: 'Answer customers within the 48-hour budget using the reminders; plan visits to the least satisfied customers.',
  },
  improvement: {
    zh: '投诉 24 小时内响应并按 8D 处理，跟踪措施按期关闭并验证有效性，防止同类投诉重复发生。',
    en: 'Respond to complaints within 24 h and work them through 8D; close actions on time, verify them and prevent repeats.',
  },
  innovation: {
    zh: '鼓励结合客户需求提出改进建议和新产品方案，并在评审中跟进落实。',
    en: 'Encourage improvement proposals and new product ideas from customer needs and follow them up in review.',
  },
};

export function evaluateCapability(input: EvaluateInput): CapabilityResult {
  const { evidence, assessment, settings, people } = input;
  const share = settings.evidenceShare / 100;
  const criteria: CriterionResult[] = CRITERION_DEFINITIONS.map((def) => {
    const measures = MEASURE_DEFINITIONS.filter((m) => m.criterion === def.key).map((m) =>
      measureResult(m, evidence[m.key], settings, people),
    );
    const given = assessment[def.key] ?? {};
    const subItems = def.subItems.map((s) => ({ key: s.key, name: s.name, rating: rating(given[s.key]) }));
    const evidenceScore = mean(measures.flatMap((m) => (m.score === null ? [] : [m.score])));
    const assessorScore = mean(subItems.flatMap((s) => (s.rating === null ? [] : [ratingScore(s.rating)])));
    const basis =
      evidenceScore !== null && assessorScore !== null
        ? 'both'
        : evidenceScore !== null
          ? 'evidence'
          : assessorScore !== null
            ? 'assessor'
            : null;
    const score =
      basis === 'both'
        ? round1(share * evidenceScore! + (1 - share) * assessorScore!)
        : (evidenceScore ?? assessorScore);
    const target = settings.targets[def.key];
    return {
      key: def.key,
      no: def.no,
      name: def.name,
      weight: settings.weights[def.key],
      target,
      status: score === null ? 'not_evaluated' : 'evaluated',
      basis,
      evidenceScore,
      assessorScore,
      score,
      gap: score === null ? null : round1(score - target),
      measures,
      subItems,
    };
  });

  const evaluated = criteria.filter((c) => c.score !== null);
  const totalWeight = criteria.reduce((a, c) => a + c.weight, 0);
  const evaluatedWeight = evaluated.reduce((a, c) => a + c.weight, 0);
  const coverage = totalWeight === 0 ? 0 : round1((evaluatedWeight / totalWeight) * 100);
  const graded = evaluated.length >= settings.minEvaluated && evaluatedWeight > 0;
  const score = graded
    ? round1(evaluated.reduce((a, c) => a + c.score! * c.weight, 0) / evaluatedWeight)
    : null;
  const grade = score === null ? null : gradeOf(score);

  const findings = criteria.map((c): Finding => {
    const def = criterionDefinition(c.key);
    const base = { criterion: c.key, ownerDepartment: def.ownerDepartment };
    if (c.score === null) {
      return {
        ...base,
        severity: 'not_evaluated',
        text: {
          zh: `${c.name.zh}：未评价——本期既无数据也无评价人打分，不计入总评。`,
          en: `${c.name.en}: not evaluated — neither evidence nor an assessor's score this period; left out of the overall score.`,
        },
        suggestion: null,
      };
    }
    const severity: Finding['severity'] =
      c.score >= c.target ? 'ok' : c.score >= c.target - 20 ? 'minor' : 'major';
    const short = c.measures.filter((m) => m.met === false);
    const examples = short.flatMap((m) => evidence[m.key].examples).slice(0, 5);
    const basisZh = { evidence: '依据数据', assessor: '依据评价人打分', both: '数据与评价人打分结合' }[
      c.basis!
    ];
    const basisEn = {
      evidence: 'from the data',
      assessor: "from the assessor's scores",
      both: 'data and assessor combined',
    }[c.basis!];
    const lines = c.measures.filter((m) => m.value !== null);
    return {
      ...base,
      severity,
      text: {
        zh: `${c.name.zh}得分 ${c.score}（目标 ${c.target}，${basisZh}）${lines.length ? `：${lines.map((m) => measureLine(m, 'zh')).join('；')}` : ''}${examples.length ? `（涉及 ${examples.join('、')}）` : ''}。`,
        en: `${c.name.en} scores ${c.score} (target ${c.target}, ${basisEn})${lines.length ? `: ${lines.map((m) => measureLine(m, 'en')).join('; ')}` : ''}${examples.length ? ` (see ${examples.join(', ')})` : ''}.`,
      },
      suggestion: severity === 'ok' ? null : SUGGESTIONS[c.key],
    };
  });

  const missing = criteria.filter((c) => c.score === null);
  const weak = findings.filter((f) => f.severity === 'minor' || f.severity === 'major').length;
  const missingZh = missing.length ? `；未评价：${missing.map((c) => c.name.zh).join('、')}` : '';
  const missingEn = missing.length ? `; not evaluated: ${missing.map((c) => c.name.en).join(', ')}` : '';
  const summary: Bilingual = graded
    ? {
        zh: `需求识别能力总评 ${score} 分，等级 ${grade}；${evaluated.length} 项准则已评价（权重合计 ${coverage}%），${weak} 项未达目标${missingZh}。`,
        en: `Overall ${score}, grade ${grade}; ${evaluated.length} criteria evaluated (${coverage}% of the weight), ${weak} below target${missingEn}.`,
      }
    : {
        zh: `仅 ${evaluated.length} 项准则已评价，至少需要 ${settings.minEvaluated} 项才给出总评和等级${missingZh}。`,
        en: `Only ${evaluated.length} criteria evaluated; an overall score and grade need at least ${settings.minEvaluated}${missingEn}.`,
      };
  return {
    criteria,
    score,
    grade,
    evaluatedCount: evaluated.length,
    minEvaluated: settings.minEvaluated,
    coverage,
    findings,
    summary,
  };
}
