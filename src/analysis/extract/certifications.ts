// Certificates and declarations, a closed vocabulary. Specific test records (X光探伤报告, 全尺寸报告,
// CPK data, 8D) are not certificates; a generic inspection report shipped with the goods is 出厂检验报告.
import { type Found, matchAll } from './found.js';

export const CERTIFICATIONS = ['RoHS', 'REACH', '3C', 'IMDS', '材质证明', '出厂检验报告'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

const PATTERNS: [Certification, RegExp][] = [
  ['RoHS', /RoHS/gi],
  ['REACH', /(?<![A-Za-z])REACH(?![A-Za-z])/g],
  ['3C', /(?<![A-Za-z0-9-])3C(?:认证|证书)?(?![A-Za-z0-9])/g],
  ['IMDS', /(?<![A-Za-z])IMDS(?![A-Za-z])/g],
  [
    '材质证明',
    /材质证明|材质书|材质报告|材料证明|材质证书|材料证书|材质单|质保书|EN\s*10204\s*(?:type\s*)?3\.[12]|mill\s*cert(?:ificate)?s?|material\s+cert(?:ificate)?s?|化学成分及力学性能报告|(?:EN\s*10204\s*)?3\.[12]\s*(?:证书|certificate|cert)/gi,
  ],
  [
    '出厂检验报告',
    /(?:出厂|出货|发货)(?:检验|检测)报告|(?<=(?:附|份|提供|随货|及|和|、|并)\s*)(?:检验|检测)报告|\bCOA\b|certificate of analysis|inspection report/gi,
  ],
];

// "no RoHS certificate needed": an English "no" right before the name waives it.
const ENGLISH_NO_BEFORE = /\b[Nn]o\s+$/;

export function findCertifications(text: string): Found[] {
  const out: Found[] = [];
  for (const [name, re] of PATTERNS) {
    for (const m of matchAll(re, text)) {
      if (ENGLISH_NO_BEFORE.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
      out.push({ type: 'certification', start: m.index, end: m.index + m[0].length, value: name });
    }
  }
  return out;
}
