// A customer names the catalogue part it always buys by a family word: 凯途's 边框 and 底板 are its
// battery-tray profiles, 晶拓's 边框 is the PV frame, 瀚海's 散热型材 is the heat-sink profile. The item
// finder leaves such a name without a catalogue code (it fits several products, or none exactly), and
// the part would then read as a new product. Two readings settle it, both from what the supplier
// already knows: the name's characters appear, in order, in exactly one catalogue name; or the
// customer's master data (its products, industry) point at one of the names it fits.
import type { Product } from '../../catalog/product.js';
import type { Customer } from '../../customers/customer.js';
import type { OrderItem } from '../result.js';

/** Family words that fit many parts: only the customer's own products may decide them. */
const FAMILY_ONLY = new Set([
  '型材',
  '铝型材',
  '支架',
  '壳体',
  '边框',
  '底板',
  '横梁',
  '毛坯',
  '轮毂',
  '散热器',
  '端盖',
  '管',
  '梁',
  '料',
]);

const cjkOnly = (s: string) => s.replace(/[^\u4e00-\u9fff]/g, '');

function isSubsequence(needle: string, hay: string): boolean {
  let k = 0;
  for (const ch of hay) if (ch === needle[k]) k++;
  return k === needle.length;
}

function longestCommonRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++)
    for (let j = i + best + 1; j <= a.length; j++) {
      if (!b.includes(a.slice(i, j))) break;
      best = j - i;
    }
  return best;
}

/** The catalogue part a family-word product name stands for, or null when nothing singles one out.
 * `named`: codes of the parts the message names elsewhere (光伏边框型材PV35 … 边框型材95000支). */
export function productForFamilyName(
  name: string,
  catalog: readonly Product[],
  customer: Customer | null,
  toSimplified: (s: string) => string,
  named: ReadonlySet<string> = new Set(),
): Product | null {
  const word = cjkOnly(toSimplified(name.normalize('NFKC')).replace(/^[0-9A-Za-z-]+/, ''));
  if (word.length < 2) return null;
  const names = catalog.map((p) => ({ p, name: cjkOnly(toSimplified(p.name.normalize('NFKC'))) }));
  const fits = names.filter((n) => isSubsequence(word, n.name));
  if (fits.length === 0) return null;
  const inMessage = fits.filter((n) => named.has(n.p.code));
  if (inMessage.length === 1) return inMessage[0]!.p;
  if (fits.length === 1 && !FAMILY_ONLY.has(word)) return fits[0]!.p;
  const known = cjkOnly(toSimplified(`${customer?.notes ?? ''} ${customer?.industry ?? ''}`));
  if (known.length < 2) return null;
  // The customer's products as its master data names them: the best-matching name must share a run
  // of at least three characters with them, and beat every other name it fits.
  const scored = fits
    .map((n) => ({ p: n.p, run: longestCommonRun(n.name, known) }))
    .sort((a, b) => b.run - a.run);
  const [best, next] = scored;
  if (!best || best.run < 3 || (next && next.run >= best.run)) return null;
  return best.p;
}

/**
 * Gives items named by a family word the code of the part the customer means. When the message
 * names that part elsewhere without a quantity or price (散热器型材SR120 … 散热型材1.5吨 32元/kg),
 * the two mentions are one item: the family-word mention's quantity and price join the named one.
 */
export function resolveFamilyNames(
  items: readonly OrderItem[],
  catalog: readonly Product[],
  customer: Customer | null,
  toSimplified: (s: string) => string,
): OrderItem[] {
  const out = items.map((i) => ({ ...i }));
  const named = new Set(out.map((i) => i.catalogCode).filter((c): c is string => c !== null));
  const dropped = new Set<number>();
  out.forEach((item, k) => {
    if (item.catalogCode !== null || item.model) return;
    const p = productForFamilyName(item.product, catalog, customer, toSimplified, named);
    if (!p) return;
    const same = out.findIndex((o, j) => j !== k && !dropped.has(j) && o.catalogCode === p.code);
    if (same < 0) {
      item.catalogCode = p.code;
      return;
    }
    const other = out[same]!;
    // Two mentions with a quantity each are two lines (old and new, two batches): left apart.
    if ((other.quantity && item.quantity) || (other.unitPrice && item.unitPrice)) return;
    other.quantity ??= item.quantity;
    other.unitPrice ??= item.unitPrice;
    dropped.add(k);
  });
  return out.filter((_, k) => !dropped.has(k));
}
