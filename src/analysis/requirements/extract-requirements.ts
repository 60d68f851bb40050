// Splits a message into requirement statements: sentences are cut into clauses, a clause is tagged
// with the topics it raises, and neighbouring clauses on the same topic form one requirement.

import { lowerBound, overlapIndex } from '../extract/found.js';
import type { Priority, Requirement, RequirementCategory, RequirementKind } from '../result.js';
import { type Line, lineAt, splitClauses, splitSentences, type TextSpan } from '../text/segment.js';
import { categoriesOf } from './categories.js';
import { isNegated } from './negation.js';
import type { AlsoRaised } from './topic-model.js';

const META_LINE =
  /^\s*(?:主题|主旨|Subject|会议主题|会议名称|时间|日期|Date|地点|参会|参会人员|记录|记录人|致|To|From|自|编号|No\.|订单编号|订单号|PO号|合同编号|询价单号|供应商|供方|需方|甲方|乙方|买方|卖方|Vendor|Buyer|签订地点|签订日期|下单日期|发出日期|询价单位|联系人|买方代表|卖方代表|需方（盖章）)\s*[:：]/i;
// A cited law or national standard (《产品质量法》, 《民法典》, 《…条例》, GB 5009, GB/T 3190) is a
// statutory requirement whatever else the sentence is about.
const STATUTORY =
  /RoHS|REACH|(?<![A-Za-z0-9-])3C(?![A-Za-z0-9])|(?<![A-Za-z/])GB\s?\d|(?<![A-Za-z])GB\s?\/\s?T\s?\d|《[^》\n]{0,40}(?:法|法典|条例)》|法规|法律|强制性|环保|海关|报关|export\s+control/i;
const ORGANISATIONAL = /贵司标准|你们的标准|按常规|按贵司|照常|按现行|按老规矩|老样子|as usual/i;
const HIGH =
  /必须|务必|严禁|不得|不能|须|一定|紧急|急|尽快|立即|马上|停线|违约金|罚|关键|重要|100%|全检|超高精|[!！]|must|urgent|asap/i;
const LOW = /如方便|尽量|可以考虑|建议|希望|最好|如有|是否|能否|if possible|preferably/i;

export interface RequirementContext {
  norm: string;
  original: string;
  lines: readonly Line[];
  isSupplierLine: (line: Line) => boolean;
  /** Company names: a letterhead or signature (XX有限公司 质量部) states no requirement. */
  companies?: readonly TextSpan[];
  /** Product names: their words (电池托盘边框型材) say nothing about the topic of a clause. */
  products?: readonly TextSpan[];
  /** Order-table lines, read as items. */
  tableLines?: readonly TextSpan[];
  /** What the message is: a complaint's demand for an answer by a time is a service demand. */
  intent?: string;
}

/** The text with product names blanked out (same length), for topic matching only. */
function maskSpans(text: string, spans: readonly TextSpan[]): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const s of sorted) {
    if (s.start < pos) continue;
    out += text.slice(pos, s.start) + '品'.repeat(s.end - s.start);
    pos = s.end;
  }
  return out + text.slice(pos);
}

// 6061方管 / 6082-T6结构型材: an alloy written before a product is part of its name, no technical
// requirement of its own.
const ALLOY_BEFORE = /(?<![\dA-Za-z-])(?:6061|6063|6082|6005A?|7075|A356|A380|ADC12)(?:-T\d{1,2})?\s?$/;

function withAlloyPrefix(norm: string, spans: readonly TextSpan[]): TextSpan[] {
  return spans.map((s) => {
    const m = ALLOY_BEFORE.exec(norm.slice(Math.max(0, s.start - 10), s.start));
    return m ? { start: s.start - m[0].length, end: s.end } : s;
  });
}

const ORDER_FIELD_TOPICS: ReadonlySet<RequirementCategory> = new Set([
  'price',
  'delivery',
  'logistics',
  'payment',
]);

const ALLOY_ONLY =
  /^\s*(?:就是|那个|是)?\s*(?:6061|6063|6082|6005A?|7075|A356|A380|ADC12)(?:-?T\d{1,2})?\s*(?:的|那种|那个)*\s*$/;

// 现要求： / 具体要求如下： — an opening that announces the requirements listed after it.
const ANNOUNCEMENT = /^(?:现|具体|主要|相关|我司|特此)?(?:提出)?(?:以下|如下)?要求(?:如下)?\s*[:：]?\s*$/;

const DEPARTMENT_ONLY =
  /^[\s,，]*(?:[\u4e00-\u9fff]{0,6}(?:部|部门|中心|科|课|处|组|室))?(?:\s+[\u4e00-\u9fff]{2,4})?[\s,，]*$/;

// A mail's confidentiality or disclaimer footer (【保密声明】本邮件…不得复制, CONFIDENTIALITY: This
// e-mail…) is the sender's legal boilerplate, the same on every mail: it states no requirement, and
// its 不得/must words would otherwise read as demands.
const DISCLAIMER_START =
  /保密声明|免责声明|保密提示|机密声明|本邮件(?:及其)?(?:附件)?(?:可能)?(?:含有|包含|仅供)|本(?:电子)?邮件(?:及其附件)?(?:内容)?(?:属于|为)[^，,。]{0,6}(?:机密|保密)|CONFIDENTIAL(?:ITY)?\b|DISCLAIMER\b|this\s+e-?mail\s+(?:and\s+any\s+attachments?\s+)?(?:is|are|may)\s+(?:intended|confidential|contain)/i;

/** Character ranges of disclaimer footers: from the line that opens one to the paragraph's end. */
function disclaimerSpans(norm: string, lines: readonly Line[]): TextSpan[] {
  const out: TextSpan[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = DISCLAIMER_START.exec(norm.slice(line.start, line.end));
    if (!m) continue;
    let j = i;
    while (j + 1 < lines.length && norm.slice(lines[j + 1]!.start, lines[j + 1]!.end).trim() !== '') j++;
    // The footer opens the line, or a sentence of it (谢谢！【保密声明】…).
    const before = norm.slice(line.start, line.start + m.index);
    const cut = Math.max(before.search(/[^。！？!?.]*$/), 0);
    out.push({ start: line.start + cut, end: lines[j]!.end });
    i = j;
  }
  return out;
}

function isLetterhead(norm: string, sentence: TextSpan, companies: readonly TextSpan[]): boolean {
  let rest = '';
  let pos = sentence.start;
  for (let k = Math.max(0, lowerBound(companies, sentence.start) - 1); k < companies.length; k++) {
    const c = companies[k]!;
    if (c.start >= sentence.end) break;
    if (c.end <= sentence.start || c.start >= sentence.end) continue;
    rest += norm.slice(pos, Math.max(pos, c.start));
    pos = Math.max(pos, c.end);
  }
  if (pos === sentence.start) return false;
  rest += norm.slice(pos, sentence.end);
  return DEPARTMENT_ONLY.test(rest);
}

interface Segment extends TextSpan {
  categories: RequirementCategory[];
}

// A leading label (交货：, 付款方式：, Packing:) names the topic of what follows it.
const LABEL_CATEGORIES: readonly (readonly [RegExp, RequirementCategory])[] = [
  [
    /^(?:交货地点|送货地址|收货地址|交货地址|到货地点|运输|物流|运输方式|Ship\s*to|Delivery\s*address)\s*[:：]/i,
    'logistics',
  ],
  [/^(?:交货|交期|交货期|交货日期|交货时间|交货计划|交付|到货时间|Delivery)\s*[:：]/i, 'delivery'],
  [/^(?:付款|付款方式|付款条件|结算|结算方式|账期|Payment|Terms\s+of\s+payment)\s*[:：]/i, 'payment'],
  [/^(?:包装|包装要求|包装方式|Packing|Packaging)\s*[:：]/i, 'packaging'],
  [/^(?:价格|单价|报价|报价要求|Price)\s*[:：]/i, 'price'],
  [/^(?:质量|质量要求|检验|验收|质量文件|Quality)\s*[:：]/i, 'quality'],
  [/^(?:技术要求|技术|材质|材料|原材料|表面|表面处理|特殊技术要求)\s*[:：]/i, 'technical'],
  [/^(?:资质|随货文件|文件|单据)\s*[:：]/i, 'documentation'],
];

const DEMAND = /要求|必须|务必|须|不得|不允许|不可|禁止|严禁|确保|保证|应当|must|shall|required/i;
const MEASURED = /\d\s*(?:mm|μm|um|°|MPa|kg|g\b|N\b|%|℃|h\b|小时|毫米|公斤|克)/i;

function labelCategory(text: string): RequirementCategory | null {
  for (const [re, category] of LABEL_CATEGORIES) if (re.test(text)) return category;
  return null;
}

function kindOf(text: string): RequirementKind {
  if (STATUTORY.test(text)) return 'statutory';
  if (ORGANISATIONAL.test(text)) return 'organisational';
  return 'explicit';
}

function priorityOf(text: string): Priority {
  if (HIGH.test(text)) return 'high';
  if (LOW.test(text)) return 'low';
  return 'normal';
}

const CHAT_SENDER = /^[ \t]*\[[^\]\n]{1,40}\]/gm;
// People sent to the customer (派人到我司挑选, 总经理到我司说明, 今天内到我司做全数挑选), a visit or a
// meeting is a service demand whatever the people are to do there: the place (工厂, 工地, 仓库) or the
// task (挑选, 确认) would otherwise name the clause logistics or quality, and the service topic the
// message raises would be lost.
const PEOPLE_SENT = new RegExp(
  [
    '(?:派|委派|安排|指派|派遣)(?:专人|专员|人员|人|员|[^，,。；;\\n]{0,4}(?:工程师|技术人员|技术员|SQE|FAE|代表|负责人))',
    '(?:总经理|负责人|高层|领导|工程师|技术人员|技术员|SQE|FAE)[^，,。；;\\n]{0,12}(?:到|来|赴)(?:我司|我们|我方|我厂|现场|工地|贵司)',
    '(?<![送运发寄交拉])(?:到|来)我(?:司|厂|们公司)[^，,。；;\\n]{0,12}(?:说明|汇报|沟通|交流|对接|挑选|确认|处理|全检|返工|排查)',
    '上门|驻厂|驻场|现场(?:支持|服务|指导|确认|处理|挑选|审核)|参观|拜访|考察|来访|面谈',
  ].join('|'),
  'i',
);

// 三个工作日内回覆围堵措施, 本月底前回复原因: a complaint that
// sets a time for the supplier's answer states a service demand (README: response demands in
// complaints). An order's or a quote's reply date (请于两日内回传确认) is procedure, and a chaser's
// 今天给个准信 asks for the delivery date itself (dev corpus, probe sets): both stay out.
const ANSWER_DEMAND =
  /(?:回复|回覆|答复|回电|回话|回个?电话|回个?邮件|告知|给(?:我|我们)?(?:个|一个)?(?:回复|答复|准信|说法|解决办法|方案|交代|结论))/;
const ANSWER_BY =
  /前|内|今天|今日|明天|明早|马上|尽快|立即|立刻|第一时间|下班|中午|上午|下午|本周|这周|下周|收到后/;
const ANSWERING_INTENTS = new Set(['complaint']);

const DEFECT =
  /划伤|碰伤|磕碰|超差|超出|超标|不良|缺陷|气孔|开裂|裂纹|变形|毛刺超|色差|不合格|油污|残留|白斑|锈蚀|生锈|异物/;
// Documents that are themselves quality-system evidence (PPAP, FAI, CPK data, 全尺寸报告):
// handing them over is documentation and raises quality too.
const QUALITY_EVIDENCE = /PPAP|FAI|CPK|全尺寸|控制计划|FMEA|APQP|\bSPC\b|\bMSA\b/i;
// A time for the goods (前, 节后, 中旬, 5月8日, by, within): a place label alone (交货地点) names no time.
const TIME_FOR_GOODS =
  /[前内]|节后|中旬|上旬|下旬|月中|月底|月初|\d\s*[月日号]|[周礼拜][一二三四五六日天]|明天|后天|\b(?:by|before|within)\b/i;

/** The topics a statement is filed under: its first, and a second where one statement always
 * raises two (a compliance declaration; quality evidence to hand over; a day and a place for the
 * goods, 节后开工前到佛山工地). */
function filedUnder(categories: readonly RequirementCategory[], text: string): RequirementCategory[] {
  const first = categories[0]!;
  // 需提供PPAP 3级文件、IMDS数据: compliance data and quality evidence in one list raise all three.
  if (first === 'regulatory' && categories.includes('documentation'))
    return categories.includes('quality') && QUALITY_EVIDENCE.test(text)
      ? ['regulatory', 'documentation', 'quality']
      : ['regulatory', 'documentation'];
  if (first === 'documentation' && categories.includes('quality') && QUALITY_EVIDENCE.test(text))
    return ['documentation', 'quality'];
  if (first === 'logistics' && categories.includes('delivery') && TIME_FOR_GOODS.test(text))
    return ['logistics', 'delivery'];
  return [first];
}

/** The requirements, and the further topics each statement names beyond those it is filed under
 * (for the topic judgement, topic-model.ts). */
export function extractStatements(ctx: RequirementContext): {
  requirements: Requirement[];
  alsoRaised: AlsoRaised[];
} {
  const { norm, original } = ctx;
  const alsoRaised: AlsoRaised[] = [];
  // Chat sender labels ([凯途 品质 小林]) name a department, not a topic.
  const labels: TextSpan[] = [];
  for (const m of norm.matchAll(CHAT_SENDER)) labels.push({ start: m.index, end: m.index + m[0].length });
  const topicText = maskSpans(norm, [...withAlloyPrefix(norm, ctx.products ?? []), ...labels]);
  const inTable = overlapIndex(ctx.tableLines ?? []);
  const disclaimers = disclaimerSpans(norm, ctx.lines);
  const out: Requirement[] = [];
  for (const sentence of splitSentences(norm)) {
    const line = lineAt(ctx.lines, sentence.start);
    if (ctx.isSupplierLine(line)) continue;
    const opens = sentence.start + (/^\s*/.exec(norm.slice(sentence.start, sentence.end))?.[0].length ?? 0);
    if (disclaimers.some((d) => opens >= d.start && opens < d.end)) continue;
    if (line.start === sentence.start && META_LINE.test(norm.slice(line.start, line.end))) continue;
    if (isLetterhead(norm, sentence, ctx.companies ?? [])) continue;
    // A table header or row is an order line, read by the item extractor.
    if ((norm.slice(sentence.start, sentence.end).match(/[|｜\t]/g) ?? []).length >= 3) continue;
    // An order line read as an item may still state how the part is made or packed (定尺1850mm);
    // its price, quantity and dates are the item's own fields.
    const tableLine = inTable(sentence);
    const segments: Segment[] = [];
    let open: Segment | null = null;
    for (const clause of splitClauses(norm, sentence)) {
      const text = norm.slice(clause.start, clause.end);
      if (isNegated(text)) {
        open = null;
        continue;
      }
      if (ANNOUNCEMENT.test(text)) continue;
      // 那个四零四零的，六零六一的: an alloy said on its own identifies the catalogue part asked for.
      if (ALLOY_ONLY.test(text)) continue;
      const labelled = labelCategory(text);
      const cats = categoriesOf(topicText.slice(clause.start, clause.end));
      // 表面有划伤, 螺纹孔位置度超差: a defect is a quality issue, whatever feature it is found on.
      if (cats[0] === 'technical' && DEFECT.test(text)) {
        if (cats.includes('quality')) cats.splice(cats.indexOf('quality'), 1);
        cats.unshift('quality');
      }
      if (
        ctx.intent !== undefined &&
        ANSWERING_INTENTS.has(ctx.intent) &&
        ANSWER_DEMAND.test(text) &&
        ANSWER_BY.test(text) &&
        !cats.includes('service')
      )
        cats.push('service');
      if (PEOPLE_SENT.test(text) && cats[0] !== 'service') {
        if (cats.includes('service')) cats.splice(cats.indexOf('service'), 1);
        cats.unshift('service');
      }
      // A demand with no topic word of its own (单件重量不超过2kg, 不允许有毛边) is still a requirement.
      if (cats.length === 0 && !open && DEMAND.test(text))
        cats.push(MEASURED.test(text) ? 'technical' : 'quality');
      // Regulatory topics stay named as such even under a label (资质：…RoHS…).
      if (labelled && cats[0] !== 'regulatory') cats.unshift(labelled);
      if (cats.length === 0) {
        // A clause with no topic of its own continues the requirement before it (安装孔由M4改M5).
        if (open) open.end = clause.end;
        continue;
      }
      if (open && cats[0] === open.categories[0]) {
        open.end = clause.end;
        for (const c of cats) if (!open.categories.includes(c)) open.categories.push(c);
        continue;
      }
      open = { start: clause.start, end: clause.end, categories: [...cats] };
      segments.push(open);
    }
    for (const seg of segments) {
      if (tableLine && ORDER_FIELD_TOPICS.has(seg.categories[0]!)) continue;
      const text = norm.slice(seg.start, seg.end);
      if (text.replace(/\s/g, '').length < 2) continue;
      // 提供RoHS、REACH符合性声明: a compliance declaration is a regulatory matter and a document to
      // hand over, so the statement is filed under both topics.
      const cats = filedUnder(seg.categories, text);
      const statement = (category: RequirementCategory): Requirement => ({
        text: original.slice(seg.start, seg.end),
        category,
        kind: kindOf(text),
        special: false,
        priority: priorityOf(text),
        span: { start: seg.start, end: seg.end },
      });
      for (const category of cats) out.push(statement(category));
      for (const category of seg.categories)
        if (!cats.includes(category)) alsoRaised.push({ requirement: statement(category), category });
    }
  }
  return { requirements: out, alsoRaised };
}

export interface StatedFact extends TextSpan {
  category: RequirementCategory;
}

/** Delivery date, place and payment terms found by the field extractors are requirements too; a
 * statement that mixes topics (下周三之前能到宁波仓库) is filed under one, so the other is added here. */
export function addFactRequirements(
  requirements: Requirement[],
  facts: readonly StatedFact[],
  norm: string,
  original: string,
): Requirement[] {
  const out = [...requirements];
  for (const f of facts) {
    if (f.end <= f.start || out.some((r) => r.category === f.category)) continue;
    const text = norm.slice(f.start, f.end);
    out.push({
      text: original.slice(f.start, f.end),
      category: f.category,
      kind: kindOf(text),
      special: false,
      priority: priorityOf(text),
      span: { start: f.start, end: f.end },
    });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
