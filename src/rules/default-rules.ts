// The company's contract-classification procedure (README "How contract_class is decided") as a rule
// set. Shipped as the default; the UI edits copies of it. Thresholds live here, not in code.
import type { RuleSet } from './types.js';

export const DEFAULT_RULE_SET_ID = 'default';

export const defaultRules: RuleSet = {
  id: DEFAULT_RULE_SET_ID,
  version: 1,
  namedConditions: {
    orderToReview: { all: [{ fact: 'hasOrderContent', operator: 'equal', value: true }] },
  },
  rules: [
    {
      id: 'special.new_product',
      name: '新产品（非目录件或需新开发）',
      priority: 50,
      enabled: true,
      conditions: {
        all: [{ condition: 'orderToReview' }, { fact: 'isNewProduct', operator: 'equal', value: true }],
      },
      event: {
        type: 'special',
        params: {
          code: 'new_product',
          explanationTemplate: '新产品：{{evidence}} 不在产品目录或需新开发',
          severity: 'high',
        },
      },
    },
    {
      id: 'special.precision_above_standard',
      name: '精度要求超出公司标准能力（高精级）',
      priority: 50,
      enabled: true,
      conditions: {
        all: [
          { condition: 'orderToReview' },
          {
            any: [
              { fact: 'requestedPrecisionRank', operator: 'greaterThanInclusive', value: 2 },
              { fact: 'extrusionToleranceMm', operator: 'lessThan', value: 0.1 },
              { fact: 'machinedToleranceMm', operator: 'lessThan', value: 0.02 },
              { fact: 'geometricToleranceMm', operator: 'lessThan', value: 0.02 },
              { fact: 'roughnessRaUm', operator: 'lessThan', value: 0.8 },
            ],
          },
        ],
      },
      event: {
        type: 'special',
        params: {
          code: 'precision_above_standard',
          explanationTemplate:
            '精度要求超出标准能力（型材截面公差 ±0.10 mm，机加工 ±0.02 mm / 形位 0.02 mm / Ra0.8，最高高精级）：{{evidence}}',
          severity: 'high',
        },
      },
    },
    {
      id: 'special.large_urgent_order',
      name: '大批量急单（≥100吨且交期≤30天）',
      priority: 50,
      enabled: true,
      conditions: {
        all: [
          { condition: 'orderToReview' },
          { fact: 'totalWeightTonnes', operator: 'greaterThanInclusive', value: 100 },
          { fact: 'deliveryDays', operator: 'lessThanInclusive', value: 30 },
        ],
      },
      event: {
        type: 'special',
        params: {
          code: 'large_urgent_order',
          explanationTemplate: '总重 {{totalWeightTonnes}} 吨 ≥ 100 吨，交期 {{deliveryDays}} 天 ≤ 30 天',
          severity: 'high',
        },
      },
    },
    {
      id: 'special.customer_special_requirement',
      name: '客户特殊要求（超出标准条款）',
      priority: 50,
      enabled: true,
      conditions: {
        all: [
          { condition: 'orderToReview' },
          {
            any: [
              { fact: 'ppapLevelExistingPart', operator: 'greaterThanInclusive', value: 3 },
              { fact: 'fullInspection', operator: 'equal', value: true },
              { fact: 'specialPackaging', operator: 'equal', value: true },
              { fact: 'specialMaterialCertification', operator: 'equal', value: true },
              { fact: 'designatedSubSupplier', operator: 'equal', value: true },
              { fact: 'penaltyClause', operator: 'equal', value: true },
              { fact: 'standingSpecialCsr', operator: 'equal', value: true },
            ],
          },
        ],
      },
      event: {
        type: 'special',
        params: {
          code: 'customer_special_requirement',
          explanationTemplate: '客户特殊要求（超出标准条款）：{{evidence}}',
          severity: 'medium',
        },
      },
    },
    {
      id: 'special.new_customer',
      name: '新客户',
      priority: 50,
      enabled: true,
      conditions: {
        all: [{ condition: 'orderToReview' }, { fact: 'isNewCustomer', operator: 'equal', value: true }],
      },
      event: {
        type: 'special',
        params: {
          code: 'new_customer',
          explanationTemplate: '新客户：{{evidence}}（首次订单、询价或样件申请）',
          severity: 'medium',
        },
      },
    },
    {
      id: 'temporary.no_written_basis',
      name: '临时合同（无书面依据）',
      priority: 10,
      enabled: true,
      conditions: {
        all: [
          { condition: 'orderToReview' },
          { fact: 'isInquiry', operator: 'equal', value: false },
          { fact: 'hasWrittenBasis', operator: 'equal', value: false },
        ],
      },
      event: {
        type: 'temporary',
        params: {
          code: 'no_written_basis',
          explanationTemplate: '无PO或合同号（渠道 {{channel}}）：{{hasWrittenBasis.evidence}}',
          severity: 'low',
        },
      },
    },
  ],
};
