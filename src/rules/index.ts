// Public API of the contract-classification core (pure). The database side lives in rule-repository.ts,
// store-classification.ts, store-dry-run.ts and csr-transfer.ts.
export { applyClassification, classifyContract } from './classify.js';
export { type CsrRow, parseCsrTable } from './csr-import.js';
export { buildCsrMatrix, CATEGORY_LABELS, type CsrMatrix, registerRows } from './csr-matrix.js';
export { DEFAULT_RULE_SET_ID, defaultRules } from './default-rules.js';
export {
  type ClassSnapshot,
  compareRuleSets,
  type DryRunItem,
  type DryRunMessage,
  type DryRunReport,
} from './dry-run.js';
export { runRules } from './engine.js';
export {
  type ContractGold,
  type ContractMiss,
  type ContractPrediction,
  type ContractScore,
  scoreContracts,
} from './evaluation.js';
export { type FactInfo, factCatalogue, OPERATOR_LABELS } from './fact-catalogue.js';
export {
  computeFacts,
  daysBetween,
  FACT_DEFINITIONS,
  type FactDefinition,
  type FactName,
  type FactType,
} from './facts/index.js';
export { reviewRouting } from './routing.js';
export { checkTemplate, renderTemplate } from './template.js';
export * from './types.js';
export {
  OPERATORS,
  RuleSetInvalidError,
  type ValidationCode,
  type ValidationProblem,
  validateRuleSet,
} from './validate.js';
