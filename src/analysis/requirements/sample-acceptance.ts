// Acceptance against a sample (按我司提供的样品验收, 以样品为准, 按封样, 与封样一致): the goods are
// judged against a physical sample rather than a drawing alone, so the sample itself must be signed
// off by both sides and kept (样品确认/封样). The analysis files such a statement under quality; the
// review adds a sample sign-off line to the checklists and asks for the customer's sign-off.

const SAMPLE = '(?:样品|样件|样板|实样|来样|封样|限度样)';
const CLAUSE = '[^，。；;,\\n]';

/** Regex source (normalised, simplified text) of the wordings that make a sample the standard. */
export const SAMPLE_ACCEPTANCE_CUE = [
  // 按(我司提供的)样品验收, 以样品为准, 依封样检验, 按来样加工 — not 不按样品验收.
  `(?<![不非无免])(?:按|以|依|照|参照|对照|根据)${CLAUSE}{0,12}?${SAMPLE}${CLAUSE}{0,4}?(?:验收|为准|为标准|检验|一致|生产|加工|制作)`,
  // 样品为准, 样件验收合格
  '(?:样品|样件|样板|实样)(?:为准|验收)',
  // 与封样一致, 和样品相同
  `[与和同]${CLAUSE}{0,12}?${SAMPLE}(?:一致|相同|相符)`,
  '封样',
  '签样',
].join('|');

const SAMPLE_ACCEPTANCE = new RegExp(SAMPLE_ACCEPTANCE_CUE);
const NEGATED = /(?:不|无需|不用|不必|无须)(?:按|以|依|照|需要?|要)?样/;

/** Whether a requirement makes a sample the acceptance standard (and so needs a sample sign-off). */
export function isSampleAcceptance(text: string): boolean {
  return SAMPLE_ACCEPTANCE.test(text) && !NEGATED.test(text);
}
