// Shared test data for the review core: a configuration, the people of a small plant, an order.
import { DEFAULT_CLOCK_CONFIG } from '../../src/review/feedback-clock.js';
import type { Actor, ContractTerms, OpenCaseInput, ReviewConfig } from '../../src/review/types.js';

export const CONFIG: ReviewConfig = {
  clock: DEFAULT_CLOCK_CONFIG,
  meetingQuorum: { minDepartments: 3, mustInclude: ['technical', 'quality'] },
  conclusionAuthority: { regular: 'sales_manager', special: 'general_manager', temporary: 'sales_manager' },
  financeAlwaysReviews: false,
  salesManagers: ['wang.sm'],
  salesPlanners: ['zhao.plan'],
  deputies: [{ userId: 'sun.qe', department: 'production' }],
};

export const PEOPLE = {
  sales: { userId: 'li.sales', department: 'sales' },
  salesManager: { userId: 'wang.sm', department: 'sales' },
  planner: { userId: 'zhao.plan', department: 'production' },
  technical: { userId: 'chen.tech', department: 'technical' },
  purchasing: { userId: 'he.buy', department: 'purchasing' },
  production: { userId: 'liu.prod', department: 'production' },
  quality: { userId: 'zhou.qa', department: 'quality' },
  /** A quality engineer registered as production's deputy. */
  qualityDeputy: { userId: 'sun.qe', department: 'quality', deputyFor: 'production' },
  finance: { userId: 'qian.fin', department: 'finance' },
  gm: { userId: 'ma.gm', department: 'general_manager' },
  admin: { userId: 'root', department: 'admin' },
} satisfies Record<string, Actor>;

export const TERMS: Omit<ContractTerms, 'requirements'> = {
  items: [
    {
      line: 1,
      product: '6063-T5 铝型材',
      catalogCode: 'EX-6063-40',
      model: '40×40',
      quantity: { value: 12, unit: 't' },
      unitPrice: { amount: 23800, currency: 'CNY', per: 't', taxIncluded: true },
      material: '6063-T5',
      tolerance: '±0.1',
      drawing: { number: 'DWG-1001', revision: 'B' },
      packaging: '木箱',
    },
    {
      line: 2,
      product: '铝合金支架',
      catalogCode: 'MC-BRK-07',
      model: 'BRK-07',
      quantity: { value: 5000, unit: '件' },
      unitPrice: { amount: 18.5, currency: 'CNY', per: '件', taxIncluded: true },
      material: '6061-T6',
      tolerance: '±0.05',
      drawing: { number: 'DWG-2002', revision: 'A' },
      packaging: '吸塑盒',
    },
  ],
  delivery: { date: '2026-12-20', place: '苏州工厂', terms: 'DAP' },
  paymentTerms: '月结60天',
};

export function order(
  contractClass: OpenCaseInput['contractClass'],
  departments: OpenCaseInput['departments'],
  extra: Partial<OpenCaseInput> = {},
): OpenCaseInput {
  return {
    caseId: `C-${contractClass}`,
    contractClass,
    departments,
    owner: 'li.sales',
    receivedAt: '2026-11-23T01:00:00.000Z',
    terms: TERMS,
    requirements: [
      { text: '孔径公差±0.02mm', category: 'technical', kind: 'explicit', special: true, priority: 'high' },
      { text: '每批提供材质证明', category: 'quality', kind: 'explicit', special: false, priority: 'normal' },
      { text: '12月20日前交货', category: 'delivery', kind: 'explicit', special: false, priority: 'high' },
      { text: '符合RoHS要求', category: 'regulatory', kind: 'statutory', special: false, priority: 'normal' },
    ],
    samplesAreAcceptanceStandard: false,
    ...extra,
  };
}
