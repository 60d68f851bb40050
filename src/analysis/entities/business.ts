// Numbers, quantities, money, percentages and durations as the business analyzer reads them.
import { findDurationMatches } from './duration.js';
import { findMoneyMatches } from './money.js';
import { normalizeText } from './normalize.js';
import { parseChineseNumber, scanNumerals } from './numeral.js';
import { NUM } from './patterns.js';
import type {
  DurationMention,
  MoneyMention,
  NumberMention,
  PercentageMention,
  QuantityMention,
} from './types.js';

const MAX_INPUT = 1_000_000;
const clip = (s: string) => (typeof s !== 'string' ? '' : s.length > MAX_INPUT ? s.slice(0, MAX_INPUT) : s);

const isAlnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
const CLASSIFIER_AFTER =
  /^[个件支套只箱托批台次天周月年号日片根卷盒包袋桶张条把副组对双瓶块颗粒吨米克斤元倍%]/;

export function findNumbers(text: string): NumberMention[] {
  const src = clip(text);
  const t = normalizeText(src);
  const out: NumberMention[] = [];
  for (const n of scanNumerals(t, false)) {
    let { start, value } = n;
    let end = n.end;
    // a hyphen after a digit, % or letter is a range dash or part of a code, not a minus sign
    if (t[start] === '-' && start > 0 && /[A-Za-z0-9%)\]]/.test(t[start - 1] as string)) {
      start += 1;
      value = Math.abs(value);
    }
    // inside a code such as HR-KZB-6082-02
    let k = start - 1;
    while (k >= 0 && /[A-Za-z0-9-]/.test(t[k] as string)) k--;
    if (/[A-Za-z]/.test(t.slice(k + 1, start))) continue;
    // dotted dates and versions (15.04.2026, v1.2.3)
    if (t[start] === '.' || (t[end] === '.' && /\d/.test(t[end + 1] ?? ''))) continue;
    if (t[end - 1] === '个' && end - start > 1) end -= 1;
    const prev = t[start - 1];
    if (
      /[A-Za-z]/.test(t[end] ?? '') &&
      !/^(kg|g|mm|cm|m|t|pcs|pc|ea|l|ml|k|x)/i.test(t.slice(end, end + 3))
    ) {
      if (/[A-Za-z]/.test(t[start - 1] ?? '')) continue;
    }
    const body = t.slice(start, end);
    // a lone Chinese numeral (一, 十) is a number only before a classifier or after 第
    if (/^[一二两三四五六七八九十百千万亿零〇廿卅半]$/.test(body)) {
      if (!CLASSIFIER_AFTER.test(t.slice(end, end + 1)) && prev !== '第') continue;
    }
    if (!Number.isFinite(value)) continue;
    out.push({ start, end, text: src.slice(start, end), value });
  }
  return out;
}

const QTY_UNITS = [
  'pcs',
  'PCS',
  'Pcs',
  'pc',
  'PC',
  'EA',
  'ea',
  'sets?',
  'SETS?',
  '平方米',
  '立方米',
  '公斤',
  '千克',
  '毫米',
  '厘米',
  '公里',
  '毫升',
  '个(?![月星礼工小钟])',
  '件',
  '支',
  '套',
  '只',
  '箱',
  '托',
  '片',
  '根',
  '卷',
  '台',
  '批',
  '盒',
  '包',
  '袋',
  '桶',
  '张',
  '条',
  '把',
  '副',
  '组',
  '对',
  '双',
  '瓶',
  '颗',
  '粒',
  '枚',
  '捆',
  '吨',
  '斤',
  '米',
  '升',
  '克',
  // English tonnage (5 tons, 12 tonnes, 20 MT) before the bare t
  'tonnes?',
  'Tonnes?',
  'tons?',
  'Tons?',
  'MT',
  'kgs',
  'KGS',
  'kg',
  'KG',
  'Kg',
  'mm',
  'cm',
  'km',
  'ml',
  'm²',
  'm2',
  'm3',
  'm',
  't',
  'g',
  'L',
];
const QTY_RE = new RegExp(
  // A Latin unit ends at a word boundary (5 m, not 5 mm); a Chinese one may run into a model (800支BT01边框).
  `(${NUM})(?:\\s*(?:-|~|—|–|到|至)\\s*(${NUM}))?\\s*(?:[|｜]\\s*)?(${QTY_UNITS.join('|')})(?:(?<=[A-Za-z])(?![A-Za-z0-9])|(?<![A-Za-z])(?![0-9]))`,
  'g',
);

const KIND_CLASSIFIER = /^(?:个|種|种|款|项|項|类|類)$/;
const KINDS_COUNTED =
  /^\s*(?:不同的?|新的?)?(?:料号|料號|型号|型號|规格|規格|品种|品種|品号|零件号|零件|件号|图号|产品|產品|项目|物料|型材|料|东西|东东)/;

export function findQuantities(text: string): QuantityMention[] {
  const src = clip(text);
  const t = normalizeText(src);
  const out: QuantityMention[] = [];
  QTY_RE.lastIndex = 0;
  for (let m = QTY_RE.exec(t); m !== null; m = QTY_RE.exec(t)) {
    const start = m.index;
    if (isAlnum(t[start - 1]) || t[start - 1] === '第' || (t[start - 1] === '-' && isAlnum(t[start - 2])))
      continue;
    if (t[start - 1] === '.' && /\d/.test(t[start - 2] ?? '')) continue;
    // 元/件 is a price unit, not a quantity; money is reported by findMoney
    if (t[start - 1] === '/') continue;
    // 十八块五一支: the 五 is the jiao of a spoken price and 一支 its per-unit, not 51 pieces
    if ((t[start - 1] === '块' || t[start - 1] === '元') && /^[一二三四五六七八九]一$/.test(m[1] as string))
      continue;
    // 六零六一 (alloy 6061) is a designation read digit by digit, not an amount
    if (/^[零〇一二三四五六七八九]{3,}$/.test(m[1] as string)) continue;
    const a = parseChineseNumber(m[1] as string);
    if (a === null || a < 0) continue;
    const unit = (m[3] as string).replace(/\(.*$/, '');
    const end = start + m[0].length;
    // 零件 is the word for parts, not zero pieces.
    if (m[1] === '零' && unit === '件') continue;
    // 两个料号 / 三款型材 / 两种料: how many kinds of part a message is about, not how many pieces.
    if (KIND_CLASSIFIER.test(unit) && KINDS_COUNTED.test(t.slice(end, end + 6))) continue;
    if (m[2] !== undefined) {
      const b = parseChineseNumber(m[2] as string);
      if (b === null || b < a) continue;
      out.push({ start, end, text: src.slice(start, end), value: a, unit, range: { from: a, to: b } });
    } else {
      // single-character Chinese numeral "一" before 个/件 is still a quantity (一件)
      out.push({ start, end, text: src.slice(start, end), value: a, unit });
    }
  }
  // English shorthand in mixed-language mail: 5k pcs, 2.5K sets = thousands.
  KILO_QTY_RE.lastIndex = 0;
  for (let m = KILO_QTY_RE.exec(t); m !== null; m = KILO_QTY_RE.exec(t)) {
    const start = m.index;
    const end = start + m[0].length;
    if (isAlnum(t[start - 1]) || out.some((q) => q.start < end && start < q.end)) continue;
    out.push({
      start,
      end,
      text: src.slice(start, end),
      value: Math.round(Number(m[1]) * 1000),
      unit: m[2]!,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

const KILO_QTY_RE = /(\d+(?:\.\d+)?)\s*[kK]\s*(pcs|PCS|pc|PC|EA|ea|sets?|件|支|套|个|只)(?![A-Za-z])/g;

const PER_RE =
  /\s*(?:\/|每|per\s*|一)\s*(pcs|pc|PCS|PC|EA|ea|sets?|kg|KG|g|t|m|吨|件|支|套|只|个|箱|托|片|根|卷|台|批|盒|包|袋|桶|张|条|米|公斤|千克|斤|克|平方米|立方米)(?![A-Za-z])/y;
const PER_BEFORE_RE =
  /每\s*(吨|件|支|套|只|个|箱|托|片|根|卷|台|批|盒|包|袋|桶|张|条|米|公斤|千克|斤|克|kg|pcs|PCS)\s*(?:单价|价格|为|是|:)?\s*$/;
// English remarks too (mixed-language POs): excl. tax, ex-VAT, without VAT / incl. 13% VAT, tax included.
const TAX_INCL_RE =
  /(不含税|未税|除税|税前|不含增值税|不含\d+(?:\.\d+)?%|裸价|\bexcl(?:uding|usive of|\.)?\s*(?:of\s+)?(?:tax|VAT)\b|\bex[-\s]?(?:tax|VAT)\b|\b(?:without|w\/o|before)\s+(?:tax|VAT)\b|\b(?:tax|VAT)\s+excluded\b|\bnet of (?:tax|VAT)\b)|(含税|含增值税|含\d+(?:\.\d+)?%\s*(?:增值税|税|VAT)|税后|含票|\bincl(?:uding|usive of|\.)?\s*(?:of\s+)?(?:\d+(?:\.\d+)?\s*%\s*)?(?:tax|VAT)\b|\b(?:with|after)\s+(?:tax|VAT)\b|\b(?:tax|VAT)\s+(?:incl(?:uded|\.)?|inclusive)\b)/i;
const TAX_RATE_RE =
  /(\d+(?:\.\d+)?)\s*%\s*(?:的)?\s*(?:增值税|税|VAT|专票|发票)|税率\s*(?:为|是|:)?\s*(\d+(?:\.\d+)?)\s*%/;
const BARE_PRICE_RE = new RegExp(`(${NUM})\\s*(?:[，,]\\s*)?(?=含税|未税|不含税|含增值税)`, 'g');
/** A number right after 单价/价格/报价 with no unit: 价格还是按PO上的七百九. */
const PRICE_WORD_RE = new RegExp(
  `(?:单价|价格|报价|价钱)[^，。；;\\n\\d零〇一二两三四五六七八九十]{0,10}?(${NUM})(?![\\d.,%件支个套只箱米吨根片台批kKgGmM])`,
  'g',
);
const CURRENCY_MARK = /[元块圆¥$€£₩円]|人民币|港币|美金|RMB|CNY|USD|EUR|HKD|JPY|GBP/i;
/** Spoken per-unit price: 价格按两万七千六一吨, 三百二一件. */
const SPOKEN_PER_RE = new RegExp(`(${NUM})\\s*一\\s*(吨|件|支|套|只|个|箱|米|公斤|根|片|台)`, 'g');

function taxInfo(t: string, start: number, end: number): { taxIncluded: boolean | null; taxRate?: number } {
  // look in the same clause: a few characters before and after the amount
  const tail = t.slice(end, Math.min(t.length, end + 24)).split(/[。；;\n]/)[0] ?? '';
  const segs = tail.split(/[，]|,(?!\d)/);
  // the tax remark may stand in the next short clause: 单价32.50元/支，含税
  const after = (segs[0] ?? '') + (/^\s*(含|不含|未税|税)/.test(segs[1] ?? '') ? ` ${segs[1]}` : '');
  const before =
    t
      .slice(Math.max(0, start - 10), start)
      .split(/[。；;\n，,]/)
      .pop() ?? '';
  let taxIncluded: boolean | null = null;
  let taxRate: number | undefined;
  for (const win of [after, before]) {
    const m = TAX_INCL_RE.exec(win);
    if (m && taxIncluded === null) taxIncluded = m[1] === undefined;
    const r = TAX_RATE_RE.exec(win);
    if (r && taxRate === undefined) taxRate = Number(r[1] ?? r[2]);
  }
  return taxRate === undefined ? { taxIncluded } : { taxIncluded, taxRate };
}

/** The VAT rates (per cent) a text states: 含13%增值税, 税率为13%, 13%专票. */
export function taxRatesIn(text: string): number[] {
  const t = normalizeText(clip(text));
  const re = new RegExp(TAX_RATE_RE.source, 'g');
  return [...t.matchAll(re)].map((m) => Number(m[1] ?? m[2])).filter((n) => Number.isFinite(n) && n <= 100);
}

export function findMoney(text: string): MoneyMention[] {
  const src = clip(text);
  const t = normalizeText(src);
  const out: MoneyMention[] = [];
  const taken: Array<[number, number]> = [];
  for (const m of findMoneyMatches(t)) {
    const body = t.slice(m.start, m.end);
    // business text needs a currency marker: 三分/五毫/个六 are rarely money, 几千块 is no amount
    if (m.currency === 'cent' || !CURRENCY_MARK.test(body)) continue;
    if (/[几多]/.test(t[m.start - 1] ?? '') && /^[十百千万]/.test(body)) continue;
    let currency = m.currency;
    let scale = 1;
    if (m.generic || currency === '$') currency = 'CNY';
    if (currency === 'cent') {
      currency = 'CNY';
      scale = 0.01;
    }
    const amount = (m.value ?? m.from ?? m.to ?? 0) * scale;
    if (!(amount > 0)) continue;
    let end = m.end;
    let per: string | null = null;
    PER_RE.lastIndex = end;
    const pm = PER_RE.exec(t);
    if (pm) {
      per = pm[1] as string;
      end += pm[0].length;
    } else {
      const pb = PER_BEFORE_RE.exec(t.slice(Math.max(0, m.start - 12), m.start));
      if (pb) per = pb[1] as string;
    }
    const tax = taxInfo(t, m.start, end);
    const mention: MoneyMention = {
      start: m.start,
      end,
      text: src.slice(m.start, end),
      amount: Math.round(amount * 1e6) / 1e6,
      currency,
      per,
      ...tax,
    };
    if (m.from !== undefined && m.to !== undefined)
      mention.range = { from: m.from * scale, to: m.to * scale };
    out.push(mention);
    taken.push([m.start, end]);
  }
  // "按上次的620含税": a bare number directly qualified by a tax flag is a price in CNY
  BARE_PRICE_RE.lastIndex = 0;
  for (let b = BARE_PRICE_RE.exec(t); b !== null; b = BARE_PRICE_RE.exec(t)) {
    const s = b.index;
    const e = s + (b[1] as string).length;
    if (isAlnum(t[s - 1]) || taken.some(([x, y]) => s < y && x < e)) continue;
    if (/数量|共计|合计|总共/.test(t.slice(Math.max(0, s - 8), s))) continue;
    const v = parseChineseNumber(b[1] as string);
    if (v === null || v <= 0) continue;
    out.push({
      start: s,
      end: e,
      text: src.slice(s, e),
      amount: v,
      currency: 'CNY',
      per: null,
      ...taxInfo(t, s, e),
    });
    taken.push([s, e]);
  }
  SPOKEN_PER_RE.lastIndex = 0;
  for (let b = SPOKEN_PER_RE.exec(t); b !== null; b = SPOKEN_PER_RE.exec(t)) {
    const s = b.index;
    const e = s + b[0].length;
    if (isAlnum(t[s - 1]) || taken.some(([x, y]) => s < y && x < e)) continue;
    if (!/价|报价|多少钱|卖/.test(t.slice(Math.max(0, s - 12), s))) continue;
    const v = parseChineseNumber(b[1] as string);
    if (v === null || v <= 0) continue;
    out.push({
      start: s,
      end: e,
      text: src.slice(s, e),
      amount: v,
      currency: 'CNY',
      per: b[2] as string,
      ...taxInfo(t, s, e),
    });
    taken.push([s, e]);
  }
  PRICE_WORD_RE.lastIndex = 0;
  for (let b = PRICE_WORD_RE.exec(t); b !== null; b = PRICE_WORD_RE.exec(t)) {
    const e = b.index + b[0].length;
    const s = e - (b[1] as string).length;
    if (isAlnum(t[s - 1]) || taken.some(([x, y]) => s < y && x < e)) continue;
    // 报价单号2026…, 报价有效期30天: the number belongs to something else
    if (/[号单期间天日月年效率数量]/.test(b[0].slice(2, b[0].length - (b[1] as string).length))) continue;
    const v = parseChineseNumber(b[1] as string);
    // a lone 一 or a digit-by-digit designation is not a price
    if (v === null || v <= 1 || /^[零〇一二三四五六七八九]{3,}$/.test(b[1] as string)) continue;
    out.push({
      start: s,
      end: e,
      text: src.slice(s, e),
      amount: v,
      currency: 'CNY',
      per: null,
      ...taxInfo(t, s, e),
    });
    taken.push([s, e]);
  }
  for (const o of out) taken.push([o.start, o.end]);
  return out.sort((a, b) => a.start - b.start);
}

const PCT_RE = new RegExp(
  `(${NUM})\\s*%?\\s*(?:-|~|—|–|到|至)\\s*(${NUM})\\s*%|(${NUM})\\s*%|百分之\\s*(${NUM})(?:\\s*(?:到|至)\\s*百分之\\s*(${NUM}))?`,
  'g',
);

export function findPercentages(text: string): PercentageMention[] {
  const src = clip(text);
  const t = normalizeText(src);
  const out: PercentageMention[] = [];
  PCT_RE.lastIndex = 0;
  for (let m = PCT_RE.exec(t); m !== null; m = PCT_RE.exec(t)) {
    const s = m.index;
    const e = s + m[0].length;
    if (isAlnum(t[s - 1]) && !/^百/.test(m[0])) continue;
    if (m[1] !== undefined && m[2] !== undefined) {
      const a = parseChineseNumber(m[1]);
      const b = parseChineseNumber(m[2]);
      if (a === null || b === null) continue;
      out.push({ start: s, end: e, text: src.slice(s, e), value: a, range: { from: a, to: b } });
    } else if (m[3] !== undefined) {
      const a = parseChineseNumber(m[3]);
      if (a === null) continue;
      out.push({ start: s, end: e, text: src.slice(s, e), value: a });
    } else if (m[4] !== undefined) {
      const a = parseChineseNumber(m[4]);
      if (a === null) continue;
      const b = m[5] !== undefined ? parseChineseNumber(m[5]) : null;
      out.push({
        start: s,
        end: e,
        text: src.slice(s, e),
        value: a,
        ...(b !== null ? { range: { from: a, to: b } } : {}),
      });
    }
  }
  return out;
}

export function findDurations(text: string): DurationMention[] {
  const src = clip(text);
  const t = normalizeText(src);
  const out: DurationMention[] = [];
  for (const d of findDurationMatches(t)) {
    const w = d.firstUnitWord;
    const body = t.slice(d.start, d.end);
    const lead =
      parseChineseNumber(body.replace(/\s*(个|[^\d零〇一二两三四五六七八九十百千万.点半]).*$/, '')) ?? 0;
    // 3月, 20日, 2026年 and 周三 are dates, not durations
    if (w === '月' || w === '分') continue;
    if (w === '日' && !/^[内后起以]/.test(t.slice(d.end, d.end + 1))) continue;
    if (w === '年' && (lead >= 100 || /^\d{2}年/.test(body))) continue;
    if (w === '号') continue;
    out.push({
      start: d.start,
      end: d.end,
      text: src.slice(d.start, d.end),
      value: d.value,
      unit: d.unit,
      seconds: d.seconds,
      ...(d.workingDays ? { workingDays: true } : {}),
    });
  }
  return out;
}
