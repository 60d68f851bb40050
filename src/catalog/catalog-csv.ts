// catalog.csv (code,name,model,category,precision_grade,unit,unit_weight_kg,list_price_cny) → Product[].
import { parse } from 'csv-parse/sync';
import { PRECISION_GRADES, type PrecisionGrade, type Product } from './product.js';

function orNull(s: string | undefined): string | null {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
}

export function productsFromCsv(csv: string): Product[] {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string
  >[];
  return rows.map((r) => {
    const grade = orNull(r.precision_grade);
    const weight = orNull(r.unit_weight_kg);
    return {
      code: r.code ?? '',
      name: r.name ?? '',
      model: orNull(r.model),
      category: orNull(r.category),
      precisionGrade:
        grade && (PRECISION_GRADES as readonly string[]).includes(grade) ? (grade as PrecisionGrade) : null,
      unit: r.unit ?? '件',
      unitWeightKg: weight === null ? null : Number(weight),
      listPriceCny: orNull(r.list_price_cny),
    };
  });
}
