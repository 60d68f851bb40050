// Does the message carry an order, is it an inquiry, and does the order have a written basis
// (PO/contract document or a cited PO/contract number)? Decides between temporary and regular.
import type { Intent } from '../../analysis/result.js';
import { findAll, type PreparedText } from '../text.js';
import type { Channel, Evidence } from '../types.js';

const NO_ORDER_INTENTS: readonly Intent[] = ['technical', 'feedback'];

/** Order-related demands that turn a complaint into an order matter (README step 1). A count may be
 * written with thousands separators (剩余6,000件). */
const COUNT = String.raw`[\d一二三四五六七八九十百千万两,，.]+\s*(?:件|支|个|套|米|吨|kg|公斤|根|箱|托|pcs)`;
// A complaint's order-related demands are said many ways: replacement goods (补到, 补齐1,200支, 重新做,
// 换过来, replacement of 412 pcs), and terms for what is still to come under the order (剩余2,700kg,
// 本合同剩余各批次, 剩下的货, 以后每批出货前, from the next shipment onwards).
const COMPLAINT_ORDER_DEMAND = new RegExp(
  [
    '补货|换货|退换货|重新(?:发货|供货|交付|交货|生产|做|制作|加工|送|按)',
    // 补发/补交 a document (补交8D报告, 补发装箱单) is no order.
    String.raw`补(?:发|到|齐|交|回|返|过来|送|做|足|上|寄)(?![^,，。；;\n]{0,6}(?:文件|报告|证|资料|单据|发票|记录|邮件|8D|说明|照片|数据|清单|装箱单|COA|图纸))`,
    `补\\s*${COUNT}`,
    '(?:换|调换|更换)(?:过来|回来|货|新的)|替换',
    `(?:剩余|剩下|余下|其余)的?[^，,。；;\\n]{0,10}?(?:批|件|支|吨|kg|公斤|米|根|货|交付|订单|部分|\\d)`,
    '(?:以后|今后|后续|下次|下回|下批|下一批|自下批|补的货|补的那批)[^，,。；;\\n]{0,8}?(?:出货|交货|发货|交付|送货|批次|来料|的货|每批|每托|每捆|都要|必须)',
    'replacements?|remaining\\s+(?:[\\d,]+|deliveries|shipments|quantity|pcs|balance|lots?)|(?:from|with) the next (?:shipment|delivery|lot)|future (?:shipments|deliveries)|balance of the (?:order|PO)',
  ].join('|'),
  'gi',
);

const HELD_STOCK = /隔离|存放|在库|库存|封存|暂停使用|在我司|扣留|on hold|quarantin/i;

export interface OrderContentFact {
  value: boolean;
  /** The order content is a request for a quote found in a message that reads as feedback/a question. */
  quoteRequest?: boolean;
  evidence: Evidence[];
}

/** The message says outright that it is not about an order. */
const NOT_AN_ORDER =
  /(?:暂|并|均|都)?不涉及(?:任何)?(?:订单|下单|采购)|与订单无关|不是(?:要)?下单|not (?:an|a purchase) order|no order (?:is )?(?:placed|intended)/gi;
/** A request for a quote is order content even when the message reads as feedback or a question. */
const QUOTE_REQUEST =
  /请[^。；;\n]{0,12}?报价|报价|询价|请按[^。；;\n]{0,12}?报|报[^。；;\n]{0,3}单价|please quote|request for quotation|\bRFQ\b/gi;

const evOf = (ms: { text: string; start: number; end: number }[]) =>
  ms.map((m) => ({ text: m.text, start: m.start, end: m.end, source: 'message' as const }));

export function orderContent(intent: Intent, t: PreparedText): OrderContentFact {
  const denial = findAll(t, NOT_AN_ORDER);
  if (denial.length > 0) return { value: false, evidence: evOf(denial) };
  if (NO_ORDER_INTENTS.includes(intent)) {
    const quote = findAll(t, QUOTE_REQUEST);
    if (quote.length > 0) return { value: true, quoteRequest: true, evidence: evOf(quote) };
    return { value: false, evidence: [{ text: `意图 ${intent}`, source: 'analysis' }] };
  }
  if (intent === 'complaint') {
    // 剩余约4,800kg在我司隔离存放: goods already delivered and held, not goods still to come.
    const demands = findAll(t, COMPLAINT_ORDER_DEMAND).filter(
      (m) => !HELD_STOCK.test(t.norm.slice(m.start, m.end + 20).split(/[，。；;\n]/)[0] ?? ''),
    );
    return {
      value: demands.length > 0,
      evidence: demands.length
        ? demands.map((m) => ({ text: m.text, start: m.start, end: m.end, source: 'message' as const }))
        : [{ text: '投诉仅含纠正措施要求', source: 'analysis' }],
    };
  }
  return { value: true, evidence: [{ text: `意图 ${intent}`, source: 'analysis' }] };
}

const WRITTEN_CHANNELS: readonly string[] = ['purchase_order', 'contract'];

/** A PO or contract document is an order whatever its wording; an RFQ is an inquiry whatever its wording. */
/** What an inquiry asks for: a price, a quote. Without one, a message labelled inquiry is read as an order. */
// A counter-offer (你们报的186还是高 / 我们最多给到635) asks for a price too: the order is not placed yet.
const INQUIRY_CUE =
  /能(?:给|做|降|报)到多少|(?:能|可以)?(?:便宜|优惠|降)多少|报[^。；;\n]{0,16}?价|(?:单价|价格|价钱)(?:能|可以|可否|能否)|还是高|太高了|太贵|偏高|最多(?:给到|出到|能给)|目标价|还价|能做的话|接受的话|target price|we could go to|询价|报价|报个价|报[^。；;\n]{0,8}?价|多少钱|什么价|价格(?:是)?多少|单价多少|(?:问|了解)[^。；;\n]{0,12}?价格|价格[^。；;\n]{0,6}?(?:如何|怎么样|能不能|可否)|quote|quotation|\bRFQ\b|price (?:for|of)|how much/i;

export function isInquiry(
  intent: Intent,
  channel: Channel,
  t: PreparedText,
  order?: OrderContentFact,
): boolean {
  if (channel === 'rfq') return true;
  if (WRITTEN_CHANNELS.includes(channel)) return false;
  if (order?.quoteRequest) return true;
  // A price still being bargained over, or an order promised on a condition, places no order yet,
  // whatever the classifier made of the message's order words.
  if (intent === 'order' && CONDITIONAL_ORDER.test(t.norm)) return true;
  return intent === 'inquiry' && INQUIRY_CUE.test(t.norm);
}

const CONDITIONAL_ORDER =
  /最多(?:给到|出到|能给)|还价|(?:能做|可以|接受|同意)的话[^。；;\n]{0,12}?(?:就|再)(?:把)?(?:(?:PO|订单|合同)(?:下|签|发)|(?:下|签|发)(?:PO|单|订单|合同))|定了[^。；;\n]{0,4}?就(?:下|签|发)(?:PO|单|订单|合同)|(?:如果|要是)[^。；;\n]{0,20}?(?:就|再)(?:下|签)(?:单|PO|订单|合同)|we could go to|if you (?:can|could) [^.;\n]{0,40}?we(?:'ll| will) (?:place|issue|send) (?:the |a |our )?(?:PO|order)/i;

/** Reference numbers that are not order/contract numbers. */
const NON_ORDER_SEGMENT =
  /^(RFQ|XJ|BJ|QC|QA|TS|8D|ECN|ECR|DWG|TZ|SCAR|NCR|CAR|IQC|OQC|PPAP|FAI|SQ|INV|REV|DN|GRN)$/i;
/** A customer's own order numbering: prefix, year (2026) or year-month (2603), sequence — HH-2026-0311,
 * CJ-2603-118. Catalogue models (HR-6063-SR120) have an alloy, not a year, in that place. */
const DATED_NUMBER = /^[A-Z]{2,6}-(?:20[2-3]\d|2[4-9](?:0[1-9]|1[0-2]))(?:\d{2})?-\d{2,5}$/i;
/** What follows a number that names it an order: 这张单子, 那个PO, 合同第5条, 第一批. */
const ORDER_WORD_AFTER =
  /^\s*(?:号)?\s*(?:这张|那张|这个|那个|这份|那份|的)?\s*(?:单子|订单|PO|合同|协议|采购单|第[一二三四五六七八九十\d]+批|那批|这批)/i;
const ORDER_SEGMENT = /^(PO|HT|CG|SO|OC|DD|XS|GH|CON|CT|ORD)$/i;
const CODE = /[A-Za-z][A-Za-z0-9]*(?:[-_/][A-Za-z0-9]+)+/g;
const ORDER_WORD_BEFORE =
  /(?:订单|合同|协议|PO|P\/O|采购单|订货单|order|contract)\s*[（(]?\s*(?:号|编号|单号|No\.?|#|number)?\s*[:：]?\s*(?:为|是)?\s*$/i;
const NON_ORDER_WORD_BEFORE = /(?:询价|报价|图号|图纸|料号|投诉|函|编码|物料|品号|P\/N|part)\S{0,4}$/i;
/** Spoken or partly spoken numbers: "KT杠PO杠两六零三一", "订单号是二六零三". */
const SPOKEN_NUMBER =
  /(?:\bPO\b|订单号|合同号|订单编号|合同编号)\s*(?:杠|-|号|是|为|:|：)?\s*(?=[A-Za-z0-9零〇一二两三四五六七八九杠\s]*[0-9零〇一二两三四五六七八九]{3})[A-Za-z0-9零〇一二两三四五六七八九杠]{4,}|[A-Za-z]{1,5}\s*杠\s*(?:PO|HT|CG|SO)|(?<![A-Za-z])(?:PO|P\/O)\s*(?:号|No\.?|#)?\s*[:：]?\s*\d{5,}(?!\d|\s*(?:件|支|吨|米|pcs|套))|(?:订单|合同|采购单|order|contract)\s*(?:号|编号|No\.?|#|number)\s*[:：]?\s*\d{5,}/gi;
/**
 * A number read out letter by letter in a call transcript: "L A 杠 K J 杠二零二五杠零八",
 * "PO H H 二零二六零三八八", "HH二零二六零零三" — capitals, maybe spaced, then at least four digits
 * (spoken or not, maybe grouped by 杠). A model number is read out the same way (S R 一二零), so it
 * counts only after an order or contract word or with an order prefix.
 */
// Read out with pauses, letters and digit groups may also be written apart by commas (L，A，P，O，二六零七一零，零二).
const SPELLED_CODE =
  /(?<![A-Za-z])(?:[A-Z][ \t，,]*){1,6}(?:(?:杠|-|[ \t，,])*(?:[A-Z][ \t，,]*){1,4})*(?:杠|-|[ \t，,])*[零〇幺一二两三四五六七八九0-9](?:[ \t]*(?:杠|-|[，,])?[ \t]*[零〇幺一二两三四五六七八九0-9]){3,}/g;
const SPELLED_ORDER_BEFORE =
  /(?:订单|合同|协议|PO|P\/O|单号|单子|采购单|订货单|order|contract)[^。；;\n]{0,6}$/i;
/** The text refers to an order document that already exists. */
const EXISTING_DOCUMENT =
  /附件(?:为|是)?[^。；;\n]{0,8}?(?:采购订单|PO|合同)|(?:原|该)(?:PO|采购订单|合同)|(?:PO|合同)上的|(?:已|已经)(?:下|发|签)(?:了)?(?:PO|采购订单|合同)|(?:下|发|签)的(?:那个|那张|这个|这张|那份)?(?:PO|采购订单|合同)|框架(?:合同|协议)[^。；;\n]{0,6}?(?:编号|号)|(?:PO|订单|采购订单|合同)[^。；;\n，,]{0,8}?(?:已经|已)(?:发(?!货)|下|签|传|盖章)|(?:按|根据|依据|我们的?|双方的?|年度)框架(?:合同|协议)|按(?:照)?(?:PO|合同|订单)(?:约定|规定|要求)|(?:合同|PO)(?:约定|规定|写明|写的|写着|上写)/gi;
/** Evidence only: the order was placed verbally, or the PO is promised for later or dropped. */
const VERBAL_OR_DEFERRED =
  /PO[^。；;\n]{0,12}?(?:回头|以后|随后|后面|晚点|稍后)补|(?:订单|PO|合同)就?不补了|回头(?:有空)?补(?:个|一)?(?:订单|PO|合同)|没(?:有)?下(?:过)?(?:PO|订单)|电话(?:所订|订|下单|里说|跟你(?:讲|订|说)|讲定)|微信(?:上)?(?:跟你说|下单|订)|按电话(?:安排|约定)|口头(?:订|下单|约定)|PO (?:will follow|to follow|later)/gi;

export interface WrittenBasisFact {
  value: boolean;
  basis: 'document' | 'cited_number' | 'existing_document' | 'none';
  evidence: Evidence[];
}

function ev(t: PreparedText, start: number, end: number): Evidence {
  return { text: t.original.slice(start, end), start, end, source: 'message' };
}

export function citedOrderNumbers(t: PreparedText): Evidence[] {
  const out: Evidence[] = [];
  for (const m of findAll(t, CODE)) {
    const segments = m.text.split(/[-_/]/);
    if (segments.some((s) => NON_ORDER_SEGMENT.test(s))) continue;
    const before = t.norm.slice(Math.max(0, m.start - 14), m.start);
    const byWord = ORDER_WORD_BEFORE.test(before) && !NON_ORDER_WORD_BEFORE.test(before);
    const after = t.norm.slice(m.end, m.end + 10);
    const named =
      ORDER_WORD_AFTER.test(after) || (DATED_NUMBER.test(m.text) && !NON_ORDER_WORD_BEFORE.test(before));
    if (segments.some((s) => ORDER_SEGMENT.test(s)) || byWord || named) out.push(ev(t, m.start, m.end));
  }
  for (const m of findAll(t, SPOKEN_NUMBER)) out.push(ev(t, m.start, m.end));
  for (const m of findAll(t, SPELLED_CODE)) {
    const before = t.norm.slice(Math.max(0, m.start - 14), m.start);
    const letters = m.text.replace(/[^A-Za-z]/g, '');
    const after = t.norm.slice(m.end, m.end + 10);
    if (
      SPELLED_ORDER_BEFORE.test(before) ||
      ORDER_WORD_AFTER.test(after) ||
      /^(?:PO|HT|CG|SO|DD|XS|GH)/i.test(letters)
    )
      out.push(ev(t, m.start, m.end));
  }
  return out;
}

export function writtenBasis(t: PreparedText, channel: Channel): WrittenBasisFact {
  if (WRITTEN_CHANNELS.includes(channel)) {
    return { value: true, basis: 'document', evidence: [{ text: `渠道 ${channel}`, source: 'context' }] };
  }
  const numbers = citedOrderNumbers(t);
  if (numbers.length > 0) return { value: true, basis: 'cited_number', evidence: numbers };
  const existing = findAll(t, EXISTING_DOCUMENT).map((m) => ev(t, m.start, m.end));
  if (existing.length > 0) return { value: true, basis: 'existing_document', evidence: existing };
  const verbal = findAll(t, VERBAL_OR_DEFERRED).map((m) => ev(t, m.start, m.end));
  return {
    value: false,
    basis: 'none',
    evidence: verbal.length ? verbal : [{ text: `渠道 ${channel}，未引用PO/合同号`, source: 'context' }],
  };
}
