import { describe, expect, it } from 'vitest';
import { CONFIG, order, PEOPLE, TERMS } from '../../test/review/fixtures.js';
import { checkOpening } from './case-logic.js';
import { buildReviewRecord } from './review-record.js';
import { reviewRounds } from './review-rounds.js';
import type { Actor, ContractTerms, Effect, ReviewEvent, ReviewingDepartment } from './types.js';
import {
  acceptedEvents,
  actionsFor,
  openReview,
  type ReviewState,
  restore,
  type StepResult,
  step,
} from './workflow.js';

const T0 = Date.parse('2026-11-23T01:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000);

type Ev = ReviewEvent extends infer E ? (E extends ReviewEvent ? Omit<E, 'actor'> : never) : never;

function act(state: ReviewState, actor: Actor, event: Ev, hours: number): StepResult {
  return step(state, { ...event, actor } as ReviewEvent, { now: at(hours), config: CONFIG });
}

function ok(result: StepResult): { state: ReviewState; effects: Effect[] } {
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.message.en}`);
  return result;
}

function open(
  kind: 'regular' | 'special' | 'temporary',
  departments: ReviewingDepartment[],
  samples = false,
) {
  return openReview(order(kind, departments, { samplesAreAcceptanceStandard: samples }), {
    now: at(0),
    config: CONFIG,
  });
}

function confirmAll(state: ReviewState, hours: number) {
  const edits = state.context.requirements.map((r) => ({ op: 'accept' as const, requirementId: r.id }));
  const s1 = ok(act(state, PEOPLE.sales, { type: 'EDIT_REQUIREMENTS', edits }, hours)).state;
  return ok(act(s1, PEOPLE.sales, { type: 'CONFIRM_REQUIREMENTS' }, hours));
}

function answers(state: ReviewState, department: ReviewingDepartment) {
  const s = state.context.signOffs.find((x) => x.department === department);
  return Object.fromEntries((s?.checklist ?? []).map((c) => [c.id, 'ok' as const]));
}

function sign(state: ReviewState, actor: Actor, department: ReviewingDepartment, hours: number, extra = {}) {
  return act(
    state,
    actor,
    {
      type: 'SIGN_REVIEW',
      department,
      contractVersion: state.context.contractVersion,
      answers: answers(state, department),
      outcome: 'can_meet',
      ...extra,
    } as Ev,
    hours,
  );
}

const PERSON: Record<string, Actor> = Object.fromEntries(Object.values(PEOPLE).map((p) => [p.userId, p]));

type MeetingEvent = Extract<Ev, { type: 'RECORD_MEETING' }>;

/** The owner proposes the minutes; each participant then confirms in their own session. */
function holdMeeting(state: ReviewState, event: MeetingEvent, hours: number) {
  let r = ok(act(state, PEOPLE.sales, event, hours));
  for (const p of event.participants)
    r = ok(act(r.state, PERSON[p.userId]!, { type: 'CONFIRM_MEETING' }, hours));
  return r;
}

const notified = (effects: Effect[], kind?: string) =>
  effects
    .filter(
      (e): e is Extract<Effect, { type: 'notify' }> => e.type === 'notify' && (!kind || e.kind === kind),
    )
    .map((e) =>
      e.to.type === 'department' ? e.to.department : e.to.type === 'user' ? e.to.userId : e.to.role,
    )
    .sort();

const ALL_PEOPLE: Record<ReviewingDepartment, Actor> = {
  sales: PEOPLE.sales,
  technical: PEOPLE.technical,
  purchasing: PEOPLE.purchasing,
  production: PEOPLE.production,
  quality: PEOPLE.quality,
  finance: PEOPLE.finance,
};

describe('regular contract: countersign to customer confirmation', () => {
  it('runs from opening to an effective contract, with a complete record', () => {
    const opened = open('regular', ['sales', 'technical', 'quality', 'production']);
    expect(opened.state.value).toBe('requirementConfirmation');
    expect(opened.effects.map((e) => e.type)).toEqual(['persist', 'audit', 'notify', 'schedule']);

    // The owner edits one requirement and adds an implied one; each edit is versioned.
    let s = ok(
      act(
        opened.state,
        PEOPLE.sales,
        {
          type: 'EDIT_REQUIREMENTS',
          edits: [
            { op: 'edit', requirementId: 'R3', text: '12月18日前交货' },
            { op: 'add', text: '包装防潮', category: 'packaging', kind: 'implied' },
          ],
        },
        1,
      ),
    ).state;
    const r3 = s.context.requirements.find((r) => r.id === 'R3')!;
    expect(r3.version).toBe(2);
    expect(r3.history.at(-1)).toMatchObject({
      by: 'li.sales',
      change: 'edited',
      before: { text: '12月20日前交货' },
    });

    const confirmed = confirmAll(s, 2);
    s = confirmed.state;
    expect(s.value).toBe('countersign');
    expect(notified(confirmed.effects, 'review_requested')).toEqual([
      'production',
      'quality',
      'sales',
      'technical',
    ]);
    // The packaging requirement reaches quality's and production's checklists, not sales'.
    const checklistOf = (d: ReviewingDepartment) =>
      s.context.signOffs.find((x) => x.department === d)!.checklist.map((c) => c.id);
    expect(checklistOf('quality')).toContain('req:R5');
    expect(checklistOf('production')).toContain('req:R5');
    expect(checklistOf('sales')).not.toContain('req:R5');

    for (const d of ['sales', 'technical', 'quality'] as const) s = ok(sign(s, ALL_PEOPLE[d], d, 3)).state;
    expect(s.value).toBe('countersign');
    const last = ok(
      sign(s, PEOPLE.production, 'production', 4, {
        outcome: 'can_meet_with_conditions',
        conditions: '需加班两周',
      }),
    );
    s = last.state;
    expect(s.value).toBe('conclusion');
    expect(notified(last.effects, 'conclusion_needed')).toEqual(['sales_manager']);

    s = ok(
      act(s, PEOPLE.salesManager, { type: 'SIGN_CONCLUSION', decision: 'accept', contractVersion: 1 }, 5),
    ).state;
    expect(s.value).toBe('feedbackPending');
    const sent = ok(act(s, PEOPLE.sales, { type: 'SEND_FEEDBACK' }, 6));
    s = sent.state;
    expect(s.value).toBe('awaitingCustomerConfirmation');
    expect(s.context.feedback).toMatchObject({ clockCompliant: true, elapsedMs: 6 * 3_600_000 });
    expect(sent.effects.some((e) => e.type === 'schedule')).toBe(false);

    const done = ok(act(s, PEOPLE.sales, { type: 'CUSTOMER_CONFIRMED', reference: 'PO-88' }, 30));
    expect(done.state.value).toBe('confirmed');
    expect(notified(done.effects, 'contract_confirmed')).toEqual([
      'production',
      'quality',
      'sales',
      'technical',
    ]);

    const record = buildReviewRecord(done.state, at(31), CONFIG);
    expect(record.requirements).toHaveLength(5);
    expect(record.departments.map((d) => [d.department, d.outcome, d.signedBy])).toEqual([
      ['sales', 'can_meet', 'li.sales'],
      ['technical', 'can_meet', 'chen.tech'],
      ['production', 'can_meet_with_conditions', 'liu.prod'],
      ['quality', 'can_meet', 'zhou.qa'],
    ]);
    expect(record.conclusion?.signature).toMatchObject({ userId: 'wang.sm', authority: 'sales_manager' });
    expect(record.feedbackDeadline).toMatchObject({ compliant: true, countedHours: 6, pausedHours: 0 });
    expect(record.history.map((h) => h.event)).toContain('customer_confirmed');
  });

  it('serialises to JSON and resumes after a restore', () => {
    const opened = open('regular', ['sales', 'technical']);
    const s = confirmAll(opened.state, 1).state;
    const restored: ReviewState = JSON.parse(JSON.stringify(s));
    expect(restore(restored).value).toBe('countersign');
    const after = ok(sign(restored, PEOPLE.technical, 'technical', 2));
    expect(after.state.context.signOffs.find((x) => x.department === 'technical')!.status).toBe('signed');
  });

  it('requires the customer sample sign-off when samples are the acceptance standard', () => {
    let s = confirmAll(open('regular', ['sales'], true).state, 1).state;
    s = ok(sign(s, PEOPLE.sales, 'sales', 2)).state;
    s = ok(
      act(s, PEOPLE.salesManager, { type: 'SIGN_CONCLUSION', decision: 'accept', contractVersion: 1 }, 3),
    ).state;
    s = ok(act(s, PEOPLE.sales, { type: 'SEND_FEEDBACK' }, 3)).state;
    const refused = act(s, PEOPLE.sales, { type: 'CUSTOMER_CONFIRMED', reference: 'PO-1' }, 4);
    expect(refused).toMatchObject({ ok: false, code: 'SAMPLE_SIGNOFF_REQUIRED' });
    const done = ok(
      act(s, PEOPLE.sales, { type: 'CUSTOMER_CONFIRMED', reference: 'PO-1', sampleSignedOff: true }, 4),
    );
    expect(done.state.value).toBe('confirmed');
  });
});

describe('regular contract: a department cannot meet a requirement', () => {
  it('waits for every signature, then negotiation, then the GM accepts with a deviation', () => {
    let s = confirmAll(open('regular', ['sales', 'quality', 'production']).state, 1).state;
    s = ok(
      sign(s, PEOPLE.quality, 'quality', 2, {
        outcome: 'cannot_meet',
        reason: '无RoHS检测能力',
        cannotMeetRequirementIds: ['R4'],
      }),
    ).state;
    // Other departments have not signed yet: no negotiation before the round is complete.
    expect(s.value).toBe('countersign');
    s = ok(sign(s, PEOPLE.sales, 'sales', 3)).state;
    const last = ok(sign(s, PEOPLE.production, 'production', 3));
    s = last.state;
    expect(s.value).toBe('salesNegotiation');
    expect(s.context.issues).toMatchObject([
      { department: 'quality', requirementId: 'R4', reason: '无RoHS检测能力' },
    ]);
    // Negotiation is the sales owner's job, not quality's.
    const negotiation = {
      type: 'RECORD_NEGOTIATION' as const,
      issueId: 'I1',
      contact: { name: '客户质量 王经理', channel: 'wechat' },
      outcome: 'failed' as const,
      summary: '客户不接受第三方检测',
    };
    expect(act(s, PEOPLE.quality, negotiation, 4)).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
    s = ok(act(s, PEOPLE.sales, negotiation, 4)).state;
    expect(s.value).toBe('gmDecision');
    s = ok(
      act(
        s,
        PEOPLE.gm,
        { type: 'GM_DECIDE', issueId: 'I1', decision: 'accept_with_deviation', rationale: '委外检测' },
        5,
      ),
    ).state;
    expect(s.value).toBe('conclusion');
    // A GM decision is final: it cannot be decided again.
    expect(
      act(s, PEOPLE.gm, { type: 'GM_DECIDE', issueId: 'I1', decision: 'decline', rationale: '改主意' }, 6),
    ).toMatchObject({ ok: false, code: 'NOT_ALLOWED_IN_STATE' });
    const conclusion = {
      type: 'SIGN_CONCLUSION' as const,
      decision: 'accept_with_deviations' as const,
      contractVersion: 1,
    };
    expect(act(s, PEOPLE.salesManager, conclusion, 6)).toMatchObject({
      ok: false,
      code: 'DEVIATIONS_REQUIRED',
    });
    s = ok(act(s, PEOPLE.salesManager, { ...conclusion, deviations: 'RoHS 由第三方实验室检测' }, 6)).state;
    expect(s.context.conclusion).toMatchObject({
      decision: 'accept_with_deviations',
      signature: { userId: 'wang.sm' },
    });
  });
});

describe('special contract: meeting review, failed negotiation, GM decision', () => {
  const depts: ReviewingDepartment[] = ['sales', 'technical', 'quality', 'production', 'purchasing'];
  const participants = [
    { userId: 'li.sales', department: 'sales' as const },
    { userId: 'chen.tech', department: 'technical' as const },
    { userId: 'zhou.qa', department: 'quality' as const },
    { userId: 'liu.prod', department: 'production' as const },
    { userId: 'ma.gm', department: 'general_manager' as const },
  ];
  const decisions = (cannot: boolean) => [
    {
      requirementId: 'R1',
      outcome: cannot ? ('cannot_meet' as const) : ('can_meet' as const),
      note: cannot ? '现有CNC无法稳定保证±0.02' : '可满足',
      departments: cannot ? (['technical'] as ReviewingDepartment[]) : [],
    },
    { requirementId: 'R2', outcome: 'can_meet' as const, note: '可提供', departments: [] },
    { requirementId: 'R3', outcome: 'can_meet' as const, note: '可满足', departments: [] },
    { requirementId: 'R4', outcome: 'can_meet' as const, note: '可满足', departments: [] },
  ];

  it('goes meeting → negotiation → GM → conclusion signed by the GM, and the absent department countersigns', () => {
    const opened = open('special', depts);
    const started = confirmAll(opened.state, 1);
    let s = started.state;
    expect(s.value).toBe('meetingReview');
    expect(notified(started.effects, 'review_requested')).toContain('general_manager');

    const meeting = {
      type: 'RECORD_MEETING' as const,
      heldAt: at(5).toISOString(),
      minutes: '评审会议：R1 孔径公差技术部无法满足。',
      participants,
      decisions: decisions(true),
    };
    // Quorum: technical and quality must attend.
    const noQuality = act(
      s,
      PEOPLE.sales,
      { ...meeting, participants: participants.filter((p) => p.department !== 'quality') },
      6,
    );
    expect(noQuality).toMatchObject({ ok: false, code: 'QUORUM_NOT_MET' });
    const missing = act(s, PEOPLE.sales, { ...meeting, decisions: decisions(true).slice(1) }, 6);
    expect(missing).toMatchObject({ ok: false, code: 'DECISION_MISSING' });

    // The GM sits in a special contract's meeting.
    const noGm = act(s, PEOPLE.sales, { ...meeting, participants: participants.slice(0, 4) }, 6);
    expect(noGm).toMatchObject({ ok: false, code: 'GM_NOT_IN_MEETING' });
    // Times: not in the future, not before the case was opened.
    expect(act(s, PEOPLE.sales, { ...meeting, heldAt: at(7).toISOString() }, 6)).toMatchObject({
      ok: false,
      code: 'TIME_IN_FUTURE',
    });
    expect(act(s, PEOPLE.sales, { ...meeting, heldAt: at(-1).toISOString() }, 6)).toMatchObject({
      ok: false,
      code: 'TIME_BEFORE_CASE',
    });
    // The owner organises; a reviewer cannot record minutes, and nobody is listed twice.
    expect(act(s, PEOPLE.technical, meeting, 6)).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
    expect(
      act(s, PEOPLE.sales, { ...meeting, participants: [...participants, participants[0]!] }, 6),
    ).toMatchObject({ ok: false, code: 'DUPLICATE_PARTICIPANT' });

    const proposed = ok(act(s, PEOPLE.sales, meeting, 6));
    expect(notified(proposed.effects, 'meeting_confirmation_needed').sort()).toEqual(
      participants.map((p) => p.userId).sort(),
    );
    // Proposed minutes do not count: nothing is signed until every participant confirms.
    expect(proposed.state.value).toBe('meetingReview');
    expect(proposed.state.context.signOffs.every((x) => x.status === 'pending')).toBe(true);
    // Nobody confirms for another: not a participant, or standing for a department not one's own.
    const confirm = { type: 'CONFIRM_MEETING' as const };
    expect(act(proposed.state, PEOPLE.purchasing, confirm, 6)).toMatchObject({
      ok: false,
      code: 'NOT_A_PARTICIPANT',
    });
    // The salesperson listed as "technical" cannot confirm for technical in their own session.
    const posing = ok(
      act(
        s,
        PEOPLE.sales,
        {
          ...meeting,
          participants: participants.map((p) =>
            p.department === 'technical'
              ? { ...p, userId: 'li.sales' }
              : p.department === 'sales'
                ? { ...p, userId: 'wang.sm' }
                : p,
          ),
        },
        6,
      ),
    );
    expect(act(posing.state, PEOPLE.sales, confirm, 6)).toMatchObject({
      ok: false,
      code: 'NOT_YOUR_MEETING_DEPARTMENT',
    });
    let met = proposed;
    for (const p of participants.slice(0, 4)) met = ok(act(met.state, PERSON[p.userId]!, confirm, 7));
    expect(met.state.value).toBe('meetingReview');
    expect(act(met.state, PEOPLE.sales, confirm, 7)).toMatchObject({ ok: false, code: 'ALREADY_CONFIRMED' });
    met = ok(act(met.state, PEOPLE.gm, confirm, 7));
    s = met.state;
    expect(s.value).toBe('salesNegotiation');
    expect(notified(met.effects, 'negotiation_needed')).toEqual(['li.sales']);
    const tech = s.context.signOffs.find((x) => x.department === 'technical')!;
    expect(tech).toMatchObject({ outcome: 'cannot_meet', via: 'meeting', cannotMeetRequirementIds: ['R1'] });
    // Signed by the technical participant in person, at the time they confirmed.
    expect(tech.signature).toEqual({
      userId: 'chen.tech',
      department: 'technical',
      deputyFor: null,
      at: at(7).toISOString(),
    });
    // Purchasing was absent: it still has to sign.
    expect(s.context.signOffs.find((x) => x.department === 'purchasing')!.status).toBe('pending');
    const issue = s.context.issues[0]!;
    expect(issue).toMatchObject({ department: 'technical', requirementId: 'R1', status: 'open' });

    const failed = ok(
      act(
        s,
        PEOPLE.sales,
        {
          type: 'RECORD_NEGOTIATION',
          issueId: issue.id,
          contact: { name: '客户采购 张工', channel: 'phone' },
          outcome: 'failed',
          summary: '客户坚持±0.02，不接受放宽',
        },
        8,
      ),
    );
    s = failed.state;
    expect(s.value).toBe('gmDecision');
    expect(notified(failed.effects, 'gm_decision_needed')).toEqual(['general_manager']);

    // Only the GM decides.
    const gmEvent = {
      type: 'GM_DECIDE' as const,
      issueId: issue.id,
      decision: 'decline' as const,
      rationale: '设备投资不经济',
    };
    expect(act(s, PEOPLE.salesManager, gmEvent, 9)).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
    const decided = ok(act(s, PEOPLE.gm, gmEvent, 9));
    s = decided.state;
    expect(s.value).toBe('reReview');
    expect(notified(decided.effects, 're_review_requested')).toEqual(['purchasing']);

    s = ok(sign(s, PEOPLE.purchasing, 'purchasing', 10)).state;
    expect(s.value).toBe('conclusion');

    // Special contracts: the sales manager is not the authorised signer; the GM's decline binds.
    const conclusion = { type: 'SIGN_CONCLUSION' as const, decision: 'accept' as const, contractVersion: 1 };
    expect(act(s, PEOPLE.salesManager, conclusion, 11)).toMatchObject({
      ok: false,
      code: 'NOT_AUTHORISED_SIGNER',
    });
    expect(act(s, PEOPLE.gm, conclusion, 11)).toMatchObject({ ok: false, code: 'CONCLUSION_CONTRADICTS_GM' });
    s = ok(act(s, PEOPLE.gm, { ...conclusion, decision: 'decline' }, 11)).state;
    s = ok(act(s, PEOPLE.sales, { type: 'SEND_FEEDBACK' }, 12)).state;
    expect(s.value).toBe('declined');
    expect(act(s, PEOPLE.sales, { type: 'CUSTOMER_CONFIRMED', reference: 'x' }, 13)).toMatchObject({
      ok: false,
      code: 'CASE_CLOSED',
    });

    const record = buildReviewRecord(s, at(13), CONFIG);
    expect(record.meeting?.participants).toHaveLength(5);
    expect(record.issues[0]).toMatchObject({
      status: 'decided_by_gm',
      gmDecision: { decision: 'decline', by: 'ma.gm' },
    });
    expect(record.issues[0]!.negotiations[0]).toMatchObject({
      outcome: 'failed',
      contact: { name: '客户采购 张工' },
    });
  });

  it('after an agreed negotiation only the department that could not meet reviews again', () => {
    let s = confirmAll(open('special', ['sales', 'technical', 'quality', 'production']).state, 1).state;
    s = holdMeeting(
      s,
      {
        type: 'RECORD_MEETING',
        heldAt: at(3).toISOString(),
        minutes: '纪要',
        participants,
        decisions: decisions(true),
      },
      3,
    ).state;
    const agreed = ok(
      act(
        s,
        PEOPLE.sales,
        {
          type: 'RECORD_NEGOTIATION',
          issueId: s.context.issues[0]!.id,
          contact: { name: '张工', channel: 'email' },
          outcome: 'agreed',
          summary: '客户同意放宽至±0.05',
          requirementUpdate: { requirementId: 'R1', text: '孔径公差±0.05mm' },
        },
        4,
      ),
    );
    s = agreed.state;
    expect(s.value).toBe('reReview');
    expect(notified(agreed.effects, 're_review_requested')).toEqual(['technical']);
    expect(s.context.requirements.find((r) => r.id === 'R1')).toMatchObject({
      text: '孔径公差±0.05mm',
      version: 3,
    });
    const tech = s.context.signOffs.find((x) => x.department === 'technical')!;
    expect(tech).toMatchObject({ status: 'pending', trigger: 'negotiation' });
    expect(tech.previous[0]?.outcome).toBe('cannot_meet');
    s = ok(sign(s, PEOPLE.technical, 'technical', 5)).state;
    expect(s.value).toBe('conclusion');
  });
});

describe("the case is its owner's: another salesperson may not speak for its customer", () => {
  const other: Actor = { userId: 'zhang.sales', department: 'sales' };
  const negotiation = {
    type: 'RECORD_NEGOTIATION' as const,
    issueId: 'I1',
    contact: { name: '客户质量 王经理', channel: 'phone' },
    outcome: 'agreed' as const,
    summary: '客户同意第三方检测',
  };
  const allowed = (s: ReviewState, actor: Actor) =>
    Object.entries(actionsFor(s, actor, { now: at(5), config: CONFIG }))
      .filter(([, a]) => a.allowed)
      .map(([type]) => type)
      .sort();

  it('refuses questions, answers and voiding to anyone but the owner, a sales manager or the GM', () => {
    const s = open('regular', ['sales', 'technical', 'quality', 'production']).state;
    const ask = { type: 'ASK_CUSTOMER' as const, question: '材质证明需哪种格式？' };
    expect(act(s, other, ask, 1)).toMatchObject({ ok: false, code: 'NOT_CASE_OWNER' });
    // The GM's role records no customer contact; voiding is his and the sales manager's.
    expect(act(s, PEOPLE.gm, ask, 1)).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
    const asked = ok(act(s, PEOPLE.salesManager, ask, 1)).state;
    const answer = { type: 'CUSTOMER_ANSWERED' as const, questionId: 'Q1', answer: 'EN 10204 3.1' };
    expect(act(asked, other, answer, 2)).toMatchObject({
      ok: false,
      code: 'NOT_CASE_OWNER',
      message: { zh: expect.stringMatching(/^只有负责本案的销售人员/), en: expect.any(String) },
    });
    expect(ok(act(asked, PEOPLE.sales, answer, 2)).state.context.openQuestions[0]!.answer).toBe(
      'EN 10204 3.1',
    );
    expect(act(s, other, { type: 'VOID', reason: '客户取消' }, 1)).toMatchObject({ code: 'NOT_PERMITTED' });
    expect(ok(act(s, PEOPLE.gm, { type: 'VOID', reason: '客户取消' }, 1)).state.value).toBe('voided');
    // The page offers another salesperson none of the owner's steps; the owner and the manager all.
    expect(allowed(s, other)).toEqual([]);
    const owners = [
      'ADD_DEPARTMENT',
      'ASK_CUSTOMER',
      'CONFIRM_REQUIREMENTS',
      'CUSTOMER_ANSWERED',
      'EDIT_REQUIREMENTS',
      'REMOVE_DEPARTMENT',
    ];
    expect(allowed(s, PEOPLE.sales)).toEqual(owners);
    expect(allowed(s, PEOPLE.salesManager)).toEqual([...owners, 'VOID'].sort());
    expect(actionsFor(s, other, { now: at(1), config: CONFIG }).ASK_CUSTOMER.reason?.code).toBe(
      'NOT_CASE_OWNER',
    );
  });

  it('leaves negotiation, customer confirmation and amendments to the owner or a sales manager', () => {
    let s = confirmAll(open('regular', ['sales', 'technical', 'quality', 'production']).state, 1).state;
    s = ok(
      sign(s, PEOPLE.quality, 'quality', 2, {
        outcome: 'cannot_meet',
        reason: '无RoHS检测能力',
        cannotMeetRequirementIds: ['R4'],
      }),
    ).state;
    for (const d of ['sales', 'technical', 'production'] as const) s = ok(sign(s, ALL_PEOPLE[d], d, 2)).state;
    expect(s.value).toBe('salesNegotiation');
    expect(act(s, other, negotiation, 3)).toMatchObject({ ok: false, code: 'NOT_CASE_OWNER' });
    expect(allowed(s, other)).toEqual([]);
    expect(allowed(s, PEOPLE.sales)).toEqual(['ASK_CUSTOMER', 'CUSTOMER_ANSWERED', 'RECORD_NEGOTIATION']);
    s = ok(act(s, PEOPLE.salesManager, negotiation, 3)).state;
    s = ok(sign(s, PEOPLE.quality, 'quality', 4)).state;
    s = ok(
      act(s, PEOPLE.salesManager, { type: 'SIGN_CONCLUSION', decision: 'accept', contractVersion: 1 }, 4),
    ).state;
    s = ok(act(s, PEOPLE.sales, { type: 'SEND_FEEDBACK' }, 4)).state;
    const confirmation = { type: 'CUSTOMER_CONFIRMED' as const, reference: 'PO-7' };
    expect(act(s, other, confirmation, 5)).toMatchObject({ ok: false, code: 'NOT_CASE_OWNER' });
    const amend = {
      type: 'AMEND' as const,
      kind: 'change_record' as const,
      reason: '客户电话要求延期',
      terms: {
        ...s.context.versions.at(-1)!.terms,
        delivery: { ...TERMS.delivery, date: '2026-12-28' },
      },
    };
    expect(act(s, other, amend, 5)).toMatchObject({ ok: false, code: 'NOT_CASE_OWNER' });
    expect(allowed(s, other)).toEqual([]);
    expect(allowed(s, PEOPLE.sales)).toEqual([
      'AMEND',
      'ASK_CUSTOMER',
      'CUSTOMER_ANSWERED',
      'CUSTOMER_CONFIRMED',
    ]);
    s = ok(act(s, PEOPLE.sales, confirmation, 5)).state;
    expect(s.value).toBe('confirmed');
    expect(ok(act(s, PEOPLE.salesManager, amend, 6)).state.context.contractVersion).toBe(2);
  });
});

const BASIS = {
  reason: '客户产线急需，先按电话订单备料',
  statedBy: '客户采购 王经理',
  statedAt: at(0).toISOString(),
  channel: 'phone' as const,
};

describe('temporary order: sales-planner review with a written confirmation', () => {
  it('starts the review only once the basis is recorded, by the owner, in the past', () => {
    const opened = open('temporary', ['sales', 'production']).state;
    const edits = opened.context.requirements.map((r) => ({ op: 'accept' as const, requirementId: r.id }));
    const s = ok(act(opened, PEOPLE.sales, { type: 'EDIT_REQUIREMENTS', edits }, 1)).state;
    expect(act(s, PEOPLE.sales, { type: 'CONFIRM_REQUIREMENTS' }, 1)).toMatchObject({
      ok: false,
      code: 'TEMPORARY_BASIS_MISSING',
    });
    const basis = { type: 'RECORD_TEMPORARY_BASIS' as const, ...BASIS };
    expect(act(s, { userId: 'zhang.sales', department: 'sales' }, basis, 1)).toMatchObject({
      code: 'NOT_CASE_OWNER',
    });
    expect(act(s, PEOPLE.production, basis, 1)).toMatchObject({ code: 'NOT_PERMITTED' });
    expect(act(s, PEOPLE.sales, { ...basis, statedAt: at(2).toISOString() }, 1)).toMatchObject({
      code: 'TIME_IN_FUTURE',
    });
    expect(act(s, PEOPLE.sales, { ...basis, statedBy: ' ' }, 1)).toMatchObject({ code: 'INVALID_INPUT' });
    const recorded = ok(act(s, PEOPLE.sales, basis, 1)).state;
    expect(recorded.context.temporaryBasis).toEqual({
      ...BASIS,
      recordedBy: 'li.sales',
      recordedAt: at(1).toISOString(),
    });
    expect(ok(act(recorded, PEOPLE.sales, { type: 'CONFIRM_REQUIREMENTS' }, 1)).state.value).toBe(
      'plannerReview',
    );
    // Only a temporary contract carries one.
    expect(act(open('regular', ['sales']).state, PEOPLE.sales, basis, 1)).toMatchObject({
      code: 'NOT_TEMPORARY_CONTRACT',
    });
  });

  it('produces the written confirmation with items, date and conditions', () => {
    let s = confirmAll(
      openReview(order('temporary', ['sales', 'production'], { temporaryBasis: BASIS }), {
        now: at(0),
        config: CONFIG,
      }).state,
      1,
    ).state;
    expect(s.value).toBe('plannerReview');
    s = ok(sign(s, PEOPLE.sales, 'sales', 2)).state;
    s = ok(
      sign(s, PEOPLE.planner, 'production', 2, {
        outcome: 'can_meet_with_conditions',
        conditions: '分两批交货',
      }),
    ).state;
    expect(s.value).toBe('conclusion');
    s = ok(
      act(s, PEOPLE.salesManager, { type: 'SIGN_CONCLUSION', decision: 'accept', contractVersion: 1 }, 3),
    ).state;
    const text = s.context.writtenConfirmation!;
    expect(text.zh).toContain('我司确认接受');
    expect(text.zh).toContain('6063-T5 铝型材');
    expect(text.zh).toContain('2026-12-20');
    expect(text.zh).toContain('分两批交货');
    expect(text.en).toContain('We confirm');
  });
});

describe('amendments after acceptance', () => {
  function acceptedRegular(): ReviewState {
    let s = confirmAll(
      open('regular', ['sales', 'technical', 'quality', 'production', 'purchasing', 'finance']).state,
      1,
    ).state;
    for (const d of ['sales', 'technical', 'quality', 'production', 'purchasing', 'finance'] as const)
      s = ok(sign(s, ALL_PEOPLE[d], d, 2)).state;
    s = ok(
      act(s, PEOPLE.salesManager, { type: 'SIGN_CONCLUSION', decision: 'accept', contractVersion: 1 }, 3),
    ).state;
    s = ok(act(s, PEOPLE.sales, { type: 'SEND_FEEDBACK' }, 3)).state;
    return ok(act(s, PEOPLE.sales, { type: 'CUSTOMER_CONFIRMED', reference: 'PO-1' }, 4)).state;
  }
  const current = (s: ReviewState): ContractTerms => s.context.versions.at(-1)!.terms;
  const pending = (s: ReviewState) =>
    s.context.signOffs
      .filter((x) => x.status === 'pending')
      .map((x) => x.department)
      .sort();

  it('change clause on price resets exactly sales and finance', () => {
    const s = acceptedRegular();
    const terms = structuredClone(current(s));
    terms.items[0]!.unitPrice!.amount = 24500;
    const r = ok(
      act(s, PEOPLE.sales, { type: 'AMEND', kind: 'change_clause', terms, reason: '铝锭涨价' }, 50),
    );
    expect(r.state.value).toBe('reReview');
    expect(pending(r.state)).toEqual(['finance', 'sales']);
    expect(notified(r.effects, 're_review_requested')).toEqual(['finance', 'sales']);
    expect(r.state.context.contractVersion).toBe(2);
    expect(r.state.context.archive[0]?.conclusion?.decision).toBe('accept');
    // Stale: a signature for version 1 after the amendment.
    const stale = act(
      r.state,
      PEOPLE.finance,
      {
        type: 'SIGN_REVIEW',
        department: 'finance',
        contractVersion: 1,
        answers: answers(r.state, 'finance'),
        outcome: 'can_meet',
      },
      51,
    );
    expect(stale).toMatchObject({ ok: false, code: 'STALE_VERSION' });
    // Technical has already signed this version's unaffected part.
    expect(sign(r.state, PEOPLE.technical, 'technical', 51)).toMatchObject({
      ok: false,
      code: 'ALREADY_SIGNED',
    });
  });

  it('change clause on a drawing revision resets technical, quality and purchasing', () => {
    const s = acceptedRegular();
    const terms = structuredClone(current(s));
    terms.items[1]!.drawing = { number: 'DWG-2002', revision: 'B' };
    const r = ok(
      act(s, PEOPLE.sales, { type: 'AMEND', kind: 'change_clause', terms, reason: '图纸升版' }, 50),
    );
    expect(pending(r.state)).toEqual(['purchasing', 'quality', 'technical']);
  });

  it('change record for quantity only is recorded and notified, with no re-review', () => {
    const s = acceptedRegular();
    const terms = structuredClone(current(s));
    terms.items[1]!.quantity = { value: 6000, unit: '件' };
    const r = ok(
      act(s, PEOPLE.sales, { type: 'AMEND', kind: 'change_record', terms, reason: '客户追加' }, 50),
    );
    expect(r.state.value).toBe('confirmed');
    expect(pending(r.state)).toEqual([]);
    expect(notified(r.effects, 'amendment_recorded')).toEqual(['production', 'purchasing']);
    expect(r.state.context.versions.map((v) => v.version)).toEqual([1, 2]);

    const priceToo = structuredClone(terms);
    priceToo.items[1]!.unitPrice!.amount = 17;
    expect(
      act(r.state, PEOPLE.sales, { type: 'AMEND', kind: 'change_record', terms: priceToo, reason: 'x' }, 51),
    ).toMatchObject({
      ok: false,
      code: 'AMENDMENT_NOT_RECORDABLE',
    });
    expect(
      act(r.state, PEOPLE.sales, { type: 'AMEND', kind: 'change_clause', terms, reason: 'x' }, 51),
    ).toMatchObject({
      ok: false,
      code: 'NO_CHANGES',
    });
  });

  it('void and re-sign starts a new full review from requirement confirmation', () => {
    const s = acceptedRegular();
    const terms = structuredClone(current(s));
    terms.delivery.date = '2027-01-15';
    const r = ok(
      act(s, PEOPLE.sales, { type: 'AMEND', kind: 'void_resign', terms, reason: '客户重新下单' }, 50),
    );
    expect(r.state.value).toBe('requirementConfirmation');
    expect(pending(r.state)).toEqual([
      'finance',
      'production',
      'purchasing',
      'quality',
      'sales',
      'technical',
    ]);
    expect(r.state.context.requirements.every((q) => q.status === 'proposed')).toBe(true);
    expect(r.state.context.receivedAt).toBe(at(50).toISOString());
    expect(notified(r.effects, 'review_requested')).toEqual(['li.sales']);
    const again = confirmAll(r.state, 51);
    expect(again.state.value).toBe('countersign');
    expect(notified(again.effects, 'review_requested')).toHaveLength(6);
  });

  it('each void and re-sign is a new revision of the number with the class the rules gave, earlier rounds kept', () => {
    let s = acceptedRegular();
    const reSign = (state: ReviewState, hours: number, contractClass: 'regular' | 'special') => {
      const terms = structuredClone(current(state));
      terms.delivery.date = `2027-01-${10 + hours - 50}`;
      return ok(
        act(
          state,
          PEOPLE.sales,
          {
            type: 'AMEND',
            kind: 'void_resign',
            terms,
            reason: '重新签订',
            reclassification: {
              contractClass,
              reasons: contractClass === 'special' ? [{ code: 'penalty', explanation: '违约金条款' }] : [],
              departments: ['sales', 'finance'],
            },
          },
          hours,
        ),
      );
    };
    const r1 = reSign(s, 50, 'regular');
    expect(r1.state.context.revisionNo).toBe(1);
    expect(notified(r1.effects, 'amendment_recorded')).toHaveLength(6);
    // Back to confirmed under -R1, then re-signed again as a special contract: -R2, a meeting review.
    s = confirmAll(r1.state, 51).state;
    for (const d of ['sales', 'technical', 'quality', 'production', 'purchasing', 'finance'] as const)
      s = ok(sign(s, ALL_PEOPLE[d], d, 52)).state;
    s = ok(
      act(s, PEOPLE.salesManager, { type: 'SIGN_CONCLUSION', decision: 'accept', contractVersion: 2 }, 53),
    ).state;
    s = ok(act(s, PEOPLE.sales, { type: 'SEND_FEEDBACK', content: '接受', channel: '微信' }, 53)).state;
    s = ok(act(s, PEOPLE.sales, { type: 'CUSTOMER_CONFIRMED', reference: 'PO-2' }, 54)).state;
    const r2 = reSign(s, 55, 'special');
    const d = r2.state.context;
    expect([d.revisionNo, d.contractClass, d.mode, d.conclusionAuthority]).toEqual([
      2,
      'special',
      'meeting',
      'general_manager',
    ]);
    expect(d.reasons).toEqual([{ code: 'penalty', explanation: '违约金条款' }]);
    const rounds = reviewRounds(d);
    expect(rounds.map((x) => [x.number, x.classification.contractClass, x.closedBy?.kind ?? null])).toEqual([
      ['C-regular', 'regular', 'void_resign'],
      ['C-regular-R1', 'regular', 'void_resign'],
      ['C-regular-R2', 'special', null],
    ]);
    expect(rounds[1]!.feedback).toMatchObject({ content: '接受', channel: '微信', contact: null });
    expect(rounds[1]!.signOffs.every((x) => x.status === 'signed')).toBe(true);
    expect(rounds[0]!.terms.delivery.date).toBe(TERMS.delivery.date);
    expect(rounds[2]!.terms.delivery.date).toBe('2027-01-15');
  });
});

describe('refusals leave the state untouched', () => {
  const base = () =>
    confirmAll(open('regular', ['sales', 'technical', 'quality', 'production']).state, 1).state;

  it.each([
    ['another department signs quality', PEOPLE.technical, 'quality', {}, 'WRONG_DEPARTMENT'],
    [
      'an unregistered deputy',
      { ...PEOPLE.technical, deputyFor: 'production' as const },
      'production',
      {},
      'WRONG_DEPARTMENT',
    ],
    [
      'cannot meet without a reason',
      PEOPLE.quality,
      'quality',
      { outcome: 'cannot_meet' },
      'REASON_REQUIRED',
    ],
    [
      'conditions not stated',
      PEOPLE.quality,
      'quality',
      { outcome: 'can_meet_with_conditions', conditions: ' ' },
      'CONDITIONS_REQUIRED',
    ],
    ['checklist unanswered', PEOPLE.quality, 'quality', { answers: {} }, 'CHECKLIST_INCOMPLETE'],
    ['department not asked', PEOPLE.finance, 'finance', {}, 'NOT_REQUIRED_DEPARTMENT'],
    ['admin signs', { ...PEOPLE.admin }, 'quality', {}, 'NOT_PERMITTED'],
    ['stale revision', PEOPLE.quality, 'quality', { expectedRevision: 1 }, 'STALE_VERSION'],
  ] as const)('%s', (_name, actor, department, extra, code) => {
    const s = base();
    const before = JSON.stringify(s);
    const r = sign(s, actor as Actor, department as ReviewingDepartment, 2, extra);
    expect(r).toMatchObject({ ok: false, code, effects: [] });
    if (!r.ok) expect(r.message.zh.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.state)).toBe(before);
  });

  it('a registered deputy may sign for the department, and is recorded as deputy', () => {
    const r = ok(sign(base(), PEOPLE.qualityDeputy, 'production', 2));
    expect(r.state.context.signOffs.find((x) => x.department === 'production')!.signature).toMatchObject({
      userId: 'sun.qe',
      department: 'quality',
      deputyFor: 'production',
    });
  });

  it('signing twice, signing in the wrong stage and signing after void are refused', () => {
    const s1 = ok(sign(base(), PEOPLE.quality, 'quality', 2)).state;
    expect(sign(s1, PEOPLE.quality, 'quality', 3)).toMatchObject({ ok: false, code: 'ALREADY_SIGNED' });
    const fresh = open('regular', ['sales']).state;
    expect(sign(fresh, PEOPLE.sales, 'sales', 1)).toMatchObject({ ok: false, code: 'NOT_ALLOWED_IN_STATE' });
    const voided = ok(act(s1, PEOPLE.salesManager, { type: 'VOID', reason: '客户取消' }, 3));
    expect(voided.state.value).toBe('voided');
    expect(notified(voided.effects, 'case_voided')).toEqual(['production', 'quality', 'sales', 'technical']);
    expect(sign(voided.state, PEOPLE.technical, 'technical', 4)).toMatchObject({
      ok: false,
      code: 'CASE_CLOSED',
    });
    expect(acceptedEvents(voided.state)).toEqual([]);
  });

  it('cannot confirm requirements while some are neither accepted nor rejected, nor as another salesperson', () => {
    const s = open('regular', ['sales']).state;
    expect(act(s, PEOPLE.sales, { type: 'CONFIRM_REQUIREMENTS' }, 1)).toMatchObject({
      ok: false,
      code: 'REQUIREMENTS_UNSETTLED',
    });
    const other = { userId: 'someone.else', department: 'sales' as const };
    expect(
      act(s, other, { type: 'EDIT_REQUIREMENTS', edits: [{ op: 'accept', requirementId: 'R1' }] }, 1),
    ).toMatchObject({ ok: false, code: 'NOT_CASE_OWNER' });
  });
});

describe('48-hour clock inside the workflow', () => {
  it('pauses while the customer is asked, reminds at 24 h and 40 h, escalates at 48 h', () => {
    let s = open('regular', ['sales']).state;
    const asked = ok(
      act(
        s,
        PEOPLE.sales,
        { type: 'ASK_CUSTOMER', question: '材质证明需哪种格式？', requirementId: 'R2' },
        10,
      ),
    );
    s = asked.state;
    // Paused: no wake-up can be computed until the customer answers.
    expect(asked.effects.some((e) => e.type === 'schedule')).toBe(false);
    const tickWhilePaused = ok(step(s, { type: 'CLOCK_TICK' }, { now: at(30), config: CONFIG }));
    expect(notified(tickWhilePaused.effects)).toEqual([]);
    const answered = ok(
      act(s, PEOPLE.sales, { type: 'CUSTOMER_ANSWERED', questionId: 'Q1', answer: 'EN 10204 3.1' }, 16),
    );
    s = answered.state;
    // 6 paused hours push the 24-h reminder from hour 24 to hour 30.
    expect(answered.effects).toContainEqual({
      type: 'schedule',
      at: at(30).toISOString(),
      event: { type: 'CLOCK_TICK' },
    });

    const t1 = ok(step(s, { type: 'CLOCK_TICK' }, { now: at(30), config: CONFIG }));
    expect(notified(t1.effects, 'deadline_reminder')).toEqual(['li.sales']);
    expect(t1.effects).toContainEqual({
      type: 'schedule',
      at: at(46).toISOString(),
      event: { type: 'CLOCK_TICK' },
    });
    // A repeated tick fires nothing again.
    const again = ok(step(t1.state, { type: 'CLOCK_TICK' }, { now: at(31), config: CONFIG }));
    expect(again.effects).toEqual([]);
    const t3 = ok(step(t1.state, { type: 'CLOCK_TICK' }, { now: at(55), config: CONFIG }));
    expect(notified(t3.effects, 'deadline_reminder')).toEqual(['li.sales']);
    expect(notified(t3.effects, 'deadline_escalation')).toEqual(['general_manager', 'sales_manager']);
    const record = buildReviewRecord(t3.state, at(55), CONFIG);
    expect(record.feedbackDeadline).toMatchObject({
      dueAt: at(54).toISOString(),
      compliant: false,
      pausedHours: 6,
    });
  });
});

it('the terms fixture keeps line numbers unique (diffs match lines by number)', () => {
  expect(new Set(TERMS.items.map((i) => i.line)).size).toBe(TERMS.items.length);
});

describe('only the signer signs: opening and the GM', () => {
  const env = { now: at(0).toISOString(), config: CONFIG };

  it('refuses a receipt time in the future and a special case without the review group', () => {
    const input = order('special', ['sales', 'technical', 'purchasing', 'production', 'quality']);
    expect(checkOpening(input, env)).toBeNull();
    // The routing policy's review group: purchasing and production sit on a special review too.
    expect(checkOpening(order('special', ['sales', 'technical', 'quality']), env)).toMatchObject({
      code: 'REQUIRED_DEPARTMENTS_MISSING',
      departments: ['purchasing', 'production'],
    });
    expect(checkOpening({ ...input, receivedAt: at(13 * 24).toISOString() }, env)).toMatchObject({
      code: 'RECEIVED_IN_FUTURE',
    });
    expect(checkOpening({ ...input, departments: ['sales'] }, env)).toMatchObject({
      code: 'REQUIRED_DEPARTMENTS_MISSING',
    });
    // The quorum's size counts the GM: six departments with him.
    const bigger = { ...CONFIG, meetingQuorum: { minDepartments: 7, mustInclude: [] } };
    expect(checkOpening(input, { ...env, config: bigger })).toMatchObject({
      code: 'REQUIRED_DEPARTMENTS_MISSING',
    });
    // Regular and temporary cases too: the routing table's departments for the class and content.
    expect(checkOpening(order('regular', ['sales']), env)).toMatchObject({
      code: 'REQUIRED_DEPARTMENTS_MISSING',
      departments: ['technical', 'production', 'quality'],
      message: { zh: expect.stringContaining('常规合同缺少：技术部、生产部、质量部') },
    });
    expect(
      checkOpening(
        order('regular', ['sales', 'technical', 'production', 'quality'], {
          minimumDepartments: ['sales', 'technical', 'purchasing', 'production', 'quality'],
        }),
        env,
      ),
    ).toMatchObject({ code: 'REQUIRED_DEPARTMENTS_MISSING', departments: ['purchasing'] });
    expect(checkOpening(order('regular', ['technical', 'production', 'quality']), env)).toBeNull();
    expect(checkOpening(order('temporary', ['sales']), env)).toMatchObject({
      code: 'REQUIRED_DEPARTMENTS_MISSING',
      departments: ['production'],
    });
    expect(checkOpening(order('temporary', ['production']), env)).toBeNull();
  });

  it('never lets the GM sign a department review', () => {
    const s = confirmAll(open('regular', ['sales', 'technical', 'quality']).state, 1).state;
    expect(sign(s, PEOPLE.gm, 'technical', 2)).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
    expect(sign(s, PEOPLE.sales, 'technical', 2)).toMatchObject({ ok: false, code: 'WRONG_DEPARTMENT' });
  });

  it("lets only the GM, or the deputy the policy names, confirm the GM's seat at the meeting", () => {
    const config = { ...CONFIG, meetingQuorum: { ...CONFIG.meetingQuorum, gmDeputy: 'wang.sm' } };
    const opened = openReview(order('special', ['sales', 'technical', 'quality']), { now: at(0), config });
    const edits = opened.state.context.requirements.map((r) => ({
      op: 'accept' as const,
      requirementId: r.id,
    }));
    const run = (state: ReviewState, actor: Actor, event: Ev, hours: number) =>
      ok(step(state, { ...event, actor } as ReviewEvent, { now: at(hours), config }));
    let s = run(opened.state, PEOPLE.sales, { type: 'EDIT_REQUIREMENTS', edits }, 1).state;
    s = run(s, PEOPLE.sales, { type: 'CONFIRM_REQUIREMENTS' }, 1).state;
    const participants = [
      { userId: 'li.sales', department: 'sales' as const },
      { userId: 'chen.tech', department: 'technical' as const },
      { userId: 'zhou.qa', department: 'quality' as const },
      { userId: 'wang.sm', department: 'general_manager' as const },
    ];
    s = run(
      s,
      PEOPLE.sales,
      {
        type: 'RECORD_MEETING',
        heldAt: at(2).toISOString(),
        minutes: '纪要',
        participants,
        decisions: ['R1', 'R2', 'R3', 'R4'].map((requirementId) => ({
          requirementId,
          outcome: 'can_meet' as const,
          note: '',
          departments: [],
        })),
      },
      2,
    ).state;
    for (const p of participants.slice(0, 3))
      s = run(s, PERSON[p.userId]!, { type: 'CONFIRM_MEETING' }, 3).state;
    // Without the policy naming him, the sales manager cannot take the GM's seat.
    const confirmAsDeputy = { type: 'CONFIRM_MEETING' as const, actor: PEOPLE.salesManager };
    expect(step(s, confirmAsDeputy, { now: at(3), config: CONFIG })).toMatchObject({
      ok: false,
      code: 'NOT_YOUR_MEETING_DEPARTMENT',
    });
    s = run(s, PEOPLE.salesManager, { type: 'CONFIRM_MEETING' }, 3).state;
    expect(s.value).toBe('conclusion');
    expect(s.context.meeting?.participants.at(-1)).toMatchObject({
      userId: 'wang.sm',
      department: 'general_manager',
      ownDepartment: 'sales',
    });
  });
});
