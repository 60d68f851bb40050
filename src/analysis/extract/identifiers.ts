// Document identifiers and contact details: order/contract numbers, drawing numbers with revisions,
// phones, e-mails, Incoterms.
import { type Found, matchAll, overlapIndex } from './found.js';

const CODE = '[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+';
const ORDER_MARKERS = /(?:^|-)(?:PO|HT|CG|RFQ|XJ|SO|DD|CT|QC|HTGF|XS|OA|PR|XQ)(?:-|$)|PO\d/;
const ORDER_LABEL = new RegExp(
  String.raw`(?:订单编号|订单号|采购订单号?|PO号|PO\s*No\.?|PO|合同编号|合同号|合同|询价单号|询价编号|编号|单号|No\.|Order\s*No\.?)\s*[:：]?\s*(${CODE})`,
  'g',
);
const CODE_TOKEN = new RegExp(`(?<![A-Za-z0-9-])${CODE}(?![A-Za-z0-9-])`, 'g');
const REVISION = String.raw`(?:\s*(?:Rev\.?|REV\.?|rev\.?|版本)\s*[A-Z0-9]{1,2}|\s*[A-Z]版)?`;
const DRAWING_LABEL = new RegExp(
  String.raw`(?:图号|图纸号|图纸编号|图纸|Drawing\s*No\.?|Dwg\.?\s*No\.?|drawing)\s*[:：]?\s*([A-Z0-9][A-Z0-9-]{3,}${REVISION})`,
  'g',
);
const CODE_WITH_REVISION = new RegExp(
  String.raw`(?<![A-Za-z0-9-])(${CODE}\s*Rev\.?\s*[A-Z0-9]{1,2})(?![A-Za-z0-9])`,
  'g',
);
const PHONE =
  /(?<![\d-])(?:\+?86[-\s]?)?(?:1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}|0\d{2,3}-\d{7,8}(?:-\d{1,5})?)(?![\d])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
export const INCOTERM = /(?<![A-Za-z])(EXW|FCA|FAS|FOB|CFR|CIF|CPT|CIP|DAP|DPU|DDP|DDU)(?![A-Za-z])/g;

export function findOrderNumbers(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matchAll(ORDER_LABEL, text)) {
    const code = m[1]!;
    const start = m.index + m[0].length - code.length;
    out.push({ type: 'order_number', start, end: start + code.length, value: code });
  }
  const labelled = overlapIndex(out);
  for (const m of matchAll(CODE_TOKEN, text)) {
    if (!ORDER_MARKERS.test(m[0])) continue;
    const f: Found = { type: 'order_number', start: m.index, end: m.index + m[0].length, value: m[0] };
    if (!labelled(f)) out.push(f);
  }
  return out;
}

export function findDrawingNumbers(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matchAll(DRAWING_LABEL, text)) {
    const code = m[1]!.trimEnd();
    const start = m.index + m[0].length - m[1]!.length;
    out.push({ type: 'drawing_number', start, end: start + code.length, value: code.replace(/\s+/g, ' ') });
  }
  const labelled = overlapIndex(out);
  for (const m of matchAll(CODE_WITH_REVISION, text)) {
    const f: Found = { type: 'drawing_number', start: m.index, end: m.index + m[1]!.length, value: m[1] };
    if (!labelled(f)) out.push(f);
  }
  return out;
}

export function findContacts(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matchAll(PHONE, text)) {
    out.push({
      type: 'phone',
      start: m.index,
      end: m.index + m[0].length,
      value: m[0].replace(/[\s-]/g, ''),
    });
  }
  for (const m of matchAll(EMAIL, text)) {
    out.push({ type: 'email', start: m.index, end: m.index + m[0].length, value: m[0].toLowerCase() });
  }
  return out;
}

export function findIncoterms(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matchAll(INCOTERM, text)) {
    out.push({ type: 'incoterm', start: m.index, end: m.index + m[0].length, value: m[1] });
  }
  return out;
}

const CLOCK = /(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?![\d:])/g;

/** Chat timestamps and meeting times (10:12, 14:00-15:30) are times of day, not numbers. */
export function findClockTimes(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matchAll(CLOCK, text)) {
    out.push({ type: 'time', start: m.index, end: m.index + m[0].length, value: m[0] });
  }
  return out;
}
