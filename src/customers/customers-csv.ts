// customers.csv (name,short_name,first_order_year,industry,notes) → Customer[].
import { parse } from 'csv-parse/sync';
import type { Customer } from './customer.js';

function orNull(s: string | undefined): string | null {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
}

export function customersFromCsv(csv: string): Customer[] {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string
  >[];
  return rows.map((r) => {
    const year = orNull(r.first_order_year);
    return {
      name: r.name ?? '',
      shortName: orNull(r.short_name),
      firstOrderYear: year === null ? null : Number(year),
      industry: orNull(r.industry),
      notes: orNull(r.notes),
    };
  });
}
