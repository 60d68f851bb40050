// Who reviews the contract: the review mode follows the class (常规会签 / 特殊评审会 / 临时销售+计划),
// the departments follow what the order demands.
import type { ContractClass } from '../analysis/result.js';
import { DEPARTMENTS, type Department } from '../auth/roles.js';
import type { Facts, ReviewMode, ReviewRouting } from './types.js';

const MODE: Record<ContractClass, ReviewMode> = {
  regular: 'countersign',
  special: 'meeting',
  temporary: 'sales_planner',
};

const INSPECTION_CATEGORIES = ['quality', 'documentation', 'regulatory'];

export function reviewRouting(
  cls: ContractClass | null,
  reasonCodes: string[],
  facts: Facts,
): ReviewRouting | null {
  if (cls === null) return null;
  const v = facts.values;
  const need = new Set<Department>(['sales']);
  const reasons = new Set(reasonCodes);
  if (reasons.has('new_product') || reasons.has('precision_above_standard') || v.isNewProduct === true) {
    need.add('technical');
  }
  const categories = Array.isArray(v.requirementCategories) ? v.requirementCategories : [];
  if (
    v.fullInspection === true ||
    v.specialMaterialCertification === true ||
    typeof v.ppapLevelExistingPart === 'number' ||
    (Array.isArray(v.certifications) && v.certifications.length > 0) ||
    (Array.isArray(v.standards) && v.standards.length > 0) ||
    categories.some((c) => INSPECTION_CATEGORIES.includes(c))
  ) {
    need.add('quality');
  }
  if (reasons.has('large_urgent_order') || cls === 'temporary') need.add('production');
  if (v.designatedSubSupplier === true || v.specialMaterialCertification === true) need.add('purchasing');
  if (v.penaltyClause === true || reasons.has('new_customer')) need.add('finance');
  if (cls === 'special') need.add('general_manager');
  return { mode: MODE[cls], departments: DEPARTMENTS.filter((d) => need.has(d)) };
}
