// A negated requirement (不需要PPAP, 无需全检, 不用特殊包装, 不做氧化) is no requirement. 不含税 and
// bounds such as 不超过/不少于 are not negations.
const NEGATION =
  /不需要|不需|无需|无须|毋需|不用|不必|不要求|不做|免做|免检|不涉及|暂不|取消|no\s+need|not\s+(?:required|needed|necessary)|\bno\b.{0,30}\b(?:required|needed|necessary)\b|without/i;

export function isNegated(clause: string): boolean {
  return NEGATION.test(clause);
}
