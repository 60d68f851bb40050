// Implied requirements (ISO 9001 §8.2.2 b, IATF 16949 §8.2.3.1): what the intended use needs
// although the customer does not say it. Each is anchored on the words that reveal the use, and
// `statement` says what is required as a full sentence (what a case reviews; `text` keeps the trigger
// words the span points at) and `basis` why. They are added only when the message does not already state them.
import type { Requirement } from '../result.js';
import type { TextSpan } from '../text/segment.js';

interface ImpliedRule {
  /** Words that show the intended use. */
  trigger: RegExp;
  /** Already stated in the message: nothing to add. */
  statedBy: RegExp;
  requirement: Pick<Requirement, 'category' | 'priority'> & { statement: string; basis: string };
  /** Only when the message is about goods (an item was found). */
  needsItems: boolean;
}

const AUTOMOTIVE =
  /汽车|整车|主机厂|车型|IATF\s*16949|底盘|制动|转向|电驱|新能源车|车轮|轮毂|防撞梁|吸能盒|automotive|vehicle|OEM/i;

const RULES: readonly ImpliedRule[] = [
  {
    trigger: AUTOMOTIVE,
    statedBy: /IMDS/i,
    requirement: {
      category: 'regulatory',
      priority: 'normal',
      statement: '按汽车行业惯例在IMDS中申报零件的材料数据（ELV/REACH合规）',
      basis: '汽车零部件需在IMDS中申报材料数据（ELV/REACH合规）。Automotive parts need IMDS material data.',
    },
    needsItems: true,
  },
  {
    trigger: AUTOMOTIVE,
    statedBy: /追溯|炉批号|批次号|批号|traceab/i,
    requirement: {
      category: 'quality',
      priority: 'normal',
      statement: '按汽车行业惯例保证零件按批次可追溯（熔铸批号、生产批号）',
      basis: '汽车零部件需按批次可追溯（熔铸批号/生产批号）。Automotive parts need lot traceability.',
    },
    needsItems: true,
  },
  {
    trigger: /新产品|新开发|首次开发|试制|打样|new\s+part|new\s+development/i,
    statedBy: /PPAP|FAI|首件|样件认可|OTS/i,
    requirement: {
      category: 'quality',
      priority: 'normal',
      statement: '新开发零件量产前须经样件认可，按汽车行业惯例提供PPAP/FAI文件',
      basis:
        '新开发零件量产前需样件认可（FAI/PPAP）。A newly developed part needs sample approval before series.',
    },
    needsItems: true,
  },
];

export function impliedRequirements(norm: string, original: string, hasItems: boolean): Requirement[] {
  const out: Requirement[] = [];
  for (const rule of RULES) {
    if (rule.needsItems && !hasItems) continue;
    if (rule.statedBy.test(norm)) continue;
    const m = rule.trigger.exec(norm);
    if (!m) continue;
    const span: TextSpan = { start: m.index, end: m.index + m[0].length };
    out.push({
      text: original.slice(span.start, span.end),
      category: rule.requirement.category,
      kind: 'implied',
      special: false,
      priority: rule.requirement.priority,
      span,
      statement: rule.requirement.statement,
      basis: rule.requirement.basis,
    });
  }
  return out;
}
