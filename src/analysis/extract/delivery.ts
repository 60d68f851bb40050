// Delivery date, place and terms. The date is the latest acceptable one for the goods: with several
// batches, the last; the "from" date of a change (由A调整为B) does not count.
import type { DateMention } from '../entities/index.js';
import { isClauseBreak, type Line, lineAt, type TextSpan } from '../text/segment.js';
import { matchAll } from './found.js';
import { INCOTERM } from './identifiers.js';

const DELIVERY_CUE =
  /交货|交期|交付|交齐|交至|交到|[前内]交(?![费款钱税票流换代底卷稿])|出样|交样|送样|寄样|补发|寄出|自提|派车|装船|到货|送达|送到|送至|送货|送往|发货|出货|发运|到厂|到工地|到仓|补货|寄到|寄至|寄过来|寄给|寄来|发过来|送过来|快递至|快递到|运至|运到|发至|发往|供货|要货|提货|必须到|能到|肯定到|[前内]到|到$|送[\u4e00-\u9fff]|deliver|delivery|ship|ETA|\bneeded\b|\bdue\b(?!\s+(?:to|diligence)\b)|ex[ -]works|\bEXW\b/i;
const NEEDED_BY_AFTER =
  /^\s*(?:之前|以前|前)?\s*(?:就|一定|务必)?\s*(?:要|需要|必须|得)(?!求|回|报|确认|付|开票|提交|答复|结)|^\s*(?:(?:之前|以前|前)\s*(?:还)?(?:能|可以|要|得)?|(?:还)?(?:能|可以|要|得))\s*(?:再)?(?:发|送|到)(?!票|文件|资料|报告|邮件)|^\s*(?:(?:之前|以前|前)\s*)?(?:能)?(?:有|到|收到)\s*就(?:行|好|可以)|^\s*(?:之前|以前|前)?\s*(?:交|送|发|到)货?\s*(?:剩余|其余|另外)?\s*[\d一二两三四五六七八九十百千万]|^\s*(?:之前|以前|前)?\s*(?:能不能|能否|可否|可不可以)\s*(?:先|再)?\s*(?:发|送|到|交)(?!票|文件|资料|报告|邮件)|^\s*(?:能|会|就)?\s*(?:到|交)货?(?:的|吗|呢|了吗)|^\s*(?:之前|以前|前)?\s*[,，]\s*(?:送|交|运)(?:到|至|往)?(?!票|文件|资料|报告|邮件)[\u4e00-\u9fff]{2}/;
const PAST_OR_DONE = /到了|已到|已送|已交|已发|收到|送达的|交付的|发运的/;
const SUPERSEDED_AFTER =
  /^\s*(?:的)?\s*(?:调整为|调整到|改为|改到|改成|变更为|推迟到|推迟至|提前到|提前至|延期到|延期至|延至|→|->)/;

// 自8月1日起单价调整为…: the day a term starts to apply, not a day the goods are due.
const PERIOD_START_AFTER = /^\s*(?:起|开始)(?!运|吊|交|送|发|到)/;
const PERIOD_START_BEFORE = /(?:自|从)\s*$/;

// A spreadsheet or PDF table carries the delivery cue once, in its header (要求到货, 交付日期), and the
// day in each row below it.
const DATE_COLUMN_HEADER =
  /要求到货|到货日期|交付日期|交货日期|交货期|交期|需求日期|到货时间|delivery\s*date|due\s*date|ETA/i;
const CELL_GAP = /\S\s+\S/g;

function cellCount(line: string): number {
  return (line.trim().match(CELL_GAP)?.length ?? 0) + 1;
}

/** Starts of the lines that are rows of a table whose header names a delivery date column. */
function rowsUnderDateHeader(norm: string): Set<number> {
  const rows = new Set<number>();
  let underHeader = false;
  let start = 0;
  while (start <= norm.length) {
    let end = norm.indexOf('\n', start);
    if (end < 0) end = norm.length;
    const line = norm.slice(start, end);
    const cells = cellCount(line);
    if (DATE_COLUMN_HEADER.test(line) && cells >= 4 && !/[:：]/.test(line)) underHeader = true;
    else if (underHeader && cells >= 3) rows.add(start);
    else underHeader = false;
    start = end + 1;
  }
  return rows;
}

const CLAUSE_END = new Set(['。', ';', '；', '!', '?', '！', '？', ',', '，', '\n']);

/** A PDF breaks a line anywhere (交货期：2026年⏎4月10日前): a date that opens a line continues the
 * last clause of the line before when that line ends without a full stop. */
function clauseBeforeBrokenLine(norm: string, start: number): string {
  let lineStart = start;
  while (lineStart > 0 && norm[lineStart - 1] !== '\n') lineStart--;
  if (lineStart === 0 || norm.slice(lineStart, start).trim() !== '') return '';
  const prevEnd = lineStart - 1;
  if (prevEnd === 0 || /[。;；!?！？.]/.test(norm[prevEnd - 1]!)) return '';
  let s = prevEnd;
  while (s > 0 && !CLAUSE_END.has(norm[s - 1]!)) s--;
  return norm.slice(s, prevEnd);
}

const CHANGED_TO_BEFORE =
  /(?:调整为|调整到|改为|改到|改成|变更为|推迟到|推迟至|提前到|提前至|延期到|延期至|延至|顺延至|顺延到)\s*$/;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const EN_END_OF_MONTH =
  /(?:by|before)\s+(?:the\s+)?end\s+of\s+(January|February|March|April|May|June|July|August|September|October|November|December)/gi;

function clauseAround(norm: string, start: number, end: number): string {
  let s = start;
  while (s > 0 && !isClauseBreak(norm, s - 1)) s--;
  let e = end;
  while (e < norm.length && !isClauseBreak(norm, e)) e++;
  return norm.slice(s, e);
}

function sentenceAround(norm: string, start: number, end: number): string {
  let s = start;
  while (s > 0 && !/[。;；\n!?！？]/.test(norm[s - 1]!)) s--;
  let e = end;
  while (e < norm.length && !/[。;；\n!?！？]/.test(norm[e]!)) e++;
  return norm.slice(s, e);
}

function lastDayOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

// Delivery to the customer, as opposed to the customer's own shipping (赶年底出货).
const STRONG_DELIVERY_CUE =
  /交货|交期|交付|交齐|交至|交到|到货|送达|送到|送至|送货|必须到|能到|肯定到|[前内]到|到厂|到工地|到仓|寄到|寄至|寄过来|寄来|发过来|送过来|快递至|快递到|运至|运到|补货|delivery|deliver/i;
const DOCUMENTS_SENT =
  /(?:发票|票据|单据|报告|资料|文件|证书|合同|对账单)[^，,。;；]{0,6}(?:寄|送|发|交|提交)|(?:寄|送|发|提交)[^，,。;；]{0,3}(?:发票|票据|单据|报告|资料|文件|证书|合同|对账单)/;
const GOODS_IN_CLAUSE = /货|[件支吨米]|产品|样品|样件|型材/;
const YEAR_WRITTEN = /年|\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4}/;
const MAX_DAYS_AHEAD_WITHOUT_YEAR = 240;

function daysBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 86_400_000;
}

export interface DeliveryDate extends TextSpan {
  date: string;
}

/** What the delivery rules read around one day of the message. */
export interface DeliverySignals {
  /** A later day of the same sentence replaces it (原定6月30日，现提前到6月15日). */
  superseded: boolean;
  /** Followed by 调整为/改为…: the day before a change. */
  changedFrom: boolean;
  weekend: boolean;
  /** No year written and more than eight months ahead: last year's day read as next year's. */
  tooFarWithoutYear: boolean;
  /** 自8月1日起…: the day a term starts to apply. */
  periodStart: boolean;
  /** A row of a table whose header names a delivery-date column. */
  tableRow: boolean;
  /** A delivery cue in its clause (or the broken line before it). */
  cueInClause: boolean;
  /** The cue sits elsewhere in the same sentence and no other day of it owns that cue. */
  cueInSentence: boolean;
  /** 两千件 月底前要: the need is said right after the day. */
  neededBy: boolean;
  /** 已到/收到…: something that already happened. */
  pastOrDone: boolean;
  /** Its clause is about a reply, quote, deadline for papers or payment, not the goods. */
  otherTopic: boolean;
  /** Papers sent by that day, not goods. */
  documentsOnly: boolean;
  /** Its sentence is about paying or invoicing and names no delivery. */
  paymentSentence: boolean;
  /** A strong cue: delivery to the customer (交货, 到货, 送到…). */
  strong: boolean;
  /** English "by the end of May". */
  endOfMonthPhrase: boolean;
}

/** No signal at all: the start of every candidate's reading. */
export const NO_SIGNALS: Readonly<DeliverySignals> = Object.freeze({
  superseded: false,
  changedFrom: false,
  weekend: false,
  tooFarWithoutYear: false,
  periodStart: false,
  tableRow: false,
  cueInClause: false,
  cueInSentence: false,
  neededBy: false,
  pastOrDone: false,
  otherTopic: false,
  documentsOnly: false,
  paymentSentence: false,
  strong: false,
  endOfMonthPhrase: false,
});

/** A day of the message that could be the delivery date, with what the rules read around it. */
export interface DeliveryCandidate extends TextSpan {
  date: string;
  text: string;
  signals: DeliverySignals;
  /** How the hand rules rank it: null when they pass it over. */
  rule: 'strong' | 'weak' | null;
}

/** Every day on or after the day received that could be the delivery date, in text order. */
export function deliveryCandidates(
  norm: string,
  dates: readonly DateMention[],
  refDate: string,
): DeliveryCandidate[] {
  const out: DeliveryCandidate[] = [];
  // 原定6月30日交货，现提前到6月15日: the new date replaces the ones before it in the sentence.
  const overrides = dates.filter((d) =>
    CHANGED_TO_BEFORE.test(norm.slice(Math.max(0, d.start - 8), d.start)),
  );
  const superseded = (d: DateMention) =>
    overrides.some((o) => o.start > d.start && !/[。;；\n]/.test(norm.slice(d.end, o.start)));
  // "needed ex works by 2027-01-29." — an ISO date the date finder passed over (it reads the full
  // stop as a decimal point) is still a day.
  const isoDays: DateMention[] = [];
  for (const m of matchAll(/(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g, norm)) {
    const end = m.index + m[0].length;
    if (dates.some((d) => d.start < end && m.index < d.end)) continue;
    const iso = m[0];
    if (Number.isNaN(Date.parse(iso))) continue;
    isoDays.push({ start: m.index, end, text: m[0], date: iso, kind: 'date' });
  }
  let tableRows: Set<number> | null = null;
  const all = isoDays.length > 0 ? [...dates, ...isoDays] : dates;
  for (const d of all) {
    const iso = d.endDate ?? d.date;
    if (!iso || iso < refDate) continue;
    const signals: DeliverySignals = {
      ...NO_SIGNALS,
      superseded: superseded(d),
      changedFrom: SUPERSEDED_AFTER.test(norm.slice(d.end, d.end + 8)),
      weekend: /^(?:这|本|下)?周末$/.test(d.text),
      // "交期5月15号" read in May 20th is last week's date, not one eleven months ahead.
      tooFarWithoutYear:
        !YEAR_WRITTEN.test(d.text) && daysBetween(refDate, iso) > MAX_DAYS_AHEAD_WITHOUT_YEAR,
      periodStart:
        PERIOD_START_AFTER.test(norm.slice(d.end, d.end + 4)) &&
        PERIOD_START_BEFORE.test(norm.slice(Math.max(0, d.start - 3), d.start)),
      neededBy: NEEDED_BY_AFTER.test(norm.slice(d.end, d.end + 8)),
    };
    const sentenceOfDay = sentenceAround(norm, d.start, d.end);
    // "Payment due … by Jan 31": `due` alone is no delivery cue in a sentence about paying.
    signals.paymentSentence =
      !signals.neededBy &&
      PAYMENT_TOPIC.test(sentenceOfDay) &&
      !STRONG_DELIVERY_CUE.test(sentenceOfDay) &&
      !/发货|出货|发运|装船|\bship/i.test(sentenceOfDay);
    let clause = clauseAround(norm, d.start, d.end);
    if (!DELIVERY_CUE.test(clause)) {
      const before = clauseBeforeBrokenLine(norm, d.start);
      if (before !== '' && DELIVERY_CUE.test(before)) clause = before + clause;
    }
    signals.cueInClause = DELIVERY_CUE.test(clause);
    if (!signals.cueInClause) {
      tableRows ??= rowsUnderDateHeader(norm);
      let lineStart = d.start;
      while (lineStart > 0 && norm[lineStart - 1] !== '\n') lineStart--;
      signals.tableRow = tableRows.has(lineStart);
    }
    // 交货要求：最晚不超过7月15日 — the cue may sit in another clause of the same sentence.
    if (!signals.cueInClause && !signals.tableRow) {
      const sentence = sentenceAround(norm, d.start, d.end);
      // 年底冲量，……麻烦12月18日前送到: when another day of the sentence carries the cue in its own
      // clause, the cue is that day's, not this one's.
      const sentenceStart = norm.lastIndexOf(sentence, d.start);
      // A deadline of its own (剩下的五月底之前) is a later batch of the same goods, not another topic.
      const deadline =
        /(?:之前|以前|前|内|为止)$/.test(d.text) ||
        /^\s*(?:之前|以前|前|内|为止)/.test(norm.slice(d.end, d.end + 3));
      const cueOwnedElsewhere =
        !deadline &&
        all.some(
          (o) =>
            o !== d &&
            !superseded(o) &&
            o.start >= sentenceStart &&
            o.end <= sentenceStart + sentence.length &&
            DELIVERY_CUE.test(clauseAround(norm, o.start, o.end)),
        );
      if (
        !cueOwnedElsewhere &&
        STRONG_DELIVERY_CUE.test(sentence) &&
        !/回复|回覆|答复|回传|报价|截止|提交|开票|付款|盖章|签订|会议|说明|确认|通知|告知|书面|整改|方案|处理|改善|反馈|原因|分析|8D/.test(
          clause,
        )
      ) {
        clause = sentence;
        signals.cueInSentence = true;
      }
    }
    signals.pastOrDone = PAST_OR_DONE.test(clause);
    signals.otherTopic =
      /回复|回覆|答复|回传|报价|截止|提交|开票|付款|盖章|\b(?:payment|invoice|reply|quot(?:e|ation))\b/i.test(
        clause,
      ) && !/交货|交期|到货|送到|送至|交付|交齐|发货|deliver|ship/i.test(clause);
    // 9月12日前把正确发票寄到我司财务部: papers sent by a day are no delivery of the goods.
    signals.documentsOnly = DOCUMENTS_SENT.test(clause) && !GOODS_IN_CLAUSE.test(clause);
    signals.strong = STRONG_DELIVERY_CUE.test(clause);
    out.push({ date: iso, start: d.start, end: d.end, text: d.text, signals, rule: ruleStrength(signals) });
  }
  for (const m of matchAll(EN_END_OF_MONTH, norm)) {
    const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
    const refYear = Number(refDate.slice(0, 4));
    let iso = lastDayOfMonth(refYear, month);
    if (iso < refDate) iso = lastDayOfMonth(refYear + 1, month);
    const signals: DeliverySignals = {
      ...NO_SIGNALS,
      cueInClause: true,
      strong: true,
      endOfMonthPhrase: true,
    };
    out.push({ date: iso, start: m.index, end: m.index + m[0].length, text: m[0], signals, rule: 'strong' });
  }
  return out;
}

const PAYMENT_TOPIC = /付款|付清|货款|预付|尾款|开票|发票|对账|\bpay(?:ment|able)?\b|\binvoice/i;

/** The hand rules' reading of one day: passed over, or a weak or strong delivery date. */
function ruleStrength(s: DeliverySignals): 'strong' | 'weak' | null {
  if (s.superseded || s.weekend || s.tooFarWithoutYear || s.changedFrom || s.periodStart) return null;
  if (s.tableRow && !s.cueInClause) return 'strong';
  const cue = s.cueInClause || s.cueInSentence;
  if ((!cue && !s.neededBy) || s.pastOrDone) return null;
  // the cue is the 要 right after the date, so other topics of a run-on sentence do not matter
  if (s.neededBy && !cue) return 'weak';
  if (s.otherTopic || s.documentsOnly) return null;
  return s.strong ? 'strong' : 'weak';
}

/**
 * The hand rules' choice: the latest day with a strong cue, else the latest with a weak one (with
 * several batches the last is the latest acceptable date).
 */
export function ruleDeliveryDate(candidates: readonly DeliveryCandidate[]): DeliveryCandidate | null {
  let best: DeliveryCandidate | null = null;
  for (const c of candidates) {
    if (c.rule === null) continue;
    const strong = c.rule === 'strong';
    const bestStrong = best?.rule === 'strong';
    if (bestStrong && !strong) continue;
    if (best === null || c.date > best.date || (strong && !bestStrong)) best = c;
  }
  return best;
}

// 交付地点江西南昌, 送货地点不变（常州武进工厂）, 交货地点改为: a place label needs no colon; what it
// says of the place before naming it is no part of the place.
const PLACE_LABEL =
  /(?:交货地点|交货地址|送货地址|收货地址|送货地点|交付地点|到货地点|交货地|收货地点|卸货地点|目的地|Delivery\s*(?:address|place)|Ship\s*to|Deliver\s*to|Destination)\s*(?:[:：]\s*)?(?:不变|仍为|仍是|改为|变更为|调整为|为|是|在)?\s*[(（]?\s*/gi;
// 交货：常州武进恒驰二厂 — a delivery label followed by a site rather than a date.
const DELIVERY_LABEL = /(?:^|[\s，,。;；])(?:交货|交付|送货|到货|收货)\s*[:：]\s*/g;
const PLACE_VERB =
  /(?:送货至|送货到|交付至|交付到|送达|运达|送至|送到|送往|交至|交到|运至|运到|发至|发往|发到|寄到|寄至|到达|交付|(?<=[前内])交|送|到|至)/g;
const PLACE_SUFFIX =
  /(?:[\d一二三四五六七八九十]+号门|[东南西北]门|大门|仓库|仓|库|厂区|工厂|厂|厂房|车间|工地|现场|项目部|线边|堆场|货站|中心|园区|工业园|园|基地|码头|港|楼|号|室|收货区|区|市|县|镇|路)$/;
const PLACE_PREFIX_NOISE = /^(?:我司|贵司|甲方|乙方|需方|买方|我们|我方|全部货物|全部|货物|我们的|我司的)\s*/;
const INCOTERM_PLACE = new RegExp(
  `${INCOTERM.source}\\s+([A-Z][A-Za-z]+(?:\\s[A-Z][A-Za-z]+)*|[\\u4e00-\\u9fff]{2,8})`,
  'g',
);

export interface DeliveryPlace extends TextSpan {
  text: string;
}

const PLACE_TAIL_WORDS = /(?:就行|就可以|就好|即可)$/;
const DAY_NOT_PLACE = /^[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}[号日]?$/;
const DEPARTMENT_NOT_PLACE = /(?:财务|采购|质量|品质|技术|销售|品保|计划|物流)(?:部|科|课|处)$/;
const ASR_CLAUSE_START =
  /\s+(?=要|需要|需|请|另外|还有|然后|出货|发货|随货|附|谢谢|麻烦|包装|付款|价格|单价|交期|数量|我们|你们|我司|贵司|全检|检验|并且|就|那就|对了|订单|合同|PO|回头)/;

function placeAfter(norm: string, original: string, from: number, strict: boolean): DeliveryPlace | null {
  let e = from;
  while (e < norm.length && !/[，,。;；\n!?！？(（)）]|吗|啊|哈|吧|呢|的话/.test(norm[e]!) && e - from < 60)
    e++;
  // ASR transcripts have no punctuation: a space before the next request ends the place
  // (送到苏州工业园区 要全检 …), while a space inside an address (常州市 武进区) does not.
  const nextClause = ASR_CLAUSE_START.exec(norm.slice(from, e));
  if (nextClause) e = from + nextClause.index;
  let s = from;
  const noise = PLACE_PREFIX_NOISE.exec(norm.slice(s, e));
  if (noise) s += noise[0].length;
  while (e > s && /\s/.test(norm[e - 1]!)) e--;
  // 到北仑工厂就行: a closing "that will do" is no part of the place.
  const willDo = PLACE_TAIL_WORDS.exec(norm.slice(s, e));
  if (willDo) e -= willDo[0].length;
  // A street address in brackets right after the site name is the fuller form; 到货的散热器（型号SR200…）
  // brackets a part number after goods, not an address after a site.
  if (
    (norm[e] === '(' || norm[e] === '（') &&
    (!strict || PLACE_SUFFIX.test(norm.slice(s, e))) &&
    !/^[(（]\s*(?:型号|图号|规格|订单|编号|PO|P\/N)/i.test(norm.slice(e, e + 6))
  ) {
    let pe = e + 1;
    while (pe < norm.length && !/[，,)）\n]/.test(norm[pe]!)) pe++;
    const inner = norm.slice(e + 1, pe);
    if (/[市区县路号省]/.test(inner) && inner.length >= 6)
      return { start: e + 1, end: pe, text: original.slice(e + 1, pe) };
  }
  // 再送两千件到武进三号仓库: the place is what follows the last 到/至.
  const to = /^.*[到至]/.exec(norm.slice(s, e));
  if (to && /\d|[一二两三四五六七八九十百千万][件支米吨个套]/.test(to[0])) s += to[0].length;
  const text = norm.slice(s, e);
  if (/^[的了吗啊呢吧嘛哦]/.test(text)) return null;
  if (text.length < 2 || !/[\u4e00-\u9fffA-Za-z]/.test(text) || /^\d/.test(text)) return null;
  if (strict && !PLACE_SUFFIX.test(text)) return null;
  if (/自提|上门|工作日|天内|之前|以前/.test(text)) return null;
  // 推到十二月十八号 names a day, 寄到我司财务部 a department: neither is where goods go.
  if (DAY_NOT_PLACE.test(text) || DEPARTMENT_NOT_PLACE.test(text)) return null;
  return { start: s, end: e, text: original.slice(s, e) };
}

export function deliveryPlace(
  norm: string,
  original: string,
  lines: readonly Line[],
  isSupplierLine: (l: Line) => boolean,
): DeliveryPlace | null {
  for (const m of matchAll(PLACE_LABEL, norm)) {
    const p = placeAfter(norm, original, m.index + m[0].length, false);
    if (p) return p;
  }
  for (const m of matchAll(DELIVERY_LABEL, norm)) {
    const p = placeAfter(norm, original, m.index + m[0].length, true);
    if (p) return p;
  }
  for (const m of matchAll(INCOTERM_PLACE, norm)) {
    const place = m[2]!;
    const start = m.index + m[0].length - place.length;
    return { start, end: start + place.length, text: original.slice(start, start + place.length) };
  }
  for (const m of matchAll(PLACE_VERB, norm)) {
    const line = lineAt(lines, m.index);
    if (isSupplierLine(line)) continue;
    // 2月13日前交付嘉定工厂: a bare verb counts only before a word that names a site.
    const strict =
      m[0] === '交' || m[0] === '送' || m[0] === '到' || m[0] === '到达' || m[0] === '至' || m[0] === '交付';
    const p = placeAfter(norm, original, m.index + m[0].length, strict);
    if (p && p.text.length <= 40) return p;
  }
  return null;
}

export function deliveryTerms(norm: string): string | null {
  const inco = new RegExp(INCOTERM.source).exec(norm);
  if (inco) return inco[1]!;
  if (/自提|自己.{0,4}提货|上门提货/.test(norm)) return '自提';
  return null;
}
