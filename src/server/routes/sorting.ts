// The `sort` and `order` query parameters of a server-paged list: the column must be one the list
// offers (a whitelist, so no request can order by a column it should not see), and a refusal names
// the column that was asked for and the ones that may be, in Chinese and English.
import { z } from 'zod';
import { SORT_ORDERS } from '../../store/sort.js';

export function sortQuery<const S extends readonly [string, ...string[]]>(columns: S, fallback: S[number]) {
  return {
    sort: z
      .enum(columns, {
        error: (issue) =>
          `不能按“${String(issue.input)}”排序；排序列（sort）只能是 ${columns.join('、')} / cannot sort by "${String(issue.input)}"; sort must be one of ${columns.join(', ')}`,
      })
      .optional()
      .describe(`排序列，默认 ${fallback} / column to sort by (default ${fallback})`),
    order: z
      .enum(SORT_ORDERS, {
        error: (issue) =>
          `排序方向（order）“${String(issue.input)}”无效，只能是 asc 或 desc / order "${String(issue.input)}" must be asc or desc`,
      })
      .optional()
      .describe('排序方向 / sort direction (asc, desc)'),
  };
}
