// New product: an item not in the catalogue, or the text asks to develop/trial a new part. Samples of
// an unchanged catalogue part, colour variants, cut-to-length, new dies and tighter tolerances on a
// catalogue part are not new (README "not new" list) — those never reach the weak cues below.

import { findAll, isNegated, type PreparedText } from '../text.js';
import type { Evidence } from '../types.js';
import type { ItemFacts } from './items.js';

/** Cues that name a new part whatever else the message contains. */
const STRONG =
  /(?:目录|产品目录|catalog(?:ue)?)[^。；;\n,，]{0,6}?(?:暂无|没有|无此|不含|未列)|暂无此(?:产品|件|零件|型材|规格)|(?:需|需要|要|请贵司|委托贵司)?(?:新开发|首次开发|重新开发)(?![^。；;\n,，]{0,3}(?:的)?(?:项目|车型|平台|客户|市场|产品线))|开发一(?:款|个|种)(?!新?(?:车型|平台|项目|车|产线))|new (?:part|product) development|not in (?:your )?catalog(?:ue)?/gi;
/** Cues that point at a new part only when no catalogue part is involved (else it is a sample of one). */
const WEAK = /新产品|新品|新零件|新件|试制|打样|样件开发|prototype|new part/gi;

export interface NewProductFacts {
  nonCatalogueItemCount: number;
  newProductCue: boolean;
  isNewProduct: boolean;
  evidence: { nonCatalogueItemCount: Evidence[]; newProductCue: Evidence[]; isNewProduct: Evidence[] };
}

/**
 * `catalogueLoaded`: with no product catalogue on file, "not in the catalogue" says nothing about a
 * part, so only the text's own cues can name a new product.
 */
export function newProductFacts(
  t: PreparedText,
  items: ItemFacts[],
  catalogueLoaded = true,
): NewProductFacts {
  const nonCatalogue = items
    .filter((i) => catalogueLoaded && i.catalogCode === null)
    .map(
      (i): Evidence => ({
        text: i.product,
        ...(i.start !== undefined ? { start: i.start, end: i.end } : {}),
        source: 'analysis',
        note: '不在产品目录 / not in the catalogue',
      }),
    );
  const hasCatalogueItem = items.some((i) => i.catalogCode !== null);
  const strong = findAll(t, STRONG).filter((m) => !isNegated(t.norm, m.start));
  const weak = hasCatalogueItem ? [] : findAll(t, WEAK).filter((m) => !isNegated(t.norm, m.start));
  const cues = [...strong, ...weak].map(
    (m): Evidence => ({ text: m.text, start: m.start, end: m.end, source: 'message' }),
  );
  return {
    nonCatalogueItemCount: nonCatalogue.length,
    newProductCue: cues.length > 0,
    isNewProduct: nonCatalogue.length > 0 || cues.length > 0,
    evidence: {
      nonCatalogueItemCount: nonCatalogue,
      newProductCue: cues,
      isNewProduct: [...nonCatalogue, ...cues],
    },
  };
}
