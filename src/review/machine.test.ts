import { describe, expect, it } from 'vitest';
import { CONFIG, order, PEOPLE } from '../../test/review/fixtures.js';
import { parseReviewEvent } from './event-schema.js';
import { REFUSALS } from './refusals.js';
import { acceptedEvents, isClosed, openReview, REVIEW_STATES, reviewMachine, step } from './workflow.js';

const now = new Date('2026-11-23T02:00:00.000Z');

describe('machine and catalogue stay in step', () => {
  it('every exported state name is a state of the machine, and the reverse', () => {
    expect(Object.keys(reviewMachine.root.states).sort()).toEqual([...REVIEW_STATES].sort());
    expect(REVIEW_STATES.filter(isClosed)).toEqual(['declined', 'voided']);
  });

  it('every refusal code has an HTTP status and Chinese and English messages', () => {
    for (const [code, r] of Object.entries(REFUSALS)) {
      expect(r.status, code).toBeGreaterThanOrEqual(400);
      expect(r.zh.length, code).toBeGreaterThan(0);
      expect(r.en.length, code).toBeGreaterThan(0);
    }
  });
});

describe('pure step', () => {
  it('never mutates the state it is given', () => {
    const { state } = openReview(order('regular', ['sales', 'technical']), { now, config: CONFIG });
    const before = JSON.stringify(state);
    const r = step(
      state,
      { type: 'EDIT_REQUIREMENTS', actor: PEOPLE.sales, edits: [{ op: 'accept', requirementId: 'R1' }] },
      { now, config: CONFIG },
    );
    expect(r.ok).toBe(true);
    expect(JSON.stringify(state)).toBe(before);
    expect(r.state.context.revision).toBe(state.context.revision + 1);
  });

  it('turns a fault inside the step into INTERNAL_ERROR whose user text hides the fault', () => {
    const { state } = openReview(order('regular', ['sales']), { now, config: CONFIG });
    // Requirements that are not a list make the actor check throw, as a bug in the machine would.
    const broken = { ...state, context: { ...state.context, requirements: null as never } };
    const r = step(
      broken,
      { type: 'EDIT_REQUIREMENTS', actor: PEOPLE.sales, edits: [{ op: 'accept', requirementId: 'R1' }] },
      { now, config: CONFIG },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('INTERNAL_ERROR');
    expect(r.message).toEqual({ zh: REFUSALS.INTERNAL_ERROR.zh, en: REFUSALS.INTERNAL_ERROR.en });
    expect(r.internal).toBeInstanceOf(TypeError);
    expect(r.state).toBe(broken);
  });

  it('lists the events each stage accepts', () => {
    const { state } = openReview(order('regular', ['sales']), { now, config: CONFIG });
    expect(acceptedEvents(state).sort()).toEqual(
      [
        'ADD_DEPARTMENT',
        'ASK_CUSTOMER',
        'CONFIRM_REQUIREMENTS',
        'CUSTOMER_ANSWERED',
        'EDIT_REQUIREMENTS',
        'RECORD_TEMPORARY_BASIS',
        'REMOVE_DEPARTMENT',
        'VOID',
      ].sort(),
    );
  });
});

describe('event schema for adapters', () => {
  it('accepts a well-formed event and reports what is wrong with a malformed one', () => {
    const good = parseReviewEvent({
      type: 'SIGN_REVIEW',
      actor: { userId: 'zhou.qa', department: 'quality' },
      department: 'quality',
      contractVersion: 1,
      answers: { 'scope:inspection': 'ok' },
      outcome: 'cannot_meet',
      reason: '无检测能力',
    });
    expect(good.ok).toBe(true);
    const bad = parseReviewEvent({
      type: 'SIGN_REVIEW',
      actor: { userId: 'x', department: 'hr' },
      outcome: 'maybe',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.join('\n')).toMatch(/actor\.department|outcome/);
    expect(parseReviewEvent({ type: 'CLOCK_TICK' }).ok).toBe(true);
  });
});
