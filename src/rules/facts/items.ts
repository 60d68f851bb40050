// Per-item catalogue facts: is the product in the catalogue, what kind of part it is, its grade, and
// what it weighs in tonnes under the company's counting convention.
import type { OrderItem } from '../../analysis/result.js';
import type { PrecisionGrade, Product } from '../../catalog/product.js';
import type { PreparedText } from '../text.js';

export type PartKind = 'extrusion' | 'machined';

export interface ItemFacts {
  index: number;
  product: string;
  catalogCode: string | null;
  catalogProduct: Product | null;
  kind: PartKind;
  precisionGrade: PrecisionGrade | null;
  /** Where the item is mentioned in the text (from the analysis, else searched for). */
  start: number | undefined;
  end: number | undefined;
  /** Tonnes this item adds to the order total; null when it adds nothing. */
  tonnes: number | null;
  weightNote: string;
}

const EXTRUSION_NAME = /型材|铝材|方管|圆管|管材|边框|横梁|门槛梁|防撞梁|profile|extru/i;

function kindOf(code: string | null, product: Product | null, name: string): PartKind {
  if (code?.toUpperCase().startsWith('AL-')) return 'extrusion';
  if (code?.toUpperCase().startsWith('MP-')) return 'machined';
  if (product?.category && /型材/.test(product.category)) return 'extrusion';
  return EXTRUSION_NAME.test(name) ? 'extrusion' : 'machined';
}

const UNIT_ALIASES: Record<string, string> = {
  件: '件',
  pcs: '件',
  pc: '件',
  piece: '件',
  pieces: '件',
  个: '件',
  ea: '件',
  只: '件',
  支: '支',
  根: '支',
  bar: '支',
  bars: '支',
  米: '米',
  m: '米',
  meter: '米',
  meters: '米',
  metre: '米',
  metres: '米',
};
const TONNE = /^(吨|t|ton|tons|tonne|tonnes|mt|噸)$/i;
const KILO = /^(kg|kgs|公斤|千克)$/i;

function canonicalUnit(unit: string): string {
  const u = unit.trim().toLowerCase();
  return UNIT_ALIASES[u] ?? u;
}

export function itemTonnes(
  item: OrderItem,
  product: Product | null,
): { tonnes: number | null; note: string } {
  const q = item.quantity;
  if (q === null || !Number.isFinite(q.value)) return { tonnes: null, note: '无数量 / no quantity' };
  const unit = q.unit?.trim() ?? '';
  if (TONNE.test(unit)) return { tonnes: q.value, note: `${q.value} 吨` };
  if (KILO.test(unit)) return { tonnes: q.value / 1000, note: `${q.value} kg ÷ 1000` };
  if (!product) return { tonnes: null, note: '非目录件不计重量 / non-catalogue item adds nothing' };
  if (product.unitWeightKg === null) return { tonnes: null, note: '目录无单重 / no unit weight' };
  const sellingUnit = canonicalUnit(product.unit);
  // A quantity without a unit is read in the catalogue's selling unit.
  const given = unit === '' ? sellingUnit : canonicalUnit(unit);
  if (TONNE.test(sellingUnit) && given === sellingUnit) return { tonnes: q.value, note: `${q.value} 吨` };
  if (KILO.test(sellingUnit) && given === sellingUnit)
    return { tonnes: q.value / 1000, note: `${q.value} kg` };
  if (given !== sellingUnit) {
    return { tonnes: null, note: `单位“${unit}”与目录单位“${product.unit}”不符 / unit does not match` };
  }
  return {
    tonnes: (q.value * product.unitWeightKg) / 1000,
    note: `${q.value}${product.unit} × ${product.unitWeightKg} kg`,
  };
}

function locate(t: PreparedText, item: OrderItem): { start: number | undefined; end: number | undefined } {
  const { start, end } = item.span;
  if (end > start && end <= t.original.length) return { start, end };
  for (const probe of [item.product, item.model]) {
    if (!probe) continue;
    const i = t.original.indexOf(probe);
    if (i >= 0) return { start: i, end: i + probe.length };
  }
  return { start: undefined, end: undefined };
}

export function findCatalogProduct(catalog: Product[], code: string | null): Product | null {
  if (!code) return null;
  const c = code.trim().toUpperCase();
  return catalog.find((p) => p.code.toUpperCase() === c) ?? null;
}

const compact = (s: string) => s.toUpperCase().replace(/[\s\-_]/g, '');

/** Distinctive tails of a catalogue model that customers write alone: HR-6063-4520 → 4520, HR-6005A-BT01 → BT01. */
function modelKeys(model: string): string[] {
  const parts = model
    .toUpperCase()
    .split(/[-\s]+/)
    .filter(Boolean);
  const keys = [compact(model)];
  const last = parts[parts.length - 1];
  if (last && last.length >= 4) keys.push(last);
  if (parts.length >= 3) keys.push(compact(parts.slice(-2).join('')));
  return keys;
}

/** The analysis left the code empty but the item carries a catalogue model: it is that catalogue item. */
export function recoverByModel(catalog: Product[], item: OrderItem): Product | null {
  const written = [item.model, item.product].filter((v): v is string => !!v).map(compact);
  if (written.length === 0) return null;
  const hits = catalog.filter((p) =>
    p.model
      ? modelKeys(p.model).some((k) => written.some((w) => w === k || w.includes(compact(p.model as string))))
      : false,
  );
  return hits.length === 1 ? (hits[0] as Product) : null;
}

export function itemFacts(items: OrderItem[], catalog: Product[], t: PreparedText): ItemFacts[] {
  return items.map((item, index) => {
    const product =
      findCatalogProduct(catalog, item.catalogCode) ??
      (item.catalogCode ? null : recoverByModel(catalog, item));
    const { tonnes, note } = itemTonnes(item, product);
    const where = locate(t, item);
    return {
      index,
      product: item.product,
      catalogCode: product ? product.code : null,
      catalogProduct: product,
      kind: kindOf(product?.code ?? item.catalogCode, product, `${item.product} ${item.model ?? ''}`),
      precisionGrade: product?.precisionGrade ?? null,
      start: where.start,
      end: where.end,
      tonnes,
      weightNote: note,
    };
  });
}

/** The item a mention at `index` is about: the nearest item mentioned before it, else the first after. */
export function itemNear(items: ItemFacts[], index: number): ItemFacts | undefined {
  let best: ItemFacts | undefined;
  for (const it of items) {
    if (it.start === undefined) continue;
    if (it.start <= index && (!best || (best.start as number) < it.start)) best = it;
  }
  if (best) return best;
  return items
    .filter((i) => i.start !== undefined)
    .sort((a, b) => (a.start as number) - (b.start as number))[0];
}
