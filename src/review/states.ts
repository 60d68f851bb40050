// The review stages a contract case can be in. Apart from the machine in workflow.ts so that the
// web app can list them (ledger filter) without bundling XState into its shell.
export const REVIEW_STATES = [
  'requirementConfirmation',
  'countersign',
  'meetingReview',
  'plannerReview',
  'reReview',
  'salesNegotiation',
  'gmDecision',
  'conclusion',
  'feedbackPending',
  'awaitingCustomerConfirmation',
  'confirmed',
  'declined',
  'voided',
] as const;
export type ReviewStateName = (typeof REVIEW_STATES)[number];
