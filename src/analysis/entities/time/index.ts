// The time dimension: rule records by family in rules/, the point grammar (grammar.ts), resolution
// (resolve.ts), the business and Duckling conventions (conventions.ts), the scan (find.ts) and the
// corpus of wordings with their expected values (corpus.ts). See docs/analysis.md, "Adding a time wording".
export { findTimes, timeAt } from './find.js';
export type { Convention, TimeContext, TimeMatch, TimeValue } from './types.js';
