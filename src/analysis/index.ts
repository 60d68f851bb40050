export {
  type AnalysisInput,
  type AnalyzeOptions,
  analyze,
  analyzeMany,
  DEFAULT_OWN_COMPANY_NAMES,
} from './analyze.js';
export { buildDomainDictionary, type DomainTerm, type DomainTermKind } from './dictionary/index.js';
export { analysisJsonSchema } from './json-schema.js';
export * from './result.js';
export { addDomainTerms } from './text/jieba.js';
