// A catalogue family name that the customer qualifies as a part of their own: their part number
// written right before it (HT-SR218散热器型材) or the part called new (一款新的散热器型材, 新截面的边框).
// The catalogue's part of that family is then not what is asked for: the item is the customer's part,
// a new product for the review. A catalogue model written there (SR120散热器型材) has already given the
// item its model, so only names matched by their words are read again.
import type { OrderItem } from '../result.js';

const NEW_BEFORE = /(?:新的?|新款的?|新开发的?|新开模的?|新截面的?|一款新的?|new)\s*$/i;
// A part number as customers write them: letters, an optional dash, digits (HT-SR218, HH-D-3105,
// KT5521) — not an order, contract or delivery-note number (with a year or an order label in it).
const PART_NUMBER_BEFORE =
  /(?<![A-Za-z0-9-])([A-Z]{1,6}(?:-[A-Z]{1,6})?-?\d{2,}[A-Z0-9]*(?:\s?Rev\.?\s?[A-Z0-9]{1,2})?)\s?$/;
const NOT_PART_NUMBER = /(?:^|-)(?:PO|HT|DN|SO|NO|INV|CG|KJ)-?\d|20\d\d|(?:^|-)\d{6,}/i;

export function customerOwnParts(items: readonly OrderItem[], norm: string): OrderItem[] {
  return items.map((item) => {
    if (item.catalogCode === null || item.model !== null) return item;
    const before = norm.slice(Math.max(0, item.span.start - 24), item.span.start);
    if (NEW_BEFORE.test(before)) return { ...item, catalogCode: null };
    const number = PART_NUMBER_BEFORE.exec(before)?.[1];
    if (number !== undefined && !NOT_PART_NUMBER.test(number))
      return { ...item, catalogCode: null, model: number.trim() };
    return item;
  });
}
