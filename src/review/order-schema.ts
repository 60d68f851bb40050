// The corrected order as a client sends it when opening a case from an intake record, checked with
// the value rules every write route uses (src/shared/values.ts): a refused order names its field
// (`/order/items/0/unitPrice`) and nothing is stored.
import { z } from 'zod';
import {
  day,
  optionalText,
  orderAmountsWithinLimit,
  price,
  quantity,
  requiredText,
  text,
} from '../shared/values.js';
import type { ReviewedOrder } from './reviewed-order.js';

const line = z.object({
  line: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .nullish()
    .transform((v) => v ?? null)
    .describe('分析结果中的行号（1 起），新增行为空 / the analysed line it corrects; null for an added line'),
  product: requiredText(200),
  catalogCode: optionalText(100),
  model: optionalText(200),
  quantity: quantity.nullish().transform((v) => v ?? null),
  unit: optionalText(20),
  unitPrice: price.nullish().transform((v) => v ?? null),
  currency: text(10)
    .nullish()
    .transform((v) => (v?.trim() ? v.trim() : 'CNY')),
});

export const reviewedOrderSchema = z
  .object({
    customer: requiredText(200),
    poNumber: optionalText(100),
    items: z
      .array(line)
      .max(1000)
      .superRefine((lines, ctx) =>
        orderAmountsWithinLimit(
          lines.map((l) => ({
            quantity: l.quantity === null ? null : { value: l.quantity },
            unitPrice: l.unitPrice === null ? null : { amount: l.unitPrice },
          })),
          {
            ...ctx,
            // The shared check names the nested `unitPrice.amount`; here the price is one number.
            addIssue: (issue) =>
              ctx.addIssue(
                typeof issue === 'string'
                  ? issue
                  : { ...issue, path: (issue.path ?? []).filter((p) => p !== 'amount') },
              ),
          },
        ),
      ),
    deliveryDate: day.nullish().transform((v) => v ?? null),
    deliveryPlace: optionalText(200),
    deliveryTerms: optionalText(4000),
    paymentTerms: optionalText(4000),
  })
  .meta({
    id: 'ReviewedOrder',
    description: '用户在录入页核对/更正后的订单 / the order as the user checked and corrected it',
  });

// Compile-time guard: a parsed order is a ReviewedOrder.
const _assignable = (p: z.infer<typeof reviewedOrderSchema>): ReviewedOrder => p;
void _assignable;
