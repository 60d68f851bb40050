// Evaluation of the organisation's capability to identify customer requirements (ISO 9001 §8.2.2
// determining requirements, §9.1.3 analysis and evaluation). Pure: the repository gathers the
// facts; this turns them into indicators, a weighted score, a grade and findings in Chinese.
// An indicator without data is "not applicable" and its weight goes to the others, so a young
// installation is not graded on evidence it cannot have yet.

export interface ContractEvidence {
  id: string;
  number: string;
  customerId: string | null;
  receivedAt: string;
  /** Final contract class after review. */
  finalClass: string | null;
  /** Class the analysis rules proposed; null when the contract did not come through an analysis. */
  proposedClass: string | null;
  /** When sales confirmed the requirements (review event), if ever. */
  requirementsConfirmedAt: string | null;
  /** First department signature. */
  firstReviewSignedAt: string | null;
  /** Last current department signature, when every department has signed. */
  reviewCompletedAt: string | null;
  requirementCount: number;
  /** Requirements added or changed by later amendments: missed or wrong at first. */
  requirementsChangedByAmendment: number;
}

export interface CapabilityFacts {
  contracts: readonly ContractEvidence[];
  /** Complaints of the period whose root cause type was recorded. */
  complaintsWithRootCause: number;
  /** …of which the root cause was a requirement that was not identified. */
  complaintsRequirementNotIdentified: number;
  /** Customers with a contract in the period. */
  activeCustomerIds: readonly string[];
  /** Customers with at least one active CSR entry. */
  customersWithCsr: readonly string[];
}

export const INDICATORS = [
  'confirmed_before_review',
  'requirements_stable',
  'complaints_not_from_missed_requirements',
  'csr_coverage',
  'review_lead_time',
  'special_detection_agreement',
] as const;
export type IndicatorKey = (typeof INDICATORS)[number];

const WEIGHTS: Record<IndicatorKey, number> = {
  confirmed_before_review: 20,
  requirements_stable: 20,
  complaints_not_from_missed_requirements: 15,
  csr_coverage: 15,
  review_lead_time: 15,
  special_detection_agreement: 15,
};

const NAMES: Record<IndicatorKey, string> = {
  confirmed_before_review: '评审前需求确认率 / requirements confirmed before review',
  requirements_stable: '需求一次识别准确率（未被变更修改）/ requirements not changed by amendments',
  complaints_not_from_missed_requirements:
    '投诉中非“需求未识别”原因占比 / complaints not caused by a missed requirement',
  csr_coverage: '客户特定要求（CSR）覆盖率 / CSR register coverage',
  review_lead_time: '评审周期 / review lead time',
  special_detection_agreement: '特殊要求判定一致率 / special-requirement detection kept',
};

/** Target for a good indicator score (0–100). */
const TARGET: Record<IndicatorKey, number> = {
  confirmed_before_review: 95,
  requirements_stable: 90,
  complaints_not_from_missed_requirements: 90,
  csr_coverage: 80,
  review_lead_time: 80,
  special_detection_agreement: 85,
};

const OWNER: Record<IndicatorKey, string> = {
  confirmed_before_review: 'sales',
  requirements_stable: 'sales',
  complaints_not_from_missed_requirements: 'quality',
  csr_coverage: 'quality',
  review_lead_time: 'sales',
  special_detection_agreement: 'technical',
};

export interface Indicator {
  key: IndicatorKey;
  name: string;
  weight: number;
  /** 0–100; null when no data (not applicable). */
  score: number | null;
  /** The measured value in its own unit (percent or hours). */
  value: number | null;
  unit: '%' | 'h';
  numerator: number;
  denominator: number;
  target: number;
}

export type Grade = 'A' | 'B' | 'C' | 'D';

export interface Finding {
  indicator: IndicatorKey;
  severity: 'ok' | 'minor' | 'major' | 'no_data';
  /** 中文说明。 */
  text: string;
  /** Suggested improvement (empty for ok / no data). */
  suggestion: string;
  ownerDepartment: string;
}

export interface CapabilityResult {
  indicators: Indicator[];
  score: number | null;
  grade: Grade | null;
  findings: Finding[];
  summary: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const pct = (num: number, den: number) => (den === 0 ? null : round1((num / den) * 100));

export function gradeOf(score: number): Grade {
  if (score >= 85) return 'A';
  if (score >= 70) return 'B';
  if (score >= 55) return 'C';
  return 'D';
}

/** Lead time within 24 h scores 100, 96 h or more scores 0, linear between. */
export function leadTimeScore(hours: number): number {
  return round1(Math.min(100, Math.max(0, 100 - ((hours - 24) / 72) * 100)));
}

function indicator(key: IndicatorKey, numerator: number, denominator: number, invert = false): Indicator {
  const rate = pct(numerator, denominator);
  return {
    key,
    name: NAMES[key],
    weight: WEIGHTS[key],
    value: rate,
    score: rate === null ? null : invert ? round1(100 - rate) : rate,
    unit: '%',
    numerator,
    denominator,
    target: TARGET[key],
  };
}

export function evaluateCapability(facts: CapabilityFacts): CapabilityResult {
  const cs = facts.contracts;
  const reviewed = cs.filter((c) => c.requirementsConfirmedAt || c.firstReviewSignedAt);
  const confirmedFirst = reviewed.filter(
    (c) =>
      c.requirementsConfirmedAt !== null &&
      (c.firstReviewSignedAt === null || c.requirementsConfirmedAt <= c.firstReviewSignedAt),
  );
  const reqTotal = cs.reduce((a, c) => a + c.requirementCount, 0);
  const reqChanged = cs.reduce(
    (a, c) => a + Math.min(c.requirementsChangedByAmendment, c.requirementCount),
    0,
  );
  const active = new Set(facts.activeCustomerIds);
  const withCsr = new Set(facts.customersWithCsr);
  const covered = [...active].filter((id) => withCsr.has(id)).length;
  const completed = cs.filter((c) => c.reviewCompletedAt);
  const hours = completed.map(
    (c) => (Date.parse(c.reviewCompletedAt!) - Date.parse(c.receivedAt)) / 3_600_000,
  );
  const meanHours = hours.length ? round1(hours.reduce((a, v) => a + v, 0) / hours.length) : null;
  const compared = cs.filter((c) => c.proposedClass && c.finalClass);
  const kept = compared.filter((c) => c.proposedClass === c.finalClass);

  const indicators: Indicator[] = [
    indicator('confirmed_before_review', confirmedFirst.length, reviewed.length),
    indicator('requirements_stable', reqChanged, reqTotal, true),
    indicator(
      'complaints_not_from_missed_requirements',
      facts.complaintsRequirementNotIdentified,
      facts.complaintsWithRootCause,
      true,
    ),
    indicator('csr_coverage', covered, active.size),
    {
      key: 'review_lead_time',
      name: NAMES.review_lead_time,
      weight: WEIGHTS.review_lead_time,
      value: meanHours,
      score: meanHours === null ? null : leadTimeScore(meanHours),
      unit: 'h',
      numerator: completed.length,
      denominator: completed.length,
      target: TARGET.review_lead_time,
    },
    indicator('special_detection_agreement', kept.length, compared.length),
  ];

  const available = indicators.filter((i) => i.score !== null);
  const weight = available.reduce((a, i) => a + i.weight, 0);
  const score = weight === 0 ? null : round1(available.reduce((a, i) => a + i.score! * i.weight, 0) / weight);
  const grade = score === null ? null : gradeOf(score);

  const notConfirmed = reviewed.filter((c) => !confirmedFirst.includes(c)).map((c) => c.number);
  const uncovered = [...active].filter((id) => !withCsr.has(id));
  const overridden = compared.filter((c) => c.proposedClass !== c.finalClass).map((c) => c.number);
  const findings = indicators.map((i): Finding => {
    const base = { indicator: i.key, ownerDepartment: OWNER[i.key] };
    if (i.score === null) {
      return {
        ...base,
        severity: 'no_data',
        text: `${NAMES[i.key].split(' / ')[0]}：本期无数据，不计入得分。`,
        suggestion: '',
      };
    }
    const severity: Finding['severity'] =
      i.score >= i.target ? 'ok' : i.score >= i.target - 20 ? 'minor' : 'major';
    const list = (xs: string[]) =>
      xs.length ? `（${xs.slice(0, 5).join('、')}${xs.length > 5 ? ' 等' : ''}）` : '';
    const text: Record<IndicatorKey, string> = {
      confirmed_before_review: `${i.denominator} 份已进入评审的合同中，${i.numerator} 份在部门评审前已确认需求（${i.value}%，目标 ≥ ${i.target}%）${list(notConfirmed)}。`,
      requirements_stable: `${i.denominator} 条需求中有 ${i.numerator} 条在合同变更时被新增或修改（首次识别遗漏或错误率 ${i.value}%；得分 ${i.score}，目标 ≥ ${i.target}）。`,
      complaints_not_from_missed_requirements: `${i.denominator} 起已分析根因的投诉中，${i.numerator} 起根因为“需求未识别”（${i.value}%；得分 ${i.score}，目标 ≥ ${i.target}）。`,
      csr_coverage: `本期有合同的 ${i.denominator} 家客户中，${i.numerator} 家已建立 CSR 登记（${i.value}%，目标 ≥ ${i.target}%）；未覆盖 ${uncovered.length} 家。`,
      review_lead_time: `${i.numerator} 份合同完成评审，平均评审周期 ${i.value} 小时（得分 ${i.score}；24 小时内满分，超过 96 小时为 0）。`,
      special_detection_agreement: `${i.denominator} 份合同中，系统规则判定的合同类别有 ${i.numerator} 份被评审保留（${i.value}%，目标 ≥ ${i.target}%）${list(overridden)}。`,
    };
    const suggestion: Record<IndicatorKey, string> = {
      confirmed_before_review: '销售在发起评审前逐条确认需求，必要时向客户澄清（ISO 9001 §8.2.2）。',
      requirements_stable: '复盘被变更的需求，补充需求识别检查表与词典，评审时加强对隐含要求的识别。',
      complaints_not_from_missed_requirements:
        '对“需求未识别”类投诉开展 8D 分析，更新 CSR 登记和评审检查表。',
      csr_coverage: '为未覆盖的活跃客户收集并登记客户特定要求（CSR，IATF 16949 §4.3.2）。',
      review_lead_time: '缩短各部门会签等待时间，设置催办并确保 48 小时内反馈客户。',
      special_detection_agreement: '分析被改判的合同，调整特殊要求判定规则或补充规则条件。',
    };
    return { ...base, severity, text: text[i.key], suggestion: severity === 'ok' ? '' : suggestion[i.key] };
  });

  const weak = findings.filter((f) => f.severity === 'major' || f.severity === 'minor').length;
  const summary =
    score === null
      ? '本期缺少合同、评审、投诉和 CSR 数据，无法评价需求识别能力。'
      : `需求识别能力得分 ${score}，等级 ${grade}；${available.length} 项指标有数据，${weak} 项未达目标。`;
  return { indicators, score, grade, findings, summary };
}
