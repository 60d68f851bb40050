// Where a message names products: catalogue models (full or tail, spoken forms normalised), catalogue
// names and the customer's shorter wordings, English names, and new parts in a development context.
import type { QuantityMention } from '../entities/index.js';
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
const NEW_PART_CONTEXT = /开发|新产品|新品|打样|试制|样件|暂无|新项目|新零件|图号/;
const NEW_PART_LEFT_STOP =
  /[^\u4e00-\u9fff]|[的一款个件批种套只是为和及与在对把将了要需请向给做用按从由改这那该此其我你他贵本新旧原各每共约司款项即该拟想]/;

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
    const candidates = catalog.aliasesByFirstChar.get(norm[i]!);
    if (!candidates) continue;
    const alias = candidates.find((a) => norm.startsWith(a, i));
    if (!alias) continue;
    const codes = catalog.aliases.get(alias) ?? [];
    const code = resolveShared(ctx, catalog, codes, i, i + alias.length);
    if (code) push(i, i + alias.length, code);
    i += alias.length - 1;
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

function catalogCodesContaining(catalog: CatalogIndex, term: string): string[] {
  return catalog.products.filter((p) => p.name.includes(term)).map((p) => p.code);
}

/** New parts: a product noun, in a line that talks about development, samples or drawings. */
export function findNewPartMentions(ctx: MentionContext, known: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  const { norm } = ctx;
  const occupied = overlapIndex([...known, ...ctx.blocked]);
  for (const line of ctx.lines) {
    const content = norm.slice(line.start, line.end);
    if (!NEW_PART_CONTEXT.test(content)) continue;
    for (const head of PRODUCT_HEADS) {
      if (head.length < 2) continue;
      let from = 0;
      for (let i = content.indexOf(head, from); i >= 0; i = content.indexOf(head, from)) {
        from = i + head.length;
        const end = line.start + i + head.length;
        let start = line.start + i;
        while (start > line.start && end - start < 10 && !NEW_PART_LEFT_STOP.test(norm[start - 1]!)) start--;
        const span = { start, end };
        if (end - start < 4) continue;
        if (occupied(span)) continue;
        if (out.length > 0 && overlaps(out.at(-1)!, span)) continue;
        if (out.some((o) => o.start >= line.start && overlaps(o, span))) continue;
        out.push({
          ...span,
          kind: 'name',
          code: null,
          fullModel: false,
          strong: true,
          key: `new:${norm.slice(start, end)}`,
        });
      }
    }
  }
  return out;
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
