// Where a message names products: catalogue models (full or tail, spoken forms normalised), catalogue
// names and the customer's shorter wordings, English names, and new parts in a development context.
import type { QuantityMention } from '../entities/index.js';
import { tagWithOffsets } from '../text/jieba.js';
import type { Line, TextSpan } from '../text/segment.js';
import { type CatalogIndex, ENGLISH_PRODUCT_TERMS, PRODUCT_HEADS } from './catalog-matcher.js';
import { matchAll, overlapIndex, overlaps } from './found.js';

export interface MentionContext {
  norm: string;
  lines: readonly Line[];
  quantities: readonly QuantityMention[];
  /** Spans that cannot hold a product (company names, order numbers). */
  blocked: readonly TextSpan[];
}

export interface Mention extends TextSpan {
  kind: 'name' | 'model';
  code: string | null;
  /** Full catalogue model written out (HR-6063-4520) rather than a tail (4520). */
  fullModel: boolean;
  strong: boolean;
  key: string;
}

const QTY_UNIT_AFTER = /^\s*(?:件|支|米|吨|根|个|套|pcs|PCS|kg)/;
export const MODEL_TOKEN_CHAR = /[A-Za-z0-9-]/;
// 想开一款新的门框型材: opening a new model is development too.
const NEW_PART_CONTEXT =
  /开发|新产品|新品|打样|试制|样件|暂无|新项目|新零件|图号|(?:开|做|设计)(?:一|一个|一款)?款新|新款/;
const NEW_PART_LEFT_STOP =
  /[^\u4e00-\u9fff]|[的一款个件批种套只是为和及与在对把将了要需请向给做用按从由改这那该此其我你他贵本新旧原各每共约司款项即该拟想时现到先再还就才又都也]/;
/** 7/10前先到底板, 月底后: 前 and 后 after a day end a time, not begin a part (前副车架 keeps its 前). */
function endsTime(norm: string, i: number): boolean {
  return /[前后]/.test(norm[i]!) && i > 0 && /[\d日号天周月底]/.test(norm[i - 1]!);
}

// 1200支底板, 两万支光伏边框, 3条轮毂毛坯, 5吨方管: a unit or classifier right after a number ends the
// count; the part's name starts after it.
const CLASSIFIER = /[支条根件个套只吨米箱托盒卷片块台批]/;
const NUMERAL = /[0-9０-９一二两三四五六七八九十百千万零〇壹贰叁肆伍陆柒捌玖拾佰仟]/;

/** Whether the characters just before `pos` are a count and its unit (…1200支|). */
export function countedBefore(norm: string, pos: number): boolean {
  return CLASSIFIER.test(norm[pos - 1] ?? '') && NUMERAL.test(norm[pos - 2] ?? '');
}

// Characters after which a catalogue name starts a new word (那个端盖, 订购端盖, 新款端盖).
const NAME_MAY_FOLLOW =
  /[的一个款批种套只是为和及与在对把将了要需请给做用按从由改这那该此其我你他贵本新旧原各每共约即拟想来订购采再还也都就]/;

// Characters that may follow a product name in running text (端盖的, 端盖和, 端盖再来, 端盖要……).
const NAME_MAY_END_BEFORE =
  /[的和与及、等也都还要就已在是有共各每送发到了吗呢啊吧再来订先按单价数共计总合月年件支套个只吨米根批那这你我他]/;

/** 1–3 characters that are no function word, then a product head (转向|机壳体): one longer name. */
function runsIntoOtherHead(norm: string, pos: number): boolean {
  for (let k = 1; k <= 3; k++) {
    const ch = norm[pos + k - 1] ?? '';
    if (!/[\u4e00-\u9fff]/.test(ch) || NAME_MAY_END_BEFORE.test(ch)) return false;
    if (NEW_PART_HEADS.some((h) => norm.startsWith(h, pos + k))) return true;
  }
  return false;
}

function expandToken(norm: string, start: number, end: number): TextSpan {
  let s = start;
  let e = end;
  while (s > 0 && MODEL_TOKEN_CHAR.test(norm[s - 1]!)) s--;
  while (e < norm.length && MODEL_TOKEN_CHAR.test(norm[e]!)) e++;
  while (e > s && norm[e - 1] === '-') e--;
  while (s < e && norm[s] === '-') s++;
  return { start: s, end: e };
}

export function findModelMentions(ctx: MentionContext, catalog: CatalogIndex): Mention[] {
  const out: Mention[] = [];
  if (!catalog.modelRe) return out;
  const exactBlocked = new Set(ctx.blocked.map((b) => `${b.start}:${b.end}`));
  const blocked = overlapIndex(ctx.blocked);
  for (const m of matchAll(catalog.modelRe, ctx.norm)) {
    const code = catalog.models.get(m[1]!.toUpperCase());
    if (!code) continue;
    const after = ctx.norm.slice(m.index + m[0].length, m.index + m[0].length + 6);
    const isDigits = /^\d+$/.test(m[1]!);
    if (isDigits && QTY_UNIT_AFTER.test(after)) continue;
    if (isDigits && /^\s*(?:年|月|日|号|元|块|%|mm|℃|度)/.test(after)) continue;
    const token = expandToken(ctx.norm, m.index, m.index + m[0].length);
    if (blocked(token) && !exactBlocked.has(`${token.start}:${token.end}`)) continue;
    const full = m[1]!.includes('-');
    out.push({ ...token, kind: 'model', code, fullModel: full, strong: true, key: code });
  }
  return out;
}

function headAt(norm: string, pos: number): string | null {
  for (const h of PRODUCT_HEADS) if (norm.startsWith(h, pos)) return h;
  return null;
}

function resolveShared(
  ctx: MentionContext,
  catalog: CatalogIndex,
  codes: string[],
  start: number,
  end: number,
): string | null {
  if (codes.length === 1) return codes[0]!;
  const around = ctx.norm.slice(Math.max(0, start - 12), Math.min(ctx.norm.length, end + 16));
  const byQualifier = codes.filter((c) => (catalog.qualifiers.get(c) ?? []).some((q) => around.includes(q)));
  return byQualifier.length === 1 ? byQualifier[0]! : null;
}

export function findNameMentions(ctx: MentionContext, catalog: CatalogIndex): Mention[] {
  const out: Mention[] = [];
  const { norm } = ctx;
  const blocked = overlapIndex(ctx.blocked);
  const push = (start: number, end: number, code: string) => {
    let s = start;
    let e = end;
    const qualifier = /(\d{2}\s*英寸)$/.exec(norm.slice(Math.max(0, s - 6), s));
    if (qualifier) s -= qualifier[1]!.length;
    const head = headAt(norm, e);
    const text = norm.slice(s, e);
    const strong = head !== null || PRODUCT_HEADS.some((h) => text.endsWith(h));
    if (head !== null && (!PRODUCT_HEADS.some((h) => text.endsWith(h)) || /^(?:料|铝?型材)/.test(head)))
      e += head.length;
    if (/^[（(]\d{2}英寸[）)]/.test(norm.slice(e))) e = norm.indexOf(/[）)]/.exec(norm.slice(e))![0], e) + 1;
    const span = { start: s, end: e };
    if (blocked(span)) return;
    out.push({ ...span, kind: 'name', code, fullModel: false, strong, key: code });
  };
  for (let i = 0; i < norm.length; i++) {
    const candidates = catalog.aliasesByFirstChar.get(norm.charCodeAt(i));
    if (!candidates) continue;
    const alias = candidates.find((a) => norm.startsWith(a, i));
    if (!alias) continue;
    // 转向机壳体 is not 电机壳体: a shortened catalogue name glued to other characters is the end of
    // some other part's name.
    const before = norm[i - 1] ?? '';
    if (
      /[\u4e00-\u9fff]/.test(before) &&
      !NAME_MAY_FOLLOW.test(before) &&
      !countedBefore(norm, i) &&
      !catalog.products.some((p) => p.name === alias || p.name.endsWith(before + alias))
    )
      continue;
    // 转向 + 机壳体 is not 转向节 either: a shortened name running on into other characters that are
    // no product head (控制臂 + 支架 is fine) belongs to a longer word.
    const after = norm[i + alias.length] ?? '';
    if (
      runsIntoOtherHead(norm, i + alias.length) &&
      headAt(norm, i + alias.length) === null &&
      !catalog.products.some((p) => p.name === alias || p.name.includes(alias + after))
    )
      continue;
    const codes = catalog.aliases.get(alias) ?? [];
    const code = resolveShared(ctx, catalog, codes, i, i + alias.length);
    if (code) push(i, i + alias.length, code);
    i += alias.length - 1;
  }
  // 十八寸的毛坯 / 20寸轮毂: a size written before a generic noun picks the one product of that size.
  for (const m of matchAll(SIZE_BEFORE_NOUN, norm)) {
    const size = spokenNumber(m[1]!);
    if (size === null) continue;
    const nounStart = m.index + m[0].length - m[2]!.length;
    const sized = catalog.products.filter((p) =>
      (catalog.qualifiers.get(p.code) ?? []).some((q) => q.replace(/\s/g, '') === `${size}英寸`),
    );
    let noun = m[2]!;
    while (noun.length >= 2 && !sized.some((p) => p.name.includes(noun))) noun = noun.slice(0, -1);
    if (noun.length < 2) continue;
    const codes = sized.filter((p) => p.name.includes(noun)).map((p) => p.code);
    const span = { start: m.index, end: nounStart + noun.length };
    if (codes.length !== 1 || blocked(span) || out.some((o) => o.start < span.end && span.start < o.end))
      continue;
    out.push({ ...span, kind: 'name', code: codes[0]!, fullModel: false, strong: true, key: codes[0]! });
  }
  for (const [re, chinese] of ENGLISH_PRODUCT_TERMS) {
    for (const m of matchAll(re, norm)) {
      const codes = catalog.aliases.get(chinese) ?? catalogCodesContaining(catalog, chinese);
      const code = resolveShared(ctx, catalog, codes, m.index, m.index + m[0].length);
      if (code)
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          kind: 'name',
          code,
          fullModel: false,
          strong: true,
          key: code,
        });
    }
  }
  return out;
}

const SIZE_BEFORE_NOUN =
  /(?<![\d一二三四五六七八九十])(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:英寸|寸|inch(?:es)?|")\s*(?:的)?\s*([\u4e00-\u9fff]{2,4})/g;
const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 18, 十八, 二十, 二十二 → the number; null for anything else. */
function spokenNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? CN_DIGIT[m[1]]! : 1) * 10 + (m[2] ? CN_DIGIT[m[2]]! : 0);
  return s.length === 1 && CN_DIGIT[s] !== undefined ? CN_DIGIT[s]! : null;
}

function catalogCodesContaining(catalog: CatalogIndex, term: string): string[] {
  return catalog.products.filter((p) => p.name.includes(term)).map((p) => p.code);
}

// Nouns that end a part name the catalogue may not know (电池包侧板, 铝合金型材, 密封圈 …), longest
// first after the catalogue's own heads.
const NEW_PART_HEADS = [
  ...PRODUCT_HEADS,
  ...[
    '侧板',
    '护板',
    '挡板',
    '面板',
    '板材',
    '铝板',
    '棒材',
    '铝棒',
    '管材',
    '压铸件',
    '机加件',
    '冲压件',
    '结构件',
    '零件',
    '配件',
    '垫片',
    '密封圈',
    '齿轮',
    '护罩',
    '箱体',
    '铰链',
    '散热片',
    // Block- and rod-shaped machined parts: 冷媒分配块, 液压阀块, 转向拉杆.
    '分配块',
    '阀块',
    '连接块',
    '集成块',
    '安装块',
    '歧管',
    '拉杆',
    '连杆',
    '摆臂',
    '纵梁',
    '加强板',
    '安装板',
  ].filter((h) => !PRODUCT_HEADS.includes(h)),
].filter((h) => h.length >= 2);

/** Heads that name a kind of part precisely enough to be counted on their own (not 型材, 零件). */
const COUNTABLE_BARE_HEADS = new Set([
  '边框',
  '底板',
  '横梁',
  '方管',
  '端盖',
  '壳体',
  '缸体',
  '支架',
  '防撞梁',
  '吸能盒',
  '转向节',
  '控制臂',
  '立柱',
  '轮毂',
  '毛坯',
  '散热器',
]);
const COUNT_NEXT = /^\s*(?:\d|[一二两三四五六七八九十百千万])/;

// A length, width or wall thickness (长度6米, 壁厚2mm) describes the part; it is not how many to supply.
export const DIMENSION_BEFORE =
  /(?:长度|宽度|高度|厚度|壁厚|直径|外径|内径|定尺|尺寸|规格|单长|每支长|长|宽|高|厚|length|width|height|thickness)\s*[:：为是约]?\s*$/i;

/**
 * Where a part ordered or asked for in a line may be named: before each quantity of goods back to the
 * start of its sentence (or to a catalogue product in between, which that quantity then counts), and
 * just after it (12吨铝型材). Per-pack counts (每层25件) and dimensions (长度6米) order nothing.
 */
function orderWindows(ctx: MentionContext, line: Line, known: readonly Mention[]): TextSpan[] {
  const out: TextSpan[] = [];
  const { norm } = ctx;
  for (const q of ctx.quantities) {
    if (q.start < line.start || q.end > line.end || q.range) continue;
    if (!GOODS_UNIT.test(q.unit.trim())) continue;
    const before = norm.slice(Math.max(line.start, q.start - 6), q.start);
    if (
      DIMENSION_BEFORE.test(before) ||
      /每(?!\s*(?:个)?(?:月|年|周|星期|季度?|天|日))[\u4e00-\u9fff]{0,2}\s*$/.test(before)
    )
      continue;
    let s = q.start;
    while (s > line.start && !/[。;；!?！？]/.test(norm[s - 1]!)) s--;
    let e = q.end;
    while (e < line.end && !/[。;；!?！？，,]/.test(norm[e]!) && e - q.end < 12) e++;
    for (const k of known) {
      if (k.end <= q.start && k.end > s) s = k.end;
      if (k.start >= q.end && k.start < e) e = k.start;
    }
    out.push({ start: s, end: q.start }, { start: q.end, end: e });
  }
  return out;
}

const GOODS_UNIT = /^(?:件|支|吨|根|个|套|只|片|条|台|pcs|PCS|Pcs|pieces|sets|EA|ea|tons?|tonnes?|MT)$/i;

function newPart(span: TextSpan, name: string): Mention {
  return { ...span, kind: 'name', code: null, fullModel: false, strong: true, key: `new:${name}` };
}

// Words that open no part name however they are tagged: what is done to the goods (补发, 先交, 要加,
// 刮伤) or said of them (合格, 库存, 剩余).
const NOT_NAME_WORD =
  /^(?:补发|补交|补|交|先交|发|送|加|要加|要|订|买|用|做|刮伤|碰伤|划伤|压伤|收到|到货|剩余|未交|库存|合格|不良|现有|所有|全部|同样|报废|退回)$/;
// Parts of speech that open no part name: numerals, measure words, pronouns, adverbs, prepositions,
// conjunctions, particles, times and places in a sentence (每箱, 每月, 这批).
const NOT_NAME_TAG = /^(?:m|q|r|d|p|c|u|zg|t|f)$/;

/**
 * Where a new part's name starts, by the words of the text: a word the left edge cuts through where
 * it stopped at a stop character (每月|壳体, 项目|幕墙立柱, 二厂|库存方管) is not part of it, nor are leading words that only say
 * something about the goods (每箱|壳体, 补发|合格|壳体). The head itself (from `headStart`) stays.
 */
function nameStart(norm: string, start: number, headStart: number): number {
  if (headStart <= start) return start;
  const from = Math.max(0, start - 4);
  const tokens = tagWithOffsets(norm.slice(from, headStart)).map((t) => ({
    ...t,
    start: t.start + from,
    end: t.end + from,
  }));
  let s = start;
  for (const t of tokens) {
    // Cut through only where the expansion stopped at a word of its own (每|月, 项|目, 二|厂).
    if (t.start < s && t.end > s) {
      const cut = norm.slice(t.start, s);
      if ([...cut].some((ch) => NEW_PART_LEFT_STOP.test(ch) || NUMERAL.test(ch))) s = t.end;
      else break;
    } else if (t.start >= s && t.end <= headStart && (NOT_NAME_WORD.test(t.word) || NOT_NAME_TAG.test(t.tag)))
      s = t.end;
    else if (t.start >= s) break;
  }
  return Math.min(s, headStart);
}

/**
 * New parts: a product noun in a line that talks about development, samples or drawings, or in a
 * sentence that orders or asks a quantity of it (采购6063-T5铝合金型材……数量12吨).
 */
export function findNewPartMentions(ctx: MentionContext, known: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  const { norm } = ctx;
  const occupied = overlapIndex([...known, ...ctx.blocked]);
  for (const line of ctx.lines) {
    const content = norm.slice(line.start, line.end);
    const development = NEW_PART_CONTEXT.test(content);
    const ordered = development ? [] : orderWindows(ctx, line, known);
    if (!development && ordered.length === 0) continue;
    for (const head of NEW_PART_HEADS) {
      if (head.length < 2) continue;
      let from = 0;
      for (let i = content.indexOf(head, from); i >= 0; i = content.indexOf(head, from)) {
        from = i + head.length;
        const end = line.start + i + head.length;
        if (!development && !ordered.some((o) => o.start <= end - head.length && end <= o.end)) continue;
        let start = line.start + i;
        while (
          start > line.start &&
          end - start < 10 &&
          !NEW_PART_LEFT_STOP.test(norm[start - 1]!) &&
          !endsTime(norm, start - 1) &&
          !countedBefore(norm, start) &&
          !NUMERAL.test(norm[start - 1]!)
        )
          start--;
        // 需以下铝型材 / 上述支架: a pointer to parts listed elsewhere, not a part of its own.
        const pointer = /^(?:以下|如下|下列|下述|上述|以上|前述|这些|那些|该批?|此批?|本批)/.exec(
          norm.slice(start, end),
        );
        if (pointer) start += pointer[0].length;
        // 下的那单方管: 那单 is "that order"; its 单 is no part of the part's name.
        if (norm[start] === '单' && start > 0 && /[那这下]/.test(norm[start - 1]!)) start++;
        start = nameStart(norm, start, end - head.length);
        const span = { start, end };
        // 铝支架 is a part; a bare head (那批支架 → 支架) names none in particular — unless it is counted
        // right away (边框1500支, 底板800支): then it is how this customer names its usual part, which
        // the customer's master data may settle later.
        const bare = end - start === head.length || NEW_PART_HEADS.includes(norm.slice(start, end));
        if (
          bare &&
          !(COUNTABLE_BARE_HEADS.has(norm.slice(start, end)) && COUNT_NEXT.test(norm.slice(end, end + 4)))
        )
          continue;
        if (!bare && end - start < 3) continue;
        if (occupied(span)) continue;
        if (out.length > 0 && overlaps(out.at(-1)!, span)) continue;
        if (out.some((o) => o.start >= line.start && overlaps(o, span))) continue;
        out.push(newPart(span, norm.slice(start, end)));
      }
    }
  }
  for (const m of matchAll(ENGLISH_COUNTED_PART, norm)) {
    // "412 pcs. The VCI bags were torn": a full stop after the unit ends the sentence.
    if (/\.\s+$/.test(m[0].slice(0, m[0].length - m[1]!.length)) && /^[A-Z]/.test(m[1]!)) continue;
    const words = partWords(m[1]!);
    if (words === '') continue;
    const start = m.index + m[0].length - m[1]!.length;
    const span = { start, end: start + words.length };
    if (words.length < 3 || occupied(span) || out.some((o) => overlaps(o, span))) continue;
    // Words right before a catalogue model describe that model, not another part.
    if (known.some((k) => k.start >= span.end && k.start - span.end <= 3)) continue;
    out.push(newPart(span, words.toLowerCase()));
  }
  return out.sort((a, b) => a.start - b.start);
}

// "2,000 pcs bracket P/N AB-1123", "500 units of cooling plate at USD 3.20": the words after a counted
// quantity name the part, up to a part number, a price or the next clause.
const ENGLISH_STOP_WORD =
  'p\\/n|pn|part|parts|model|at|for|with|to|by|per|rev|drawing|dwg|as|and|in|from|of|the|each|@|usd|eur|cny|rmb|delivery|ship|shipped|price|unit|before|until|please|according|acc|pcs|pc|units|sets';
// The count and the part's words stand on one line.
const ENGLISH_COUNTED_PART = new RegExp(
  `\\b\\d[\\d,.]*[ \\t]*k?[ \\t]*(?:pcs|pc|pieces|units|sets|ea)\\.?[ \\t]+(?:of[ \\t]+)?(?:the[ \\t]+)?((?:(?!(?:${ENGLISH_STOP_WORD})\\b)[a-z][a-z-]*[ \\t]?){1,4})`,
  'gi',
);
// "14 pcs were found", "1,200 pcs delivered on", "500 pcs XKB-6082": a verb, a pronoun or a model
// after the count says something about the pieces; a part is named only by the words before it.
const NOT_PART_WORD =
  /^(?:were|was|are|is|be|been|have|has|had|will|would|shall|should|can|could|may|must|we|you|they|it|our|your|their|this|that|these|those|on|no|not|only|all|found|needed|delivered|arrived|received|remaining|left|more|less|total|regards|thanks|best)$/i;

function partWords(raw: string): string {
  const kept: string[] = [];
  for (const w of raw.trim().split(/[ \t]+/)) {
    if (NOT_PART_WORD.test(w) || w.endsWith('-')) break;
    kept.push(w);
  }
  return kept.join(' ');
}

const NOUN_AFTER_MODEL = new RegExp(`^\\s*((?:[\\u4e00-\\u9fff]{0,6}?)(?:${PRODUCT_HEADS.join('|')}))`);

/** 4040工业铝型材: the words after a bare model name the product as the customer wrote it. */
const ENGLISH_NOUN_BEFORE_MODEL = /(?:^|\s)((?:[a-z][a-z-]+\s){1,3})$/;

export function productNounAfter(norm: string, model: TextSpan): Mention | null {
  const en = ENGLISH_NOUN_BEFORE_MODEL.exec(norm.slice(Math.max(0, model.start - 40), model.start));
  if (en) {
    let words = en[1]!;
    const lead = /^(?:(?:for|of|the|a|an|and|to|pcs|pc|units?|our|your|quote|order)\s+)+/.exec(words);
    if (lead) words = words.slice(lead[0].length);
    const trimmed = words.trimEnd();
    if (trimmed.length >= 3) {
      const start = model.start - words.length;
      return {
        start,
        end: start + trimmed.length,
        kind: 'name',
        code: null,
        fullModel: false,
        strong: true,
        key: '',
      };
    }
  }
  const m = NOUN_AFTER_MODEL.exec(norm.slice(model.end, model.end + 12));
  if (!m) return null;
  const start = model.end + m[0].length - m[1]!.length;
  return {
    start,
    end: start + m[1]!.length,
    kind: 'name',
    code: null,
    fullModel: false,
    strong: true,
    key: '',
  };
}
