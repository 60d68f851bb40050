// The contract-review state machine and the one pure step the shell calls:
//   step(state, event, { now, config }) → { ok, state, effects } | refusal (state unchanged).
// The XState machine says which events each stage accepts and where the case goes next;
// case-logic.ts says whether the actor and payload are acceptable and what changes.
import { assign, initialTransition, setup, transition as xstateTransition } from 'xstate';
import { assertNever } from './amendment-diff.js';
import {
  type ActorEventType,
  actorCheck,
  allSigned,
  apply,
  applyCorrectionInReview,
  check,
  type Env,
  hasOpenIssues,
  hasReferredIssues,
  meetingHeld,
  notifyAdded,
  notifyConclusion,
  notifyGm,
  notifyMeeting,
  notifyNegotiation,
  notifyPending,
  openCase,
} from './case-logic.js';
import { nextWakeUp } from './feedback-clock.js';
import { type Refusal, refuse } from './refusals.js';
import { REVIEW_STATES, type ReviewStateName } from './states.js';
import type {
  Actor,
  Bilingual,
  CaseData,
  Effect,
  OpenCaseInput,
  ReviewConfig,
  ReviewEvent,
} from './types.js';

export { REVIEW_STATES, type ReviewStateName };

type MachineEvent = ReviewEvent & { env: Env };

const applyEvent = 'applyEvent' as const;

// Routing after a review round: issues go to sales first, then the GM; otherwise to the conclusion.
// The case owner changes who reviews while the review runs; an added department is asked at once
// (before requirements are confirmed, every department is asked when they are).
// Until a department signs, the owner may still correct the requirement list (actorCheck).
const routeDuringReview = {
  ADD_DEPARTMENT: { actions: [applyEvent, 'askAddedDepartment' as const] },
  REMOVE_DEPARTMENT: { actions: applyEvent },
  EDIT_REQUIREMENTS: { actions: 'applyCorrection' as const },
};

const afterReview = () => [
  { guard: 'reviewDoneWithIssues' as const, target: 'salesNegotiation' },
  { guard: 'reviewDone' as const, target: 'conclusion' },
];

export const reviewMachine = setup({
  types: {
    context: {} as CaseData,
    events: {} as MachineEvent,
    input: {} as { input: OpenCaseInput; env: Env },
  },
  actions: {
    applyEvent: assign(({ context, event }) => apply(context, event, event.env)),
    applyCorrection: assign(({ context, event }) => applyCorrectionInReview(context, event, event.env)),
    askForReview: assign(({ context }) => notifyPending(context, 'review_requested')),
    askForReReview: assign(({ context }) => notifyPending(context, 're_review_requested')),
    callMeeting: assign(({ context }) => notifyMeeting(context)),
    askSalesToNegotiate: assign(({ context }) => notifyNegotiation(context)),
    askGm: assign(({ context }) => notifyGm(context)),
    askForConclusion: assign(({ context }) => notifyConclusion(context)),
    askAddedDepartment: assign(({ context, event }) =>
      event.type === 'ADD_DEPARTMENT' ? notifyAdded(context, event.department) : context,
    ),
  },
  guards: {
    isMeeting: ({ context }) => context.mode === 'meeting',
    isPlanner: ({ context }) => context.mode === 'sales_planner',
    reviewDone: ({ context }) => allSigned(context),
    reviewDoneWithIssues: ({ context }) => allSigned(context) && hasOpenIssues(context),
    // A proposed meeting counts only when every participant confirmed it in their own session.
    meetingDoneWithIssues: ({ context }) => meetingHeld(context) && hasOpenIssues(context),
    meetingDoneAllSigned: ({ context }) => meetingHeld(context) && allSigned(context),
    meetingDone: ({ context }) => meetingHeld(context),
    negotiationOverWithReferrals: ({ context }) => !hasOpenIssues(context) && hasReferredIssues(context),
    negotiationOverNeedsReReview: ({ context }) => !hasOpenIssues(context) && !allSigned(context),
    negotiationOver: ({ context }) => !hasOpenIssues(context),
    gmDoneNeedsReReview: ({ context }) => !hasReferredIssues(context) && !allSigned(context),
    gmDone: ({ context }) => !hasReferredIssues(context),
    declinedConclusion: ({ context }) => context.conclusion?.decision === 'decline',
    isVoidResign: ({ event }) => event.type === 'AMEND' && event.kind === 'void_resign',
    isChangeClause: ({ event }) => event.type === 'AMEND' && event.kind === 'change_clause',
  },
}).createMachine({
  id: 'contractReview',
  context: ({ input }) => openCase(input.input, input.env),
  initial: 'requirementConfirmation',
  on: {
    ASK_CUSTOMER: { actions: applyEvent },
    CUSTOMER_ANSWERED: { actions: applyEvent },
    // Accepted at every open stage so that, once a department signed, the owner is told why the
    // list is frozen (actorCheck: REQUIREMENTS_LOCKED) rather than only that the stage is wrong.
    EDIT_REQUIREMENTS: { actions: applyEvent },
    CLOCK_TICK: { actions: applyEvent },
    VOID: { target: '.voided', actions: applyEvent },
  },
  states: {
    requirementConfirmation: {
      on: {
        EDIT_REQUIREMENTS: { actions: applyEvent },
        RECORD_TEMPORARY_BASIS: { actions: applyEvent },
        ADD_DEPARTMENT: { actions: applyEvent },
        REMOVE_DEPARTMENT: { actions: applyEvent },
        CONFIRM_REQUIREMENTS: [
          { guard: 'isMeeting', target: 'meetingReview', actions: applyEvent },
          { guard: 'isPlanner', target: 'plannerReview', actions: applyEvent },
          { target: 'countersign', actions: applyEvent },
        ],
      },
    },
    countersign: {
      entry: 'askForReview',
      on: { SIGN_REVIEW: { actions: applyEvent }, ...routeDuringReview },
      always: afterReview(),
    },
    plannerReview: {
      entry: 'askForReview',
      on: { SIGN_REVIEW: { actions: applyEvent }, ...routeDuringReview },
      always: afterReview(),
    },
    meetingReview: {
      entry: 'callMeeting',
      on: {
        SIGN_REVIEW: { actions: applyEvent },
        RECORD_MEETING: { actions: applyEvent },
        CONFIRM_MEETING: { actions: applyEvent },
        ...routeDuringReview,
      },
      always: [
        { guard: 'meetingDoneWithIssues', target: 'salesNegotiation' },
        { guard: 'meetingDoneAllSigned', target: 'conclusion' },
        // Departments absent from the meeting still countersign.
        { guard: 'meetingDone', target: 'reReview' },
      ],
    },
    reReview: {
      entry: 'askForReReview',
      on: { SIGN_REVIEW: { actions: applyEvent }, ...routeDuringReview },
      always: afterReview(),
    },
    salesNegotiation: {
      entry: 'askSalesToNegotiate',
      on: { RECORD_NEGOTIATION: { actions: applyEvent } },
      always: [
        { guard: 'negotiationOverWithReferrals', target: 'gmDecision' },
        { guard: 'negotiationOverNeedsReReview', target: 'reReview' },
        { guard: 'negotiationOver', target: 'conclusion' },
      ],
    },
    gmDecision: {
      entry: 'askGm',
      on: { GM_DECIDE: { actions: applyEvent } },
      always: [
        { guard: 'gmDoneNeedsReReview', target: 'reReview' },
        { guard: 'gmDone', target: 'conclusion' },
      ],
    },
    conclusion: {
      entry: 'askForConclusion',
      on: { SIGN_CONCLUSION: { target: 'feedbackPending', actions: applyEvent } },
    },
    feedbackPending: {
      on: {
        SEND_FEEDBACK: [
          { guard: 'declinedConclusion', target: 'declined', actions: applyEvent },
          { target: 'awaitingCustomerConfirmation', actions: applyEvent },
        ],
      },
    },
    awaitingCustomerConfirmation: {
      on: {
        CUSTOMER_CONFIRMED: { target: 'confirmed', actions: applyEvent },
        AMEND: amendTransitions(),
      },
    },
    confirmed: { on: { AMEND: amendTransitions() } },
    declined: {},
    voided: {},
  },
});

function amendTransitions() {
  return [
    { guard: 'isVoidResign' as const, target: 'requirementConfirmation', actions: applyEvent },
    { guard: 'isChangeClause' as const, target: 'reReview', actions: applyEvent },
    { actions: applyEvent },
  ];
}

// ---------------------------------------------------------------- the pure step

/** What the shell persists: the stage and the case data, both plain JSON. */
export interface ReviewState {
  value: ReviewStateName;
  context: CaseData;
}

export type StepResult =
  | { ok: true; state: ReviewState; effects: Effect[] }
  | (Refusal & { state: ReviewState; effects: [] });

export interface StepContext {
  now: Date;
  config: ReviewConfig;
}

function envOf(ctx: StepContext): Env {
  return { now: ctx.now.toISOString(), config: ctx.config };
}

function toState(snapshot: { value: unknown; context: CaseData }): { state: ReviewState; outbox: Effect[] } {
  const { outbox, ...rest } = snapshot.context;
  return {
    state: { value: snapshot.value as ReviewStateName, context: { ...rest, outbox: [] } },
    outbox,
  };
}

function wakeUp(d: CaseData, config: ReviewConfig): string | null {
  if (d.feedback !== null || d.voided !== null) return null;
  return nextWakeUp(d.receivedAt, d.clock.pauses, config.clock, d.clock.fired);
}

function finish(
  before: CaseData | null,
  state: ReviewState,
  outbox: Effect[],
  config: ReviewConfig,
): Effect[] {
  const effects = [...outbox];
  if (before === null || state.context.revision !== before.revision) {
    effects.unshift({ type: 'persist', caseId: state.context.caseId, revision: state.context.revision });
  }
  const next = wakeUp(state.context, config);
  const previous = before === null ? null : wakeUp(before, config);
  if (next !== null && next !== previous)
    effects.push({ type: 'schedule', at: next, event: { type: 'CLOCK_TICK' } });
  return effects;
}

/** Open a case from an analysed message; its first stage is requirement confirmation. */
export function openReview(
  input: OpenCaseInput,
  ctx: StepContext,
): { state: ReviewState; effects: Effect[] } {
  const [snapshot] = initialTransition(reviewMachine, { input, env: envOf(ctx) });
  const { state, outbox } = toState(snapshot);
  return { state, effects: finish(null, state, outbox, ctx.config) };
}

/** Restore the XState snapshot of a persisted state (e.g. to ask `can`, or to run an actor). */
export function restore(state: ReviewState) {
  return reviewMachine.resolveState({ value: state.value, context: { ...state.context, outbox: [] } });
}

/** Apply one event. Refusals come back as values with the state untouched; nothing throws. */
export function step(state: ReviewState, event: ReviewEvent, ctx: StepContext): StepResult {
  const refused = (r: Refusal): StepResult => ({ ...r, state, effects: [] });
  try {
    if (isClosed(state.value)) return refused(refuse('CASE_CLOSED'));
    if (event.expectedRevision !== undefined && event.expectedRevision !== state.context.revision)
      return refused(refuse('STALE_VERSION'));
    const env = envOf(ctx);
    const snapshot = restore(state);
    const machineEvent: MachineEvent = { ...event, env };
    if (!snapshot.can(machineEvent)) return refused(refuse('NOT_ALLOWED_IN_STATE'));
    const refusal = check(state.context, event, env);
    if (refusal) return refused(refusal);
    const [next] = xstateTransition(reviewMachine, snapshot, machineEvent);
    const { state: nextState, outbox } = toState(next);
    return { ok: true, state: nextState, effects: finish(state.context, nextState, outbox, ctx.config) };
  } catch (error) {
    // A bug must not escape as an exception into the HTTP layer; it becomes a refusal whose user
    // text is the catalogue's alone: the error itself travels in `internal` for the adapter's log.
    return { ...refuse('INTERNAL_ERROR'), internal: error, state, effects: [] };
  }
}

/** Events the stage accepts, for showing the right buttons; the actor may still be refused. */
export function acceptedEvents(state: ReviewState): ReviewEvent['type'][] {
  if (isClosed(state.value)) return [];
  const node = reviewMachine.getStateNodeById(`contractReview.${state.value}`);
  return ACTOR_EVENTS.filter((t) => t in node.on || t in reviewMachine.root.on);
}

/** Every step a person takes, in the order of the review. */
export const ACTOR_EVENTS = [
  'EDIT_REQUIREMENTS',
  'ASK_CUSTOMER',
  'CUSTOMER_ANSWERED',
  'RECORD_TEMPORARY_BASIS',
  'CONFIRM_REQUIREMENTS',
  'SIGN_REVIEW',
  'RECORD_MEETING',
  'CONFIRM_MEETING',
  'RECORD_NEGOTIATION',
  'GM_DECIDE',
  'SIGN_CONCLUSION',
  'SEND_FEEDBACK',
  'CUSTOMER_CONFIRMED',
  'AMEND',
  'VOID',
  'ADD_DEPARTMENT',
  'REMOVE_DEPARTMENT',
] as const satisfies readonly ActorEventType[];

/** Whether one person may take a step now, and if not, why (the refusal the server would give). */
export interface StepAvailability {
  allowed: boolean;
  reason: { code: string; message: Bilingual } | null;
}

/**
 * For each step a person can take: whether this actor may take it on this case now — the stage
 * accepts it and `actorCheck`, the same check the server runs on the event, lets them. The case
 * page offers a button only where `allowed`; what the user then sends is checked in full.
 */
export function actionsFor(
  state: ReviewState,
  actor: Actor,
  ctx: StepContext,
): Record<ActorEventType, StepAvailability> {
  const accepted = new Set(acceptedEvents(state));
  const out = {} as Record<ActorEventType, StepAvailability>;
  for (const type of ACTOR_EVENTS) {
    const refusal = isClosed(state.value)
      ? refuse('CASE_CLOSED')
      : !accepted.has(type)
        ? refuse('NOT_ALLOWED_IN_STATE')
        : actorCheck(state.context, type, actor, envOf(ctx));
    out[type] = refusal
      ? { allowed: false, reason: { code: refusal.code, message: refusal.message } }
      : { allowed: true, reason: null };
  }
  return out;
}

/** Stages in which nothing but reading is possible any more. */
export function isClosed(value: ReviewStateName): boolean {
  switch (value) {
    case 'declined':
    case 'voided':
      return true;
    case 'requirementConfirmation':
    case 'countersign':
    case 'meetingReview':
    case 'plannerReview':
    case 'reReview':
    case 'salesNegotiation':
    case 'gmDecision':
    case 'conclusion':
    case 'feedbackPending':
    case 'awaitingCustomerConfirmation':
    case 'confirmed':
      return false;
    default:
      return assertNever(value);
  }
}
