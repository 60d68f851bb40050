// Sorting a paged list by a column the user clicked, the same on SQLite and PostgreSQL: the two
// databases disagree on where NULL goes and SQLite keeps decimals as text, so both are spelled
// out here instead of left to each database's default.
import { type SelectQueryBuilder, sql } from 'kysely';

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface SortColumn {
  /** Qualified column, e.g. `products.list_price_cny`. */
  column: string;
  /** Decimal text on SQLite: compared as a number, so 925.00 sorts below 9250.00. */
  numeric?: boolean;
  /** Values in their meaning's order (precision grades), not the alphabet's; others after them. */
  rank?: readonly string[];
}

/**
 * Orders by `by`, empty values last in either direction, then by `tiebreak` (a unique column, so
 * consecutive pages never overlap or skip a row).
 */
export function orderBySort<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  by: SortColumn,
  order: SortOrder,
  tiebreak: string,
): SelectQueryBuilder<DB, TB, O> {
  const column = sql.ref(by.column);
  // `double precision` is REAL affinity on SQLite and exact enough on PostgreSQL for ordering.
  const value = by.rank
    ? sql`case ${sql.join(
        by.rank.map((v, i) => sql`when ${column} = ${v} then ${sql.lit(i)}`),
        sql` `,
      )} else ${sql.lit(by.rank.length)} end`
    : by.numeric
      ? sql`cast(${column} as double precision)`
      : column;
  return qb
    .orderBy(sql`case when ${column} is null then 1 else 0 end`)
    .orderBy(sql`${value} ${sql.raw(order)}`)
    .orderBy(sql`${sql.ref(tiebreak)} ${sql.raw(order)}`);
}
