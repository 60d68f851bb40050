// The contract review record (合同评审记录) laid out as the controlled form an IATF 16949 auditor
// files: heading with company, form number and revision; the contract with its items and total;
// requirements; each department's checklist answers, opinion and signer; the meeting; negotiations
// and the GM's decision; the conclusion; the 48-hour answer; the customer's confirmation; every
// amendment round as it was; a signature block. Pure: both renderers (record-files.ts) print exactly
// this. People appear by name and department, never by id; times in the configured zone; every
// code the workflow uses is printed through its label (review-labels.ts).

import type { ContractClass } from '../analysis/result.js';
import { DEPARTMENT_LABELS, isDepartment } from '../auth/roles.js';
import { samplesAreStandard } from '../review/case-logic.js';
import { orderAmounts } from '../review/order-amounts.js';
import { CORRECTION_LABELS, requirementCorrections } from '../review/requirement-corrections.js';
import { buildReviewRecord } from '../review/review-record.js';
import { type ReviewRound, reviewRounds } from '../review/review-rounds.js';
import type {
  ContractTerms,
  RecordSettings,
  ReviewConfig,
  SignOff,
  TemporaryBasis,
} from '../review/types.js';
import type { ReviewState } from '../review/workflow.js';
import { CATEGORY_LABELS } from '../rules/csr-matrix.js';
import {
  AMENDMENT_LABELS,
  ANSWER_LABELS,
  AUTHORITY_LABELS,
  bilingual,
  CHANGE_FIELD_LABELS,
  CLASS_LABELS,
  CONCLUSION_LABELS,
  GM_DECISION_LABELS,
  ISSUE_STATUS_LABELS,
  localTime,
  MODE_LABELS,
  NEGOTIATION_OUTCOME_LABELS,
  OUTCOME_LABELS,
  REQUIREMENT_KIND_LABELS,
  REQUIREMENT_STATUS_LABELS,
  STAGE_LABELS,
  TEMPORARY_CHANNEL_LABELS,
} from './review-labels.js';
import { DEFAULT_RECORD_SETTINGS } from './review-policy.js';

/** A cell: text, an amount or quantity (a number in XLSX), an instant or a calendar day (a date). */
export type Cell =
  | string
  | { number: number; format: 'money' | 'quantity' }
  | { instant: string }
  | { day: string };

export type Block =
  | { kind: 'fields'; rows: [string, Cell][] }
  | { kind: 'table'; columns: { label: string; width: number }[]; rows: Cell[][] }
  | { kind: 'text'; text: string };

export interface Section {
  title: string;
  blocks: Block[];
}

export interface RecordDocument {
  companyName: string;
  title: string;
  formNumber: string;
  formRevision: string;
  number: string;
  timeZone: string;
  printedAt: string;
  sections: Section[];
  signatures: { role: string; name: string; at: Cell }[];
}

/** Who a user id is: the name and department an auditor reads. */
export type People = Record<string, { name: string; department: string }>;

export interface RecordSource {
  number: string;
  customer: string;
  /** The customer's PO or contract number from the order under review, when there is one. */
  poNumber?: string | null;
  /** What the analysis classed the order as, when the order corrected at intake was classed otherwise. */
  analysedClassification?: {
    class: ContractClass | null;
    reasons: { code: string; explanation: string }[];
  } | null;
  people: People;
}

const NONE = '—';

export function recordSettings(config: ReviewConfig): RecordSettings {
  return { ...DEFAULT_RECORD_SETTINGS, ...config.record };
}

export function buildRecordDocument(
  source: RecordSource,
  state: ReviewState,
  now: Date,
  config: ReviewConfig,
): RecordDocument {
  const settings = recordSettings(config);
  const d = state.context;
  const record = buildReviewRecord(state, now, config);
  const rounds = reviewRounds(d);
  const current = rounds.at(-1)!;
  const time = (iso: string | null | undefined): Cell => (iso ? { instant: iso } : NONE);
  const person = (id: string | null | undefined) => personName(source.people, id);
  const personWithDept = (id: string | null | undefined) => {
    if (!id) return NONE;
    const p = source.people[id];
    return p ? `${p.name}（${departmentLabel(p.department)}）` : person(id);
  };
  const f: Fmt = { time, at: (iso) => localTime(iso, settings.timeZone), person, personWithDept };

  const sections: Section[] = [
    {
      title: '一、合同信息 Contract',
      blocks: [
        {
          kind: 'fields',
          rows: [
            ['合同号 Contract number', source.number],
            ['客户 Customer', source.customer],
            ['客户订单号 Customer PO', source.poNumber ?? NONE],
            ['合同类别 Contract class', bilingual(CLASS_LABELS[d.contractClass])],
            ['类别依据 Why this class', reasonsText(current)],
            ...reclassifiedFields(source, rounds.length),
            ...(d.contractClass === 'temporary' ? temporaryBasisFields(d.temporaryBasis ?? null, f) : []),
            ['评审方式 Review mode', bilingual(MODE_LABELS[d.mode])],
            ['评审阶段 Stage', bilingual(STAGE_LABELS[state.value])],
            ['合同版本 Contract version', `第 ${d.contractVersion} 版 Version ${d.contractVersion}`],
            ['评审轮次 Review round', `第 ${current.round} 轮 Round ${current.round}`],
            ['收到时间 Received', time(d.receivedAt)],
            ['负责人 Case owner', personWithDept(d.owner)],
            ...termsFields(current.terms),
            [
              '按样品验收 Accepted against a sample',
              samplesAreStandard(d) ? '是，须样品确认/封样 Yes; sample sign-off required' : '否 No',
            ],
          ],
        },
      ],
    },
    { title: '二、产品明细 Items', blocks: [itemsTable(current.terms), ...taxTable(current.terms)] },
    {
      title: '三、客户要求 Requirements',
      blocks: [
        requirementsTable(current),
        ...correctionBlocks(current, rounds.at(-2)?.closedBy?.at ?? null, f),
      ],
    },
    {
      title: '四、部门评审 Department reviews',
      blocks: departmentBlocks(current.signOffs, f),
    },
    { title: '五、评审会议 Review meeting', blocks: meetingBlocks(current, f) },
    {
      title: '六、协商与总经理决定 Negotiation and GM decision',
      blocks: issueBlocks(current, f),
    },
    { title: '七、评审结论 Conclusion', blocks: conclusionBlocks(current, f) },
    ...(d.writtenConfirmation
      ? [
          {
            title: '书面确认 Written confirmation',
            blocks: [
              { kind: 'text' as const, text: d.writtenConfirmation.zh },
              { kind: 'text' as const, text: d.writtenConfirmation.en },
            ],
          },
        ]
      : []),
    {
      title: '八、48 小时反馈客户 Answer to the customer within 48 h',
      blocks: [
        {
          kind: 'fields',
          rows: [
            ['时限 Time allowed', `${record.feedbackDeadline.budgetHours} 小时 hours`],
            ['期限 Due', time(record.feedbackDeadline.dueAt)],
            ...feedbackFields(current, f),
            [
              '计时 Hours counted',
              {
                number: record.feedbackDeadline.countedHours,
                format: 'quantity',
              },
            ],
            [
              '是否按时 On time',
              record.feedbackDeadline.compliant === null
                ? '进行中 Still open'
                : record.feedbackDeadline.compliant
                  ? '是 Yes'
                  : '否 No',
            ],
          ],
        },
      ],
    },
    {
      title: '九、客户确认 Customer confirmation',
      blocks: [{ kind: 'fields', rows: confirmationFields(current, f) }],
    },
    {
      title: '十、合同变更与评审轮次 Amendments and review rounds',
      blocks: amendmentBlocks(d.versions, rounds, f),
    },
    ...rounds.slice(0, -1).map((r, i) => earlierRoundSection(r, f, rounds[i - 1]?.closedBy?.at ?? null)),
  ];

  const conclusionSigner = d.conclusion?.signature;
  const gm = d.issues.find((i) => i.gm)?.gm;
  return {
    companyName: settings.companyName,
    title: '合同评审记录 Contract review record',
    formNumber: settings.formNumber,
    formRevision: settings.formRevision,
    number: source.number,
    timeZone: settings.timeZone,
    printedAt: now.toISOString(),
    sections,
    signatures: [
      { role: '编制 Prepared by（销售 Sales）', name: person(d.owner), at: time(d.history[0]?.at) },
      {
        role: `结论签署 Conclusion signed by（${bilingual(AUTHORITY_LABELS[d.conclusionAuthority])}）`,
        name: conclusionSigner ? person(conclusionSigner.userId) : '',
        at: conclusionSigner ? time(conclusionSigner.at) : '',
      },
      {
        role: '总经理 General manager',
        name: gm ? person(gm.by) : '',
        at: gm ? time(gm.at) : '',
      },
    ],
  };
}

// ---------------------------------------------------------------- parts

function personName(people: People, id: string | null | undefined): string {
  if (!id) return NONE;
  // Never an id on the form: an unknown signer is said to be unknown.
  return people[id]?.name ?? '（用户已不在系统中 user no longer on file）';
}

function departmentLabel(department: string): string {
  return isDepartment(department) ? bilingual(DEPARTMENT_LABELS[department]) : department;
}

function reasonsText(round: ReviewRound): string {
  const reasons = round.classification.reasons;
  if (reasons.length) return reasons.map((r) => r.explanation).join('；');
  return round.classification.contractClass === 'regular'
    ? '无特殊条款 Nothing beyond the standard terms'
    : '未记录（手工建立）Not recorded (opened by hand)';
}

/**
 * The order was corrected on the intake page and the rules classed it otherwise than the analysis:
 * the first round says what the analysis had given, so the auditor sees why the class changed.
 */
function reclassifiedFields(source: RecordSource, roundCount: number): [string, Cell][] {
  const a = source.analysedClassification;
  if (!a || roundCount > 1) return [];
  const was = a.class ? bilingual(CLASS_LABELS[a.class]) : '未定 Undetermined';
  const why = a.reasons.map((r) => r.explanation).join('；');
  return [
    [
      '更正前分类 Class before the order was corrected',
      `${was}${why ? `（${why}）` : ''}；按更正后的订单重新分类 Classed again from the corrected order`,
    ],
  ];
}

/** What a temporary contract rests on: why, who gave it, when and how, and who recorded it. */
function temporaryBasisFields(b: TemporaryBasis | null, f: Fmt): [string, Cell][] {
  if (!b) return [['临时合同依据 Temporary contract basis', '未记录 Not recorded']];
  return [
    ['临时合同依据 Temporary contract basis', b.reason],
    ['客户下达人 Given by', b.statedBy],
    ['下达时间 Given at', f.time(b.statedAt)],
    ['下达方式 Channel', bilingual(TEMPORARY_CHANNEL_LABELS[b.channel])],
    ['记录人 Recorded by', `${f.personWithDept(b.recordedBy)}，${f.at(b.recordedAt)}`],
  ];
}

function termsFields(t: ContractTerms): [string, Cell][] {
  return [
    ['交货日期 Delivery date', t.delivery.date ? { day: t.delivery.date } : NONE],
    ['交货地点 Delivery place', t.delivery.place ?? NONE],
    ['交货条件 Delivery terms', t.delivery.terms ?? NONE],
    ['付款条件 Payment terms', t.paymentTerms ?? NONE],
  ];
}

const money = (n: number): Cell => ({ number: n, format: 'money' });

const TAX_BASIS = (included: boolean | null): string =>
  included === true ? '含税 Incl. tax' : included === false ? '不含税 Excl. tax' : NONE;

const moneyOr = (n: number | null): Cell => (n === null ? NONE : money(n));

/** The items with their amounts and the total (the tax, where stated, in taxTable). */
function itemsTable(t: ContractTerms): Block {
  const a = orderAmounts(t.items);
  return {
    kind: 'table',
    columns: [
      { label: '序号 No.', width: 5 },
      { label: '产品 Product', width: 16 },
      { label: '规格型号 Spec/model', width: 13 },
      { label: '图号/版本 Drawing', width: 13 },
      { label: '数量 Quantity', width: 10 },
      { label: '单位 Unit', width: 7 },
      { label: '单价 Unit price', width: 12 },
      { label: '金额 Amount', width: 14 },
      { label: '币种/税 Currency, tax', width: 10 },
    ],
    rows: [
      ...t.items.map((i, n): Cell[] => [
        String(i.line),
        i.product,
        i.model ?? NONE,
        i.drawing ? `${i.drawing.number}${i.drawing.revision ? ` / ${i.drawing.revision}` : ''}` : NONE,
        i.quantity ? { number: i.quantity.value, format: 'quantity' } : NONE,
        i.quantity?.unit ?? NONE,
        i.unitPrice ? money(i.unitPrice.amount) : NONE,
        moneyOr(a.lines[n]!.amount),
        i.unitPrice
          ? `${i.unitPrice.currency}${i.unitPrice.taxIncluded === null ? '' : ` ${TAX_BASIS(i.unitPrice.taxIncluded)}`}`
          : NONE,
      ]),
      [
        '',
        '合计 Total',
        '',
        '',
        '',
        '',
        '',
        a.totals.amount === null ? '无法合计 Not summable' : money(a.totals.amount),
        a.totals.amount === null ? '' : (a.currency ?? ''),
      ],
    ],
  };
}

/**
 * Where the order says whether its prices include VAT (含税/不含税): each line's tax basis and
 * rate, the amount excluding tax, the tax and the amount including tax, with their totals; the
 * figures the order does not allow (no rate stated) stay empty.
 */
function taxTable(t: ContractTerms): Block[] {
  const a = orderAmounts(t.items);
  if (!a.hasTax) return [];
  return [
    { kind: 'text', text: '税额明细 Tax' },
    {
      kind: 'table',
      columns: [
        { label: '序号 No.', width: 5 },
        { label: '产品 Product', width: 19 },
        { label: '含税/不含税 Tax basis', width: 13 },
        { label: '税率 Tax rate', width: 9 },
        { label: '不含税金额 Excl. tax', width: 16 },
        { label: '税额 Tax', width: 14 },
        { label: '含税金额 Incl. tax', width: 16 },
        { label: '币种 Currency', width: 8 },
      ],
      rows: [
        ...t.items.map((i, n): Cell[] => {
          const l = a.lines[n]!;
          return [
            String(i.line),
            i.product,
            TAX_BASIS(l.taxIncluded),
            l.taxRate === null ? NONE : `${l.taxRate}%`,
            moneyOr(l.exclTax),
            moneyOr(l.tax),
            moneyOr(l.inclTax),
            l.currency ?? NONE,
          ];
        }),
        [
          '',
          '合计 Total',
          '',
          '',
          moneyOr(a.totals.exclTax),
          moneyOr(a.totals.tax),
          moneyOr(a.totals.inclTax),
          a.currency ?? '',
        ],
      ],
    },
  ];
}

function requirementsTable(round: ReviewRound): Block {
  const rows: Cell[][] = round.requirements.length
    ? round.requirements.map((q) => [
        q.id,
        q.text,
        bilingual(CATEGORY_LABELS[q.category]),
        bilingual(REQUIREMENT_KIND_LABELS[q.kind]),
        q.special ? '是 Yes' : '否 No',
        q.mergedInto
          ? `${bilingual(REQUIREMENT_STATUS_LABELS[q.status])}（并入 ${q.mergedInto} merged into ${q.mergedInto}）`
          : bilingual(REQUIREMENT_STATUS_LABELS[q.status]),
      ])
    : round.terms.requirements.map((q) => [
        q.id,
        q.text,
        bilingual(CATEGORY_LABELS[q.category]),
        bilingual(REQUIREMENT_KIND_LABELS[q.kind]),
        q.special ? '是 Yes' : '否 No',
        NONE,
      ]);
  return {
    kind: 'table',
    columns: [
      { label: '编号 No.', width: 6 },
      { label: '要求 Requirement', width: 40 },
      { label: '类别 Category', width: 12 },
      { label: '类型 Kind', width: 12 },
      { label: '特殊 Special', width: 8 },
      { label: '状态 Status', width: 12 },
    ],
    rows: rows.length ? rows : [[NONE, '无 None', '', '', '', '']],
  };
}

/**
 * 需求修订: what the case owner changed in the analysed list during this round (since the amendment
 * that opened it), so the auditor sees that what was reviewed is what the user corrected, and why.
 */
function correctionBlocks(round: ReviewRound, since: string | null, f: Fmt): Block[] {
  const rows = requirementCorrections(round.requirements, since, round.closedBy?.at ?? null).map(
    (c): Cell[] => [
      c.requirementId,
      `${bilingual(CORRECTION_LABELS[c.change])}${c.mergedWith ? `（${c.mergedWith}）` : ''}`,
      c.before ?? NONE,
      c.after,
      c.reason ?? NONE,
      f.personWithDept(c.by),
      f.time(c.at),
    ],
  );
  if (rows.length === 0) return [];
  return [
    { kind: 'text', text: '需求修订 Requirement corrections' },
    {
      kind: 'table',
      columns: [
        { label: '编号 No.', width: 6 },
        { label: '修订 Change', width: 10 },
        { label: '修订前 Before', width: 24 },
        { label: '修订后 After', width: 24 },
        { label: '原因 Reason', width: 16 },
        { label: '修订人 By', width: 12 },
        { label: '时间 Time', width: 12 },
      ],
      rows,
    },
  ];
}

type Time = (iso: string | null | undefined) => Cell;
type Named = (id: string | null | undefined) => string;

/** How the form names people and times: by name and department, in the record's zone. */
interface Fmt {
  time: Time;
  /** An instant inside a text cell. */
  at: (iso: string) => string;
  person: Named;
  personWithDept: Named;
}

function signerText(s: Omit<SignOff, 'previous'>, personWithDept: Named): string {
  if (!s.signature) return NONE;
  const deputy = s.signature.deputyFor ? `，代 ${departmentLabel(s.signature.deputyFor)} as deputy` : '';
  const via = s.via === 'meeting' ? '，评审会议本人确认 confirmed at the meeting' : '';
  return `${personWithDept(s.signature.userId)}${deputy}${via}`;
}

function outcomeText(s: Omit<SignOff, 'previous'>): string {
  return s.outcome ? bilingual(OUTCOME_LABELS[s.outcome]) : '待签 Not signed yet';
}

function departmentBlocks(signOffs: Omit<SignOff, 'previous'>[], f: Fmt): Block[] {
  const { time, personWithDept } = f;
  return [
    {
      kind: 'table',
      columns: [
        { label: '部门 Department', width: 14 },
        { label: '结论 Opinion', width: 16 },
        { label: '条件/原因 Conditions, reason', width: 24 },
        { label: '签署人 Signed by', width: 26 },
        { label: '签署时间 Signed at', width: 16 },
      ],
      rows: signOffs.map((s) => [
        departmentLabel(s.department),
        outcomeText(s),
        s.conditions ?? s.reason ?? '',
        signerText(s, personWithDept),
        time(s.signature?.at),
      ]),
    },
    {
      kind: 'table',
      columns: [
        { label: '部门 Department', width: 14 },
        { label: '检查项 Checklist item', width: 50 },
        { label: '答复 Answer', width: 16 },
      ],
      rows: signOffs.flatMap((s) =>
        s.checklist.map((c) => [
          departmentLabel(s.department),
          `${c.topic.zh} ${c.topic.en}`,
          s.answers[c.id] ? bilingual(ANSWER_LABELS[s.answers[c.id]!]) : '未答 Not answered',
        ]),
      ),
    },
  ];
}

function meetingBlocks(round: ReviewRound, f: Fmt): Block[] {
  const { time, personWithDept } = f;
  const m = round.meeting;
  if (!m) return [{ kind: 'text', text: '无评审会议 No review meeting' }];
  const requirementText = (id: string) => {
    const q = round.requirements.find((r) => r.id === id);
    return q ? `${id} ${q.text}` : id;
  };
  return [
    {
      kind: 'fields',
      rows: [
        ['会议时间 Held at', time(m.heldAt)],
        ['状态 Status', m.status === 'proposed' ? '待参加人确认 Awaiting participants' : '已生效 In force'],
        ['记录人 Minutes by', personWithDept(m.recordedBy)],
        [
          '参加人 Participants',
          m.participants
            .map((p) => {
              const who = personWithDept(p.userId);
              const seat =
                p.ownDepartment && p.ownDepartment !== p.department
                  ? `，代表 ${departmentLabel(p.department)} for`
                  : '';
              return `${who}${seat}`;
            })
            .join('、'),
        ],
        ['纪要 Minutes', m.minutes],
      ],
    },
    {
      kind: 'table',
      columns: [
        { label: '参加人 Participant', width: 30 },
        { label: '代表部门 For', width: 16 },
        { label: '本人确认 Confirmed', width: 18 },
      ],
      rows: m.participants.map((p) => [
        personWithDept(p.userId),
        departmentLabel(p.department),
        p.confirmedAt ? time(p.confirmedAt) : '未确认 Not confirmed',
      ]),
    },
    {
      kind: 'table',
      columns: [
        { label: '要求 Requirement', width: 30 },
        { label: '决定 Decision', width: 16 },
        { label: '说明 Note', width: 24 },
        { label: '涉及部门 Departments', width: 16 },
      ],
      rows: m.decisions.length
        ? m.decisions.map((x) => [
            requirementText(x.requirementId),
            bilingual(OUTCOME_LABELS[x.outcome]),
            x.note,
            x.departments.map(departmentLabel).join('、'),
          ])
        : [['无 None', '', '', '']],
    },
  ];
}

function issueBlocks(round: ReviewRound, f: Fmt): Block[] {
  const { time, person, personWithDept } = f;
  if (round.issues.length === 0)
    return [{ kind: 'text', text: '无不能满足项 Nothing that could not be met' }];
  return [
    {
      kind: 'table',
      columns: [
        { label: '事项 Item', width: 24 },
        { label: '内容 What', width: 34 },
        { label: '结果 Outcome', width: 16 },
        { label: '人/时间 By, at', width: 22 },
      ],
      rows: round.issues.flatMap((i): Cell[][] => [
        [
          `问题 Issue ${i.id}（${departmentLabel(i.department)}）`,
          i.reason,
          bilingual(ISSUE_STATUS_LABELS[i.status]),
          time(i.raisedAt),
        ],
        ...i.negotiations.map((n): Cell[] => [
          `协商 Negotiation ${i.id}`,
          `${n.contact.name}（${n.contact.channel}）：${n.summary}`,
          bilingual(NEGOTIATION_OUTCOME_LABELS[n.outcome]),
          `${person(n.by)} ${f.at(n.at)}`,
        ]),
        ...(i.gm
          ? [
              [
                `总经理决定 GM decision ${i.id}`,
                i.gm.rationale,
                bilingual(GM_DECISION_LABELS[i.gm.decision]),
                `${personWithDept(i.gm.by)} ${f.at(i.gm.at)}`,
              ] as Cell[],
            ]
          : []),
      ]),
    },
  ];
}

function conclusionBlocks(round: ReviewRound, f: Fmt): Block[] {
  const { time, personWithDept } = f;
  const c = round.conclusion;
  if (!c) return [{ kind: 'fields', rows: [['结论 Decision', '未签署 Not signed yet']] }];
  return [
    {
      kind: 'fields',
      rows: [
        ['结论 Decision', bilingual(CONCLUSION_LABELS[c.decision])],
        ['偏离说明 Deviations', c.deviations ?? NONE],
        [
          '签署人 Signed by',
          `${personWithDept(c.signature.userId)}，${bilingual(AUTHORITY_LABELS[c.signature.authority])}`,
        ],
        ['签署时间 Signed at', time(c.signature.at)],
      ],
    },
  ];
}

function feedbackFields(round: ReviewRound, f: Fmt): [string, Cell][] {
  const { time, person } = f;
  const fb = round.feedback;
  return [
    ['反馈时间 Answered at', time(fb?.sentAt)],
    ['反馈人 Answered by', fb ? person(fb.by) : NONE],
    ['反馈内容 Content', fb?.content ?? NONE],
    ['方式 Channel', fb?.channel ?? NONE],
    ['客户联系人 Customer contact', fb?.contact ?? NONE],
  ];
}

function confirmationFields(round: ReviewRound, f: Fmt): [string, Cell][] {
  const { time, personWithDept } = f;
  const c = round.customerConfirmation;
  if (!c) return [['客户确认 Confirmation', '尚未确认 Not confirmed yet']];
  return [
    ['确认依据 Reference', c.reference],
    ['确认时间 Confirmed at', time(c.at)],
    ['记录人 Recorded by', personWithDept(c.by)],
    [
      '样品签样 Sample signed off',
      c.sampleSignedOff === null ? '不适用 Not applicable' : c.sampleSignedOff ? '是 Yes' : '否 No',
    ],
  ];
}

function amendmentBlocks(
  versions: ReviewState['context']['versions'],
  rounds: ReviewRound[],
  f: Fmt,
): Block[] {
  const { time, person } = f;
  return [
    {
      kind: 'table',
      columns: [
        { label: '轮次 Round', width: 8 },
        { label: '合同号 Number', width: 18 },
        { label: '类别 Class', width: 12 },
        { label: '合同版本 Version', width: 10 },
        { label: '结束于 Closed by', width: 28 },
        { label: '结论 Conclusion', width: 16 },
      ],
      rows: rounds.map((r) => [
        `第 ${r.round} 轮 Round ${r.round}`,
        r.number,
        bilingual(CLASS_LABELS[r.classification.contractClass]),
        String(r.contractVersion),
        r.closedBy
          ? `${bilingual(AMENDMENT_LABELS[r.closedBy.kind])}：${r.closedBy.reason}（${person(r.closedBy.by)} ${f.at(r.closedBy.at)}）`
          : '本轮 Current round',
        r.conclusion ? bilingual(CONCLUSION_LABELS[r.conclusion.decision]) : '未签署 Not signed',
      ]),
    },
    {
      kind: 'table',
      columns: [
        { label: '版本 Version', width: 8 },
        { label: '时间 At', width: 16 },
        { label: '人 By', width: 14 },
        { label: '变更类型 Kind', width: 16 },
        { label: '变更内容 What changed', width: 24 },
        { label: '原因 Reason', width: 20 },
      ],
      rows: versions.map((v, i) => [
        String(v.version),
        time(v.createdAt),
        person(v.createdBy),
        v.amendment ? bilingual(AMENDMENT_LABELS[v.amendment.kind]) : '原始合同 Original',
        i === 0 ? NONE : changesText(versions[i - 1]!.terms, v.terms),
        v.amendment?.reason ?? NONE,
      ]),
    },
  ];
}

/** What an amendment changed, by field, with before → after where it reads as text. */
function changesText(before: ContractTerms, after: ContractTerms): string {
  const out: string[] = [];
  const lines = new Set([...before.items.map((i) => i.line), ...after.items.map((i) => i.line)]);
  for (const line of [...lines].sort((a, b) => a - b)) {
    const b = before.items.find((i) => i.line === line);
    const a = after.items.find((i) => i.line === line);
    if (!b || !a) {
      out.push(
        `第 ${line} 行 ${a ? CHANGE_FIELD_LABELS.line_added.zh : CHANGE_FIELD_LABELS.line_removed.zh}`,
      );
      continue;
    }
    if (b.quantity?.value !== a.quantity?.value)
      out.push(`第 ${line} 行数量 ${b.quantity?.value ?? NONE} → ${a.quantity?.value ?? NONE}`);
    if (b.unitPrice?.amount !== a.unitPrice?.amount)
      out.push(`第 ${line} 行单价 ${b.unitPrice?.amount ?? NONE} → ${a.unitPrice?.amount ?? NONE}`);
    if (JSON.stringify(b.drawing) !== JSON.stringify(a.drawing))
      out.push(
        `第 ${line} 行图纸 ${b.drawing ? `${b.drawing.number} ${b.drawing.revision ?? ''}` : NONE} → ${a.drawing ? `${a.drawing.number} ${a.drawing.revision ?? ''}` : NONE}`,
      );
    for (const [key, label] of [
      ['product', CHANGE_FIELD_LABELS.product],
      ['model', CHANGE_FIELD_LABELS.product],
      ['material', CHANGE_FIELD_LABELS.material],
      ['tolerance', CHANGE_FIELD_LABELS.tolerance],
      ['packaging', CHANGE_FIELD_LABELS.packaging],
    ] as const)
      if (b[key] !== a[key]) out.push(`第 ${line} 行${label.zh} ${b[key] ?? NONE} → ${a[key] ?? NONE}`);
  }
  if (before.delivery.date !== after.delivery.date)
    out.push(`交货日期 ${before.delivery.date ?? NONE} → ${after.delivery.date ?? NONE}`);
  if (before.delivery.place !== after.delivery.place || before.delivery.terms !== after.delivery.terms)
    out.push(CHANGE_FIELD_LABELS.delivery_place.zh);
  if (before.paymentTerms !== after.paymentTerms)
    out.push(`付款条件 ${before.paymentTerms ?? NONE} → ${after.paymentTerms ?? NONE}`);
  const ids = new Set([...before.requirements.map((r) => r.id), ...after.requirements.map((r) => r.id)]);
  for (const id of ids) {
    const b = before.requirements.find((r) => r.id === id);
    const a = after.requirements.find((r) => r.id === id);
    if (!b && a) out.push(`新增要求 ${id}：${a.text}`);
    else if (b && !a) out.push(`删除要求 ${id}：${b.text}`);
    else if (a && b && (a.text !== b.text || a.category !== b.category || a.special !== b.special))
      out.push(`要求 ${id}：${b.text} → ${a.text}`);
  }
  return out.length ? out.join('；') : NONE;
}

/** An earlier round, as it was when an amendment closed it. */
function earlierRoundSection(r: ReviewRound, f: Fmt, since: string | null): Section {
  const { time, person } = f;
  return {
    title: `第 ${r.round} 轮评审（已由变更结束）Round ${r.round}, closed by an amendment — ${r.number}`,
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['合同号 Contract number', r.number],
          ['合同类别 Contract class', bilingual(CLASS_LABELS[r.classification.contractClass])],
          ['类别依据 Why this class', reasonsText(r)],
          ['评审方式 Review mode', bilingual(MODE_LABELS[r.mode])],
          ['合同版本 Contract version', String(r.contractVersion)],
          ['收到时间 Received', time(r.receivedAt)],
          ...termsFields(r.terms),
        ],
      },
      itemsTable(r.terms),
      ...taxTable(r.terms),
      requirementsTable(r),
      ...correctionBlocks(r, since, f),
      ...departmentBlocks(r.signOffs, f),
      ...(r.meeting ? meetingBlocks(r, f) : []),
      ...(r.issues.length ? issueBlocks(r, f) : []),
      ...conclusionBlocks(r, f),
      {
        kind: 'fields',
        rows: [
          ...feedbackFields(r, f),
          [
            '是否按时 On time',
            r.feedback ? (r.feedback.clockCompliant ? '是 Yes' : '否 No') : '未反馈 Not answered',
          ],
          ...confirmationFields(r, f),
        ],
      },
      {
        kind: 'fields',
        rows: r.closedBy
          ? [
              ['结束原因 Closed by', `${bilingual(AMENDMENT_LABELS[r.closedBy.kind])}：${r.closedBy.reason}`],
              ['变更人 By', person(r.closedBy.by)],
              ['变更时间 At', time(r.closedBy.at)],
            ]
          : [],
      },
    ],
  };
}
