// A product of the supplier's catalogue (产品目录). Money is kept as a decimal string so that
// prices survive every round trip exactly; callers convert only for display or arithmetic.
export const PRECISION_GRADES = ['普通级', '高精级', '超高精级'] as const;
export type PrecisionGrade = (typeof PRECISION_GRADES)[number];

export interface Product {
  code: string;
  name: string;
  model: string | null;
  category: string | null;
  precisionGrade: PrecisionGrade | null;
  /** Selling unit as the catalogue writes it: 件, 支, 米, 吨, kg … */
  unit: string;
  /** Weight of one selling unit in kg (1000 for items sold by the tonne). */
  unitWeightKg: number | null;
  /** List price per selling unit in CNY, tax included, as an exact decimal string ("186.00"). */
  listPriceCny: string | null;
}

/** Orders the grades so that "above the standard grade" is a comparison. */
export function precisionRank(grade: PrecisionGrade | null): number {
  return grade === null ? 0 : PRECISION_GRADES.indexOf(grade);
}
