// The fact catalogue as the rule editor shows it: each fact with its Chinese and English label,
// its type, the operators it accepts and, for text facts, the values it can take.
import { FACT_DEFINITIONS, type FactDefinition, type FactType } from './facts/index.js';
import { OPERATORS_BY_TYPE, type OperatorName } from './validate.js';

export interface OperatorInfo {
  name: OperatorName;
  zh: string;
  en: string;
  /** `in` / `notIn` compare with a list of values. */
  takesList: boolean;
}

export interface FactInfo {
  name: string;
  type: FactType;
  label: { zh: string; en: string };
  operators: OperatorInfo[];
  values?: readonly string[];
  /** What is reported as missing when the message does not provide the fact. */
  missingAs: string;
  /** A gate (order present, channel …): usable in conditions, not quoted as evidence. */
  gate: boolean;
  /** Number facts: the unit of the value (吨, 天, mm …). */
  unit?: { zh: string; en: string };
}

export const OPERATOR_LABELS: Record<OperatorName, { zh: string; en: string }> = {
  equal: { zh: '等于', en: 'equals' },
  notEqual: { zh: '不等于', en: 'does not equal' },
  lessThan: { zh: '小于', en: 'less than' },
  lessThanInclusive: { zh: '小于等于', en: 'at most' },
  greaterThan: { zh: '大于', en: 'greater than' },
  greaterThanInclusive: { zh: '大于等于', en: 'at least' },
  in: { zh: '属于', en: 'is one of' },
  notIn: { zh: '不属于', en: 'is none of' },
  contains: { zh: '包含', en: 'contains' },
  doesNotContain: { zh: '不包含', en: 'does not contain' },
};

export function factCatalogue(): FactInfo[] {
  return Object.entries(FACT_DEFINITIONS).map(([name, raw]) => {
    const def = raw as FactDefinition;
    return {
      name,
      type: def.type,
      label: { zh: def.zh, en: def.en },
      operators: OPERATORS_BY_TYPE[def.type].map((op) => ({
        name: op,
        ...OPERATOR_LABELS[op],
        takesList: op === 'in' || op === 'notIn',
      })),
      ...(def.values ? { values: def.values } : {}),
      missingAs: def.missingAs ?? name,
      gate: def.gate === true,
      ...(def.unit ? { unit: def.unit } : {}),
    };
  });
}
