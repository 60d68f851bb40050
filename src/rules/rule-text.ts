// A rule's title and explanation follow its thresholds: when the editor changes 100 吨 to 80 吨,
// "大批量急单（≥100吨且交期≤30天）" becomes "…≥80吨…". The texts are written by people, so they are
// not generated whole; the number that states the old threshold is found and rewritten. A number
// counts as the threshold when it is written with the fact's unit (100吨, ±0.10 mm) or, for a fact
// without a unit, right after a comparison sign (≥ 2); other numbers that happen to be equal (a
// clause "3.2", 30 天 when tonnes change) stay.
import type { OperatorName } from './validate.js';

/** How each comparison is written in a title: "≥100吨". */
export const OPERATOR_SIGNS: Partial<Record<OperatorName, string>> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
};

const SIGNS = '≥≤><=≠＞＜≧≦';
const NUMBER = /(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])/g;

export interface ThresholdChange {
  from: number;
  to: number;
  /** Ways the fact's unit is written (吨, t, mm, 天 …); empty for a unitless number. */
  units: readonly string[];
  /** Set when the comparison changed too: the sign before the number follows it. */
  operator?: { from: OperatorName; to: OperatorName };
}

/** `to` written with at least as many decimals as the number it replaces ("0.10" → "0.08"). */
function written(to: number, replaced: string): string {
  const decimals = replaced.includes('.') ? replaced.length - replaced.indexOf('.') - 1 : 0;
  const plain = String(to);
  const own = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0;
  return own >= decimals ? plain : to.toFixed(decimals);
}

/** `text` with the old threshold rewritten; unchanged when it does not state it. */
export function retextThreshold(text: string, change: ThresholdChange): string {
  const units = change.units.filter((u) => u.trim() !== '');
  return text
    .replace(NUMBER, (token: string, _n: string, offset: number) => {
      if (Number(token) !== change.from) return token;
      const before = text.slice(0, offset).replace(/[\s±]+$/u, '');
      const after = text.slice(offset + token.length).replace(/^\s+/u, '');
      const signed = before.length > 0 && SIGNS.includes(before[before.length - 1]!);
      const united = units.some((u) => after.startsWith(u));
      if (units.length > 0 ? !united : !signed) return token;
      return written(change.to, token);
    })
    .replace(signPattern(change), (match) => {
      // Second pass, only when the comparison changed: "≥80" → "≤80" where the number is the new one.
      const sign = change.operator ? OPERATOR_SIGNS[change.operator.to] : undefined;
      return sign ? match.replace(/^[^\s\d±]+/u, sign) : match;
    });
}

/** Matches "<old sign><spaces/±><new number>" when the operator changed between two signed ones. */
function signPattern(change: ThresholdChange): RegExp {
  const from = change.operator ? OPERATOR_SIGNS[change.operator.from] : undefined;
  const to = change.operator ? OPERATOR_SIGNS[change.operator.to] : undefined;
  if (!from || !to || from === to) return /$^/u;
  const plain = String(change.to);
  // A decimal may have been written padded ("0.10"): trailing zeros belong to it.
  const number = plain.replace('.', '\\.') + (plain.includes('.') ? '0*' : '');
  return new RegExp(`${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s±]*${number}(?![\\d.])`, 'gu');
}
