// Customer side of Shixu: feedback and complaints (8D), satisfaction, improvement actions, KPIs
// and the evaluation of the requirement-identification capability. See docs/feedback.md.
export * from './action-repository.js';
export * from './capability.js';
export * from './capability-evidence.js';
export * from './capability-measures.js';
export * from './capability-settings.js';
export * from './cause.js';
export * from './evaluation-repository.js';
export * from './feedback-repository.js';
export * from './kpis.js';
export * from './period.js';
export * from './satisfaction.js';
export * from './satisfaction-repository.js';
export * from './status.js';
