// Public surface of the contract-review core (pure; persistence and HTTP live elsewhere).
export * from './amendment-diff.js';
export * from './checklists.js';
export * from './event-schema.js';
export * from './feedback-clock.js';
export * from './permissions.js';
export * from './refusals.js';
export * from './review-record.js';
export * from './types.js';
export {
  acceptedEvents,
  isClosed,
  openReview,
  REVIEW_STATES,
  type ReviewState,
  type ReviewStateName,
  restore,
  reviewMachine,
  type StepContext,
  type StepResult,
  step,
} from './workflow.js';
