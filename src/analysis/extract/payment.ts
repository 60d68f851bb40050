// Payment terms as a short phrase as written (货到票到月结60天, T/T 60 days, 预付三成).
import { type Line, lineAt, type TextSpan } from '../text/segment.js';
import { matchAll } from './found.js';

const LABEL =
  /(?<![\u4e00-\u9fff])(?:付款方式|付款条件|支付方式|支付条件|结算方式|付款|结算|账期|Terms\s+of\s+payment|Payment\s+terms|payment)\s*[:：]?\s*/gi;
const CORE =
  /月结|天|days?|预付|电汇|T\/T|承兑|汇票|款到|货到|票到|%|现金|付清|信用证|L\/C|net\s*\d+|先发货后付款|三成|四成|五成/i;
const PHRASE =
  /先发货后付款|款到发货|货到付款|(?:首单)?预付[\d一二三四五六七八九十]+(?:%|成)|(?:货到)?(?:票到)?月结\s*\d+\s*天|T\/T\s*(?:月结\s*)?\d+\s*(?:days|天)|\d+\s*days\s+after\s+invoice|票到\s*\d+\s*天(?:电汇)?/gi;
const LEAD_NOISE = /^(?:比照旧例|比照上次|按照|按|维持|仍为|还是|照旧|不变[，,]?)\s*/;

export interface PaymentTerms extends TextSpan {
  text: string;
}

const SPOKEN_NEXT_TOPIC =
  /\s+(?=有问题|有没有问题|可以吗|行吗|没问题|谢谢|麻烦|另外|还有|然后|交期|交货|价格|单价|包装|质量|数量|发票|要求|你们|我们)/;

export function paymentTerms(
  norm: string,
  original: string,
  lines: readonly Line[],
  isSupplierLine: (l: Line) => boolean,
): PaymentTerms | null {
  for (const m of matchAll(LABEL, norm)) {
    if (isSupplierLine(lineAt(lines, m.index))) continue;
    let s = m.index + m[0].length;
    let e = s;
    while (
      e < norm.length &&
      !/[。;；\n]/.test(norm[e]!) &&
      !(norm[e] === '.' && /\s|$/.test(norm[e + 1] ?? '')) &&
      e - s < 60
    )
      e++;
    // Unpunctuated speech: a space before the next topic ends the terms (月结九十天 有问题吗).
    const next = SPOKEN_NEXT_TOPIC.exec(norm.slice(s, e));
    if (next) e = s + next.index;
    // Drop a leading clause with no payment content (账期不变，月结90天).
    for (;;) {
      const comma = norm.slice(s, e).search(/[，,](?!\d)/);
      if (comma < 0 || CORE.test(norm.slice(s, s + comma))) break;
      s += comma + 1;
    }
    for (
      let noise = LEAD_NOISE.exec(norm.slice(s, e));
      noise && noise[0].length > 0;
      noise = LEAD_NOISE.exec(norm.slice(s, e))
    ) {
      s += noise[0].length;
    }
    while (e > s && /[\s,，]/.test(norm[e - 1]!)) e--;
    const text = norm.slice(s, e);
    if (text.length >= 2 && CORE.test(text)) return { start: s, end: e, text: original.slice(s, e) };
  }
  for (const m of matchAll(PHRASE, norm)) {
    if (isSupplierLine(lineAt(lines, m.index))) continue;
    return {
      start: m.index,
      end: m.index + m[0].length,
      text: original.slice(m.index, m.index + m[0].length),
    };
  }
  return null;
}
