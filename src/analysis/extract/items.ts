// Order items: which products the message is about, with quantity and unit price. Products are found
// by catalogue model or name (see catalog-matcher) or, for new parts, by a product noun in a
// development context; quantities and prices are attached to the nearest product mention.
import type { MoneyMention, NumberMention, QuantityMention } from '../entities/index.js';
import type { OrderItem, UnitPrice } from '../result.js';
import { isClauseBreak, type Line, lineAt, type TextSpan } from '../text/segment.js';
import type { Speaker } from '../text/speakers.js';
import type { CatalogIndex } from './catalog-matcher.js';
import { type Found, lowerBound, matchAll, overlapIndex } from './found.js';
import {
  DIMENSION_BEFORE,
  findModelMentions,
  findNameMentions,
  findNewPartMentions,
  type Mention,
  MODEL_TOKEN_CHAR,
  productNounAfter,
} from './product-mentions.js';
import { findTables } from './tables.js';

export interface ItemContext {
  original: string;
  norm: string;
  lines: readonly Line[];
  speakers: readonly Speaker[];
  catalog: CatalogIndex | null;
  quantities: readonly QuantityMention[];
  money: readonly MoneyMention[];
  numbers: readonly NumberMention[];
  /** Spans that cannot hold a product (company names, order numbers). */
  blocked: readonly TextSpan[];
  /** Spans whose numbers are not prices (dates, percentages, durations, identifiers). */
  nonPriceNumbers: readonly TextSpan[];
  drawingNumbers: readonly Found[];
}

interface Draft {
  key: string;
  code: string | null;
  nameMention: Mention | null;
  modelMention: Mention | null;
  first: number;
  quantity: { value: number; unit: string } | null;
  quantityFixed: boolean;
  unit: string | null;
  price: UnitPrice | null;
  fromTable: boolean;
  span: TextSpan;
  modelText: string | null;
  /** The quantity is a yearly volume (年用量), which a sample lot named later replaces. */
  annualVolume?: boolean;
}

const GOODS_UNITS =
  /^(?:件|支|米|吨|公斤|千克|kg|KG|Kg|kgs|KGS|pcs|PCS|Pcs|pc|PC|EA|ea|个|套|根|只|台|片|条|m|t|T|千件|万件|卷|箱|tons?|Tons?|tonnes?|Tonnes?|MT)$/;
const CHANGE_TO =
  /(?:改成|改为|改到|调整为|调整到|变更为|增加到|增加至|增至|追加到|追加至|减少到|减少为|减至|减为|调到|提高到|降到|→|->|(?<!up )\bto)\s*$/i;
// 由20,000件减至15,000件: the figure before any verb of change is the old quantity.
const CHANGE_FROM_AFTER =
  /^\s*(?:改成|改为|改到|调整为|调整到|变更为|增加到|增加至|增加为|增至|追加到|追加至|减少到|减少为|减少至|减至|减为|减到|降到|降至|降为|提高到|提高至|上调至|下调至|→|->|to\s+[\d,.]+)/i;
const CANCELLED_AFTER = /^\s*(?:全部|都|就|先)?\s*(?:取消|撤销|作废|不要了|不再需要)/;
const REMAINDER_BEFORE = /(?:其余|剩余|剩下的?|余下的?)\s*$/;
const PART_DROPPED = /取消|不再需要|不需要了|不要了|砍掉|减掉|减少/;
const PER_PACK = /每(?!\s*(?:个)?(?:月|年|周|星期|季度?|天|日))/;
const PROPOSAL_BEFORE = /(?:能否|能不能|可否|可不可以|是否可以|就)\s*(?:按|以)\s*$/;
const LABELLED_COUNT_BEFORE =
  /(?:订购数量|订货数量|采购数量|数量|qty|quantity)\s*[:：]?\s*$|(?:[×xX*]|\bx)\s*$/i;
const BARE_COUNT_BEFORE = /(?:也|再|还|都|就)\s*(?:要|来|订|拿)\s*$/;
const EACH_BEFORE = /各\s*(?:来|要|订|订购|采购|需要?|备|发)?\s*$/;
const ANNUAL_VOLUME =
  /年用量|年需求|年需|预计年|年度用量|量产|annual\s+(?:volume|demand|usage|quantity)|per\s+(?:year|annum)/i;
// The lot actually to be delivered, named after a yearly volume: a sample lot or the first call-off.
const SAMPLE_LOT =
  /样品|样件|寄样|打样|试样|送样|sample|首批|首单|第一批|first\s+(?:lot|batch|order|shipment)/i;
// 支架重量0.74kg: the weight of one part, not an ordered quantity.
const PART_WEIGHT_BEFORE = /(?:重量|单重|净重|毛重|单件重|weight)\s*(?:约|为|是|[:：])?\s*$/i;
const TOTAL_LABEL = /(?:合计|总金额|总价|金额|总额|共计|货款|总计|total|amount)[^，,;；]{0,6}$/i;
// 样件费按目录价86: a sample fee per piece is the samples' unit price; other fees (运费, 模具费) are not.
const NOT_UNIT_PRICE_CLAUSE =
  /(?<!样件|样品)费|扣除|扣款|违约金|罚款|赔偿|成本|人工|索赔|损失|合计|总价|总金额/;
const COMPETITOR =
  /别家|友商|竞争|同行|其他供应商|其它供应商|人家|对手|竞品|市场价|别人|其他厂|其它厂|外面|另一家|他们报|对方报|某供应商|供应商报价|其他家|competitor/i;
const NEGOTIATION = /太贵|能不能|能否|可不可以|降点|便宜点|[?？吗]\s*$/;
const ACCEPTANCE = /^(?:好的|好吧|好|可以|行|没问题|沒問題|OK|ok|Ok|成交|就这么定|就按这个|同意)(?![贵多])/;
const TENTATIVE_OFFER = /申请|请示|确认下|确认一下|问下领导|跟领导/;
// The speaker label that opens a turn: "[楚锐-研发 孙蕾] 15:12", "客户：", "客户 ".
const TURN_LABEL =
  /^\s*(?:\[[^\]\n]{1,40}\]\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?|[^\s:：，。]{1,10}[:：]|(?:销售|客户|客服|采购)\s)/;
const PRICE_CUE = /单价|价格|价钱|报价|价|含税|不含税|未税|元|块|price/i;
/** The customer's target price is named right before the sum. */
export const TARGET_BEFORE =
  /(?:目标价|目標價|target price|target)[^，,。；;\n]{0,8}$|(?:希望|期望)(?:能)?(?:给到|做到|降到|在)[^，,。；;\n]{0,6}$|(?:如果|要是|若)(?:能|可以)?(?:做到|给到|降到)\s*$|(?:if you can|could you) (?:do|meet|reach|go to)\s*$/i;
// What may follow a bare figure that is a price: a pause, its unit (一支, /支), tax words, 不变, or the
// next figure of a list of prices (86和34.5（都含税）).
const BARE_PRICE_END =
  /^\s*(?:$|[，,。;；!！]|一(?:支|件|吨|米|个|公斤|套)|\/\s*(?:支|件|吨|米|个|套|根|kg|公斤|pcs|pc)|块|元|含税|不含税|未税|的价|不变|[和、]\s*\d|[（(](?:都|均)?(?:含税|不含税|未税)|[吧啊哈呀嘛])/;
function clauseBounds(norm: string, pos: number): TextSpan {
  let s = pos;
  while (s > 0 && !isClauseBreak(norm, s - 1)) s--;
  let e = pos;
  while (e < norm.length && !isClauseBreak(norm, e)) e++;
  return { start: s, end: e };
}

function sentenceBounds(norm: string, pos: number): TextSpan {
  let s = pos;
  while (s > 0 && !/[。;；\n!?！？]/.test(norm[s - 1]!)) s--;
  let e = pos;
  while (e < norm.length && !/[。;；\n!?！？]/.test(norm[e]!)) e++;
  return { start: s, end: e };
}

function within(inner: TextSpan, outer: TextSpan): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function goodsQuantity(q: QuantityMention): boolean {
  // 零件号 reads as 零 + 件: nothing is ordered in a quantity of zero.
  return q.value > 0 && GOODS_UNITS.test(q.unit.trim());
}

function taxNear(norm: string, pos: number): boolean | null {
  const s = sentenceBounds(norm, pos);
  const text = norm.slice(s.start, s.end);
  let best: { d: number; v: boolean } | null = null;
  for (const m of matchAll(
    /不含税|未税|除税|不含增值税|含\d{0,2}%?(?:增值)?税|税率|excl\.?\s*VAT|net of VAT|incl\.?\s*VAT/gi,
    text,
  )) {
    const v = !/不含|未税|除税|excl|net of/i.test(m[0]);
    if (/税率/.test(m[0])) continue;
    const d = Math.abs(s.start + m.index - pos);
    if (best === null || d < best.d) best = { d, v };
  }
  return best?.v ?? null;
}

export interface ItemsResult {
  items: OrderItem[];
  entities: Found[];
  /** Lines of order tables (header and rows): order lines, not requirement statements. */
  tableLines: TextSpan[];
}

/** The figure x of the item's line for which quantity × x is the next figure (the line amount). */
function priceByLineAmount(d: Draft, ctx: ItemContext, norm: string): UnitPrice | null {
  const qty = d.quantity!.value;
  const line = lineAt(ctx.lines, d.span.start);
  const figures = [
    ...ctx.numbers.filter((n) => n.start >= d.span.end && n.end <= line.end).map((n) => ({ ...n })),
  ].sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < figures.length; i++) {
    const x = figures[i]!.value;
    const y = figures[i + 1]!.value;
    // A row number or the quantity itself (1 … 8 … 8) is no price.
    if (x <= 1 || y <= x || x === qty || y === qty) continue;
    if (Math.abs(qty * x - y) > Math.max(0.5, y * 0.002)) continue;
    const sentence = norm.slice(line.start, line.end);
    return {
      amount: x,
      currency: /USD|US\$|美元|美金/.test(sentence) ? 'USD' : /EUR|€|欧元/.test(sentence) ? 'EUR' : 'CNY',
      per: d.unit,
      taxIncluded: taxNear(norm, figures[i]!.start),
    };
  }
  return null;
}

export function extractItems(ctx: ItemContext): ItemsResult {
  const { norm, original } = ctx;
  const drafts = new Map<string, Draft>();
  const entities: Found[] = [];
  const consumed: TextSpan[] = [];
  const catalog = ctx.catalog;

  const draftFor = (m: Mention): Draft => {
    let d = drafts.get(m.key);
    if (!d) {
      d = {
        key: m.key,
        code: m.code,
        nameMention: null,
        modelMention: null,
        first: m.start,
        quantity: null,
        quantityFixed: false,
        unit: null,
        price: null,
        fromTable: false,
        span: { start: m.start, end: m.end },
        modelText: null,
      };
      drafts.set(m.key, d);
    }
    if (m.kind === 'name') {
      const prev = d.nameMention;
      if (prev === null || m.end - m.start > prev.end - prev.start) d.nameMention = m;
      if (prev === null) d.span = { start: m.start, end: m.end };
    } else if (d.modelMention === null || (m.fullModel && !d.modelMention.fullModel)) {
      d.modelMention = m;
    }
    return d;
  };

  // 1. Tables.
  const tables = findTables(original, norm, ctx.lines);
  const allCatalogMentions =
    catalog && tables.length > 0
      ? [...findModelMentions(ctx, catalog), ...findNameMentions(ctx, catalog)].sort(
          (a, b) => a.start - b.start,
        )
      : [];
  for (const table of tables) {
    for (const row of table.rows) {
      consumed.push(row.line);
      if (!consumed.includes(table.header)) consumed.push(table.header);
      const productCell = row.cells.get('product');
      const modelCell = row.cells.get('model');
      const mentionsInRow: Mention[] = [];
      for (let k = lowerBound(allCatalogMentions, row.line.start); k < allCatalogMentions.length; k++) {
        const m = allCatalogMentions[k]!;
        if (m.start >= row.line.end) break;
        if (m.end <= row.line.end) mentionsInRow.push(m);
      }
      const code =
        mentionsInRow.find((m) => m.kind === 'model')?.code ??
        mentionsInRow.find((m) => m.kind === 'name')?.code ??
        null;
      const nameSpan = productCell
        ? (() => {
            const name = mentionsInRow.find(
              (m) => m.kind === 'name' && m.start >= productCell.start && m.end <= productCell.end,
            );
            if (name) return { start: name.start, end: name.end };
            const cellText = norm.slice(productCell.start, productCell.end);
            const cut = cellText.search(/\s+[A-Z]{1,4}-|[（(]/);
            return { start: productCell.start, end: cut > 0 ? productCell.start + cut : productCell.end };
          })()
        : null;
      const modelMention = mentionsInRow.find((m) => m.kind === 'model');
      const modelSpan = modelMention ?? (modelCell ? { start: modelCell.start, end: modelCell.end } : null);
      const key = code ?? `row:${row.line.index}`;
      const qtyCell = row.cells.get('quantity');
      const unitCell = row.cells.get('unit');
      const priceCell = row.cells.get('unitPrice');
      // 壹仟贰佰件 and 1,200件 alike: the quantity the entity finder read inside the cell, else digits.
      const qtyMention = qtyCell ? ctx.quantities.find((q) => within(q, qtyCell) && !q.range) : undefined;
      const qtyValue = qtyMention
        ? qtyMention.value
        : qtyCell
          ? Number(
              norm
                .slice(qtyCell.start, qtyCell.end)
                .replace(/[,\s]/g, '')
                .replace(/[^\d.].*$/, ''),
            )
          : Number.NaN;
      const unitText = unitCell
        ? norm.slice(unitCell.start, unitCell.end)
        : (qtyMention?.unit ??
          (qtyCell ? /[^\d.,\s]+$/.exec(norm.slice(qtyCell.start, qtyCell.end))?.[0] : undefined) ??
          null);
      // "23.50", "¥23.50", "23.50元" and "新台币 520 元" alike: the money read in the cell, else its
      // first number.
      const moneyInCell = priceCell ? ctx.money.find((m) => within(m, priceCell) && !m.range) : undefined;
      const priceMatch = priceCell
        ? /\d[\d,]*(?:\.\d+)?|\.\d+/.exec(norm.slice(priceCell.start, priceCell.end))
        : null;
      const priceValue = moneyInCell
        ? moneyInCell.amount
        : priceMatch
          ? Number(priceMatch[0].replace(/,/g, ''))
          : Number.NaN;
      const span = nameSpan ?? modelSpan ?? { start: row.line.start, end: row.line.end };
      const d: Draft = {
        key,
        code,
        nameMention: nameSpan
          ? { ...nameSpan, kind: 'name', code, fullModel: false, strong: true, key }
          : null,
        modelMention: modelSpan
          ? { ...modelSpan, kind: 'model', code, fullModel: true, strong: true, key }
          : null,
        first: row.line.start,
        quantity: Number.isFinite(qtyValue) ? { value: qtyValue, unit: unitText ?? '' } : null,
        quantityFixed: true,
        unit: unitText,
        price: Number.isFinite(priceValue)
          ? {
              amount: priceValue,
              currency: moneyInCell?.currency || table.currency || 'CNY',
              per: unitText,
              taxIncluded: row.taxIncluded ?? table.taxIncluded,
            }
          : null,
        fromTable: true,
        span,
        modelText: null,
      };
      if (!drafts.has(key)) drafts.set(key, d);
    }
  }

  // 2. Mentions in running text.
  const inConsumed = overlapIndex(consumed);
  const outside = (s: TextSpan) => !inConsumed(s);
  let mentions: Mention[] = [];
  if (catalog) {
    const models = findModelMentions(ctx, catalog).filter(outside);
    const inModel = overlapIndex(models);
    const names = findNameMentions(ctx, catalog)
      .filter(outside)
      .filter((n) => !inModel(n));
    mentions = [...models, ...names];
  }
  mentions.sort((a, b) => a.start - b.start);
  const goods = ctx.quantities.filter(goodsQuantity).sort((a, b) => a.start - b.start);
  const modelCodesByLine = new Map<number, Set<string | null>>();
  for (const o of mentions) {
    if (o.kind !== 'model') continue;
    const li = lineAt(ctx.lines, o.start).index;
    const set = modelCodesByLine.get(li) ?? new Set();
    set.add(o.code);
    modelCodesByLine.set(li, set);
  }
  // A weak name (门窗, 幕墙 inside a letterhead) counts only next to a model or a quantity.
  mentions = mentions.filter((m) => {
    if (m.strong) return true;
    if (modelCodesByLine.get(lineAt(ctx.lines, m.start).index)?.has(m.code)) return true;
    const clause = clauseBounds(norm, m.start);
    const q = goods[lowerBound(goods, clause.start)];
    if (q !== undefined && q.end <= clause.end) return true;
    // Speech breaks one request into phrases at pauses (插片的 SR两百 再来一千二百件): the count may come
    // a phrase or two later, before any other product is named.
    let end = clause.end;
    for (let hop = 0; hop < 2 && norm[end] === ' '; hop++) {
      end = clauseBounds(norm, end + 1).end;
      if (mentions.some((o) => o !== m && o.start > m.end && o.start < end && o.code !== m.code))
        return false;
      if (q !== undefined && q.end <= end) return true;
    }
    return false;
  });
  // The same new part written longer and shorter (电池包水冷板支座 / 水冷板支座) is one item.
  const newParts = findNewPartMentions(ctx, mentions).filter(outside);
  for (const m of newParts) {
    const text = m.key.slice(4);
    const same = newParts.find(
      (o) => o !== m && o.key !== m.key && (o.key.endsWith(text) || text.endsWith(o.key.slice(4))),
    );
    if (same && same.key.length > m.key.length) m.key = same.key;
  }
  mentions.push(...newParts);
  mentions.sort((a, b) => a.start - b.start);

  // A name and a model in the same line naming different codes: the model decides.
  const modelMentions = mentions.filter((o) => o.kind === 'model');
  const modelCodes = new Set(modelMentions.map((o) => o.code));
  for (const m of mentions) {
    if (m.kind !== 'name' || m.code === null) continue;
    const line = lineAt(ctx.lines, m.start);
    let model: Mention | undefined;
    for (let k = lowerBound(modelMentions, line.start); k < modelMentions.length; k++) {
      const o = modelMentions[k]!;
      if (o.start >= line.end) break;
      // Only a model written right next to the name (名称（型号） / 型号 名称) names the same part.
      if (o.end <= line.end && (Math.abs(o.start - m.end) <= 6 || Math.abs(m.start - o.end) <= 6)) {
        model = o;
        break;
      }
    }
    if (model && model.code !== m.code && !modelCodes.has(m.code)) {
      m.code = model.code;
      m.key = model.key;
    }
  }
  for (const m of mentions) {
    if (!drafts.has(m.key) || !drafts.get(m.key)!.fromTable) draftFor(m);
  }
  for (const d of drafts.values()) {
    if (d.code !== null || d.modelMention !== null || d.fromTable) continue;
    // New part: its drawing number, if the line gives one.
    const at = d.nameMention ?? null;
    if (!at) continue;
    const line = lineAt(ctx.lines, at.start);
    const sortedDrawings = [...ctx.drawingNumbers].sort((a, b) => a.start - b.start);
    const drawing = sortedDrawings
      .slice(lowerBound(sortedDrawings, line.start))
      .find((dn) => dn.start < line.end && dn.end <= line.end);
    if (drawing) d.modelText = original.slice(drawing.start, drawing.end);
  }

  const textMentions = mentions.filter((m) => drafts.get(m.key) && !drafts.get(m.key)!.fromTable);
  const inMention = overlapIndex(textMentions);
  const mentionsBetween = (from: number, to: number): Mention[] => {
    const out: Mention[] = [];
    for (
      let k = lowerBound(textMentions, from);
      k < textMentions.length && textMentions[k]!.start < to;
      k++
    ) {
      if (textMentions[k]!.end <= to) out.push(textMentions[k]!);
    }
    return out;
  };
  const targetOf = (pos: number, end: number): Draft | null => {
    const line = lineAt(ctx.lines, pos);
    const inLine = mentionsBetween(line.start, line.end);
    // 4000件控制臂支架 / 2000 pcs bumper beam: a quantity right before a product counts it.
    const right = inLine.find((m) => m.start >= pos);
    if (
      right &&
      /^[\d,.\s]*[^\s\d]{0,4}\s*(?:的|of(?:\s+the)?|x|×)?\s*$/i.test(norm.slice(pos, right.start)) &&
      right.start - pos <= 18
    ) {
      const between = norm.slice(pos, right.start);
      if (!/[，,。;；、和及]/.test(between)) return drafts.get(right.key) ?? null;
    }
    // 300 pcs of the subframe bracket HR-FCJ-6082-11: English words naming the part before its number.
    if (
      right?.kind === 'model' &&
      right.start - pos <= 48 &&
      /^[\d,.\s]*(?:pcs|pc|pieces|units|sets|ea)\.?\s+(?:of\s+)?(?:the\s+)?(?:[a-z][a-z-]*\s+){0,4}$/i.test(
        norm.slice(pos, right.start),
      )
    )
      return drafts.get(right.key) ?? null;
    const before = inLine.filter((m) => m.end <= pos).at(-1);
    if (before) return drafts.get(before.key) ?? null;
    const clause = clauseBounds(norm, pos);
    // 6000件、20英寸轮毂毛坯2500件: a listed quantity does not jump over the 、 to the next product.
    const after = inLine.find(
      (m) =>
        m.start >= pos && m.start <= clause.end && !/[、和及]|\d\s*[件支米吨]/.test(norm.slice(end, m.start)),
    );
    if (after) return drafts.get(after.key) ?? null;
    if (inLine.length > 0) return null;
    for (let k = lowerBound(textMentions, pos) - 1; k >= 0; k--) {
      if (textMentions[k]!.end <= pos) return drafts.get(textMentions[k]!.key) ?? null;
    }
    return null;
  };

  // 3. Quantities.
  for (const q of ctx.quantities) {
    if (!goodsQuantity(q) || !outside(q)) continue;
    if (inMention(q)) continue;
    // 转向节和下控制臂各来两千件: "each" gives every product listed before it the same quantity.
    if (EACH_BEFORE.test(norm.slice(Math.max(0, q.start - 6), q.start)) && !q.range) {
      const clause = clauseBounds(norm, q.start);
      for (const m of mentionsBetween(clause.start, q.start)) {
        const each = drafts.get(m.key);
        if (!each || each.fromTable || each.quantityFixed) continue;
        each.quantity = { value: q.value, unit: q.unit };
        each.unit = q.unit;
        each.quantityFixed = true;
      }
      continue;
    }
    const d = targetOf(q.start, q.end);
    if (!d || d.fromTable) continue;
    const clause = clauseBounds(norm, q.start);
    const prefix = norm.slice(clause.start, q.start);
    // 每托40支 is a pack size; 每月大概3000支 is a volume, the quantity an enquiry asks about.
    if (PER_PACK.test(prefix)) continue;
    if (DIMENSION_BEFORE.test(norm.slice(Math.max(clause.start, q.start - 6), q.start))) continue;
    // 一个项目 / 一件没挑出来: "one" as an article, not a counted quantity.
    if (/^[一壹]\s*\S$/.test(q.text)) continue;
    // Parts sent back to the supplier (寄三件过来) are no order quantity.
    if (/^\s*(?:回来|回去)/.test(norm.slice(q.end, q.end + 3)) || /寄回\s*$/.test(prefix)) continue;
    // 我明天寄三件过来 sends parts to the supplier; 能不能先寄20个样件过来 asks the supplier to send them.
    // 转向节也带四百件过来 / 补八百件过来 asks the supplier to bring them: only what the customer
    // mails or brings (寄, 我们拿) goes the other way.
    if (
      (/^\s*过来/.test(norm.slice(q.end, q.end + 3)) || /寄\s*$/.test(prefix)) &&
      (/寄/.test(prefix) || /我(?:们|司|方)?[^，,。；;]{0,6}(?:拿|带|送)[^，,。；;]{0,4}$/.test(prefix)) &&
      !/能不能|能否|可否|可不可以|请|麻烦|帮忙|给我们|给我/.test(prefix)
    )
      continue;
    if (PART_WEIGHT_BEFORE.test(prefix)) continue;
    // A total over a list of products (转向节、下控制臂、控制臂支架约21.6万件) belongs to none of them.
    const listed = mentionsBetween(clause.start, q.start);
    if (listed.length >= 2 && /[、和及]/.test(prefix) && !/\d/.test(norm.slice(listed[0]!.end, q.start)))
      continue;
    const before = norm.slice(Math.max(0, q.start - 8), q.start);
    const after = norm.slice(q.end, q.end + 6);
    if (CHANGE_FROM_AFTER.test(after)) continue;
    const value = q.range ? null : { value: q.value, unit: q.unit };
    const clauseText = norm.slice(clause.start, clause.end);
    // 年用量5万件，想先要5件样品: a sample request is about the sample lot, not the annual volume.
    if (d.annualVolume && SAMPLE_LOT.test(clauseText)) {
      d.quantity = value;
      d.unit = q.unit;
      d.annualVolume = false;
      continue;
    }
    // 其中20吨不再需要，请取消；其余25吨仍按原约定: after part of an order is dropped, the remainder
    // is the quantity that stands.
    const remainderAfterCut =
      REMAINDER_BEFORE.test(before) && PART_DROPPED.test(norm.slice(Math.max(0, q.start - 60), q.start));
    // 其中未生产的15,000支取消: the quantity a cancellation names is the one cancelled, not the order's.
    const cancelledHere = CANCELLED_AFTER.test(after);
    if (CHANGE_TO.test(before) || remainderAfterCut || cancelledHere) {
      d.quantity = value;
      d.unit = q.unit;
      d.quantityFixed = true;
    } else if (!d.quantityFixed) {
      d.quantity = value;
      d.unit = q.unit;
      d.quantityFixed = true;
      d.annualVolume = ANNUAL_VOLUME.test(prefix);
    }
  }

  const inNonPrice = overlapIndex(ctx.nonPriceNumbers);
  // 3b. Spoken follow-ups name a count without its unit (电机壳体来一千五百件……端盖也要一千五): the
  // number right after 要/来 counts the product in the same unit as the order's other lines.
  // A labelled count without a unit (数量：800, qty 1200, ×600) is the quantity, unit unknown.
  const unitsSoFar = [...drafts.values()].filter((d) => d.quantity !== null && !d.fromTable);
  const inMoneyOrQty = overlapIndex([...ctx.money, ...ctx.quantities]);
  for (const n of ctx.numbers) {
    if (!outside(n) || n.value <= 0 || !Number.isInteger(n.value)) continue;
    if (inMoneyOrQty(n) || inNonPrice(n) || inMention(n)) continue;
    if (!/^\s*(?:$|[，,。;；!！\s）)])/.test(norm.slice(n.end, n.end + 1))) continue;
    const before = norm.slice(Math.max(0, n.start - 10), n.start);
    const labelled = LABELLED_COUNT_BEFORE.test(before);
    const spoken = unitsSoFar.length > 0 && BARE_COUNT_BEFORE.test(before);
    if (!labelled && !spoken) continue;
    const d = targetOf(n.start, n.end);
    if (!d || d.fromTable || d.quantityFixed) continue;
    const unit = labelled ? '' : unitsSoFar.at(-1)!.quantity!.unit;
    d.quantity = { value: n.value, unit };
    d.unit = unit || null;
    d.quantityFixed = true;
  }

  // 4. Unit prices, the last valid one per item (a negotiation ends with the agreed figure).
  const priceCandidates: { pos: number; end: number; price: UnitPrice }[] = [];
  const speakerAt = (pos: number) => ctx.speakers[lineAt(ctx.lines, pos).index] ?? 'unknown';
  // A price the supplier names is an offer; when the customer's next words accept it (好的/可以/没问题),
  // it is the agreed price of the order.
  const offerAccepted = (pos: number): boolean => {
    const at = lineAt(ctx.lines, pos);
    if (TENTATIVE_OFFER.test(norm.slice(at.start, at.end))) return false;
    for (let i = at.index + 1; i < ctx.lines.length; i++) {
      const line = ctx.lines[i]!;
      const speaker = ctx.speakers[i] ?? 'unknown';
      const content = norm.slice(line.start, line.end).replace(TURN_LABEL, '').trim();
      if (speaker === 'supplier' && content !== '') return false;
      if (speaker !== 'customer' || content === '') continue;
      return ACCEPTANCE.test(content);
    }
    return false;
  };
  const offeredBySupplier = (pos: number) => speakerAt(pos) === 'supplier' && !offerAccepted(pos);
  const clauseRejects = (pos: number) => {
    // 目标价是35.5元/件, 如果能做到 USD 4.50 我们就换: the customer's target is the price it proposes
    // (README), whatever competitor or quote the sentence also cites.
    if (TARGET_BEFORE.test(norm.slice(Math.max(0, pos - 14), pos))) return false;
    // 能否按26800元/吨成交: the customer's counter-offer is the price it proposes, whatever it cites.
    if (PROPOSAL_BEFORE.test(norm.slice(Math.max(0, pos - 8), pos))) return false;
    const c = clauseBounds(norm, pos);
    const text = norm.slice(c.start, c.end);
    const s = sentenceBounds(norm, pos);
    const sentence = norm.slice(s.start, s.end);
    return COMPETITOR.test(sentence) || NEGOTIATION.test(text);
  };
  for (const m of ctx.money) {
    if (!outside(m) || m.range) continue;
    if (inNonPrice(m)) continue;
    if (offeredBySupplier(m.start) || clauseRejects(m.start)) continue;
    const clause = clauseBounds(norm, m.start);
    const clauseText = norm.slice(clause.start, clause.end);
    if (m.per === null) {
      if (TOTAL_LABEL.test(norm.slice(Math.max(0, m.start - 12), m.start))) continue;
      if (NOT_UNIT_PRICE_CLAUSE.test(clauseText)) continue;
      if (!PRICE_CUE.test(norm.slice(Math.max(0, m.start - 12), m.end + 6))) continue;
    }
    const tax = m.taxIncluded ?? taxNear(norm, m.start);
    priceCandidates.push({
      pos: m.start,
      end: m.end,
      price: { amount: m.amount, currency: m.currency || 'CNY', per: m.per, taxIncluded: tax },
    });
  }
  const inMoney = overlapIndex(ctx.money);
  const inQuantity = overlapIndex(ctx.quantities);
  for (const n of ctx.numbers) {
    if (!outside(n) || n.value <= 0) continue;
    if (inMoney(n) || inQuantity(n)) continue;
    if (inNonPrice(n) || inMention(n)) continue;
    if (MODEL_TOKEN_CHAR.test(norm[n.start - 1] ?? '') || /[.\d]/.test(norm[n.end] ?? '')) continue;
    // 长度1180不变: a dimension is no price.
    if (DIMENSION_BEFORE.test(norm.slice(Math.max(0, n.start - 6), n.start))) continue;
    // ASR: a spoken figure ends at the pause after it (四十二 嗯行 含税的啊).
    const afterN = norm.slice(n.end, n.end + 4);
    if (
      !BARE_PRICE_END.test(afterN) &&
      !/^[ \t]*\n/.test(afterN) &&
      !(norm[n.end] === ' ' && isClauseBreak(norm, n.end))
    )
      continue;
    const s = sentenceBounds(norm, n.start);
    if (!PRICE_CUE.test(norm.slice(s.start, s.end))) continue;
    if (offeredBySupplier(n.start) || clauseRejects(n.start)) continue;
    const clauseSpan = clauseBounds(norm, n.start);
    const clause = norm.slice(clauseSpan.start, n.start);
    if (/数量|共|要|来|订|合计|总/.test(clause)) continue;
    if (NOT_UNIT_PRICE_CLAUSE.test(norm.slice(clauseSpan.start, clauseSpan.end))) continue;
    const currency = /USD|美元|美金/.test(norm.slice(s.start, s.end)) ? 'USD' : 'CNY';
    priceCandidates.push({
      pos: n.start,
      end: n.end,
      price: { amount: n.value, currency, per: null, taxIncluded: taxNear(norm, n.start) },
    });
  }
  priceCandidates.sort((a, b) => a.pos - b.pos);
  // 1. 产品：横梁型材…数量6,000支；2. 单价：228元/支: a contract's numbered clauses give the one item's
  // price in a clause of its own, after the line that named and counted it.
  const onlyDraft = drafts.size === 1 ? [...drafts.values()][0]! : null;
  const loneRowWithoutPrice = onlyDraft?.fromTable && onlyDraft.price === null ? onlyDraft : null;
  for (const c of priceCandidates) {
    if (loneRowWithoutPrice && c.pos > loneRowWithoutPrice.span.end) {
      const d = loneRowWithoutPrice;
      d.price = { ...c.price, per: c.price.per ?? d.unit };
      continue;
    }
    const d = targetOf(c.pos, c.end);
    if (!d || d.fromTable) continue;
    d.price = { ...c.price, per: c.price.per ?? d.unit };
  }

  // 4b. 工业方管 5050T 8 吨 26,800.00 214,400.00: in an order line written without column marks, the
  // unit price is the figure that, times the quantity, gives the line's amount.
  for (const d of drafts.values()) {
    if (d.price !== null || d.quantity === null || d.fromTable) continue;
    const priced = priceByLineAmount(d, ctx, norm);
    if (priced) d.price = priced;
  }

  // 5. Results.
  const items: OrderItem[] = [];
  for (const d of [...drafts.values()].sort((a, b) => a.first - b.first)) {
    let name = d.nameMention;
    const model = d.modelMention;
    if (name === null && model !== null) name = productNounAfter(norm, model);
    const span = name ?? model ?? d.span;
    const product = original.slice(span.start, span.end);
    if (product.trim() === '') continue;
    const modelText = model ? original.slice(model.start, model.end) : d.modelText;
    items.push({
      product,
      catalogCode: d.code,
      model: modelText,
      quantity: d.quantity ? { value: d.quantity.value, unit: d.quantity.unit || null } : null,
      unitPrice: d.price,
      span: { start: span.start, end: span.end },
    });
    if (name)
      entities.push({ type: 'product', start: name.start, end: name.end, value: { catalogCode: d.code } });
    if (model)
      entities.push({ type: 'model', start: model.start, end: model.end, value: { catalogCode: d.code } });
  }
  return { items, entities, tableLines: consumed };
}
