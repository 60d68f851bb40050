// An amended contract read by the rules as if it were a message: its terms written out as text
// (the special-term and precision facts read text) and an analysis whose items, delivery, payment
// and requirements are the amended terms themselves, not what the analyser would guess from them.
import type { AnalysisResult } from '../analysis/result.js';
import type { ContractTerms } from '../review/types.js';

const spanIn = (text: string, needle: string) => {
  const start = needle ? text.indexOf(needle) : -1;
  return start >= 0 ? { start, end: start + needle.length } : { start: 0, end: 0 };
};

/** The terms as a written contract, Chinese like the orders the rules were written for. */
export function contractText(customerName: string, terms: ContractTerms): string {
  const lines = terms.items.map((i) => {
    const parts = [
      `${i.line}. ${i.product}`,
      i.model ? `规格型号 ${i.model}` : '',
      i.quantity ? `数量 ${i.quantity.value}${i.quantity.unit ?? ''}` : '',
      i.unitPrice
        ? `单价 ${i.unitPrice.amount}${i.unitPrice.currency === 'CNY' ? '元' : ` ${i.unitPrice.currency}`}${i.unitPrice.per ? `/${i.unitPrice.per}` : ''}`
        : '',
      i.material ? `材质 ${i.material}` : '',
      i.tolerance ? `公差 ${i.tolerance}` : '',
      i.drawing ? `图号 ${i.drawing.number}${i.drawing.revision ? ` ${i.drawing.revision}版` : ''}` : '',
      i.packaging ? `包装 ${i.packaging}` : '',
    ];
    return parts.filter(Boolean).join('，');
  });
  const delivery = [
    terms.delivery.date ? `交货日期：${terms.delivery.date}` : '',
    terms.delivery.place ? `交货地点：${terms.delivery.place}` : '',
    terms.delivery.terms ? `交货条件：${terms.delivery.terms}` : '',
  ].filter(Boolean);
  return [
    `合同（作废重签）客户：${customerName}`,
    '订货明细：',
    ...lines,
    ...(delivery.length ? [delivery.join('；')] : []),
    ...(terms.paymentTerms ? [`付款条件：${terms.paymentTerms}`] : []),
    ...(terms.requirements.length ? ['技术与质量要求：'] : []),
    ...terms.requirements.map((r) => r.text),
  ].join('\n');
}

/**
 * The analysis the rules read for amended terms: what the analyser found in the text (entities,
 * standards, certifications) with the order itself replaced by the terms as amended.
 */
export function amendedAnalysis(
  analysed: AnalysisResult,
  text: string,
  terms: ContractTerms,
): AnalysisResult {
  return {
    ...analysed,
    // A re-signed contract is an order by definition, whatever the wording suggests.
    intent: { label: 'order', confidence: 1 },
    items: terms.items.map((i) => ({
      product: i.product,
      catalogCode: i.catalogCode,
      model: i.model,
      quantity: i.quantity,
      unitPrice: i.unitPrice,
      span: spanIn(text, i.product),
    })),
    delivery: terms.delivery,
    paymentTerms: terms.paymentTerms,
    requirements: terms.requirements.map((r) => ({
      text: r.text,
      category: r.category,
      kind: r.kind,
      special: r.special,
      priority: 'normal' as const,
      span: spanIn(text, r.text),
    })),
    contract: { class: null, reasons: [], totalWeightTonnes: null },
  };
}
