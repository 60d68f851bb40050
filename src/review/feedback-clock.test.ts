import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClockConfig,
  countedMs,
  DEFAULT_CLOCK_CONFIG,
  dueMilestones,
  instantAfterCounted,
  nextWakeUp,
  type PauseInterval,
  readClock,
} from './feedback-clock.js';

const H = 3_600_000;
const iso = (base: string, hours: number) => new Date(Date.parse(base) + hours * H).toISOString();
// Monday 2026-11-23 09:00 Beijing time = 01:00 UTC.
const MON_9 = '2026-11-23T01:00:00.000Z';

describe('feedback clock around the clock', () => {
  it('is due 48 h after receipt and counts down', () => {
    const r = readClock(MON_9, iso(MON_9, 10), [], DEFAULT_CLOCK_CONFIG);
    expect(r.dueAt).toBe(iso(MON_9, 48));
    expect(r.remainingMs).toBe(38 * H);
    expect(r.overdue).toBe(false);
  });

  it('shifts the deadline by a closed pause and freezes while a pause is open', () => {
    const pauses: PauseInterval[] = [{ from: iso(MON_9, 5), to: iso(MON_9, 9), reason: 'q1' }];
    expect(readClock(MON_9, iso(MON_9, 20), pauses, DEFAULT_CLOCK_CONFIG).dueAt).toBe(iso(MON_9, 52));
    const open: PauseInterval[] = [{ from: iso(MON_9, 5), to: null, reason: 'q1' }];
    const r1 = readClock(MON_9, iso(MON_9, 20), open, DEFAULT_CLOCK_CONFIG);
    const r2 = readClock(MON_9, iso(MON_9, 200), open, DEFAULT_CLOCK_CONFIG);
    expect(r1).toMatchObject({ paused: true, dueAt: null, elapsedMs: 5 * H });
    expect(r2.elapsedMs).toBe(5 * H);
  });

  it('counts overlapping pauses once', () => {
    const pauses: PauseInterval[] = [
      { from: iso(MON_9, 2), to: iso(MON_9, 6), reason: 'q1' },
      { from: iso(MON_9, 4), to: iso(MON_9, 8), reason: 'q2' },
    ];
    expect(countedMs(MON_9, iso(MON_9, 10), pauses, DEFAULT_CLOCK_CONFIG)).toBe(4 * H);
  });

  it('fires each milestone once, in order, and tells when to wake up next', () => {
    const c = DEFAULT_CLOCK_CONFIG;
    expect(nextWakeUp(MON_9, [], c, [])).toBe(iso(MON_9, 24));
    expect(dueMilestones(MON_9, iso(MON_9, 23.9), [], c, []).map((m) => m.key)).toEqual([]);
    expect(dueMilestones(MON_9, iso(MON_9, 41), [], c, []).map((m) => m.key)).toEqual([
      'reminder@24h',
      'reminder@40h',
    ]);
    expect(dueMilestones(MON_9, iso(MON_9, 41), [], c, ['reminder@24h']).map((m) => m.key)).toEqual([
      'reminder@40h',
    ]);
    expect(nextWakeUp(MON_9, [], c, ['reminder@24h', 'reminder@40h'])).toBe(iso(MON_9, 48));
    const esc = dueMilestones(MON_9, iso(MON_9, 48), [], c, ['reminder@24h', 'reminder@40h']);
    expect(esc).toMatchObject([{ kind: 'escalation', to: ['sales_manager', 'general_manager'] }]);
  });

  it('stops at the instant feedback was sent', () => {
    const r = readClock(MON_9, iso(MON_9, 100), [], DEFAULT_CLOCK_CONFIG, iso(MON_9, 47));
    expect(r).toMatchObject({ elapsedMs: 47 * H, overdue: false, stoppedAt: iso(MON_9, 47) });
  });
});

describe('feedback clock on business hours (08:00–17:00 Beijing, weekends excluded)', () => {
  const config: ClockConfig = {
    ...DEFAULT_CLOCK_CONFIG,
    businessHours: { startHour: 8, endHour: 17, utcOffsetMinutes: 480, excludeWeekends: true },
  };

  it('counts only working hours; 48 working hours from Monday 09:00 end on the 6th working day', () => {
    // Mon 8 h (09–17), Tue–Fri 4 × 9 = 36 h → 44 h by Friday 17:00; weekend skipped;
    // the next Monday 08:00 + 4 h = 12:00 Beijing = 04:00 UTC.
    expect(readClock(MON_9, MON_9, [], config).dueAt).toBe('2026-11-30T04:00:00.000Z');
  });

  it('a message received on Saturday starts counting on Monday morning', () => {
    const sat = '2026-11-28T06:00:00.000Z';
    expect(countedMs(sat, '2026-11-30T00:00:00.000Z', [], config)).toBe(0);
    expect(countedMs(sat, '2026-11-30T01:00:00.000Z', [], config)).toBe(1 * H);
  });

  it('skips public holidays and counts make-up working Saturdays', () => {
    const withCalendar: ClockConfig = {
      ...config,
      businessHours: {
        ...config.businessHours!,
        closedDays: ['2026-11-24'],
        workingWeekendDays: ['2026-11-28'],
      },
    };
    // Tuesday is closed (-9 h), Saturday works (+9 h): due on Monday still, but Saturday counted.
    expect(readClock(MON_9, MON_9, [], withCalendar).dueAt).toBe('2026-11-30T04:00:00.000Z');
    expect(countedMs(MON_9, '2026-11-25T00:00:00.000Z', [], withCalendar)).toBe(8 * H);
    expect(countedMs('2026-11-28T00:00:00.000Z', '2026-11-29T00:00:00.000Z', [], withCalendar)).toBe(9 * H);
  });

  it('pauses inside working hours still stop the clock', () => {
    const pauses: PauseInterval[] = [{ from: iso(MON_9, 1), to: iso(MON_9, 3), reason: 'q' }];
    expect(countedMs(MON_9, iso(MON_9, 8), pauses, config)).toBe(6 * H);
  });
});

describe('clock properties', () => {
  const bh: ClockConfig = {
    ...DEFAULT_CLOCK_CONFIG,
    businessHours: { startHour: 8, endHour: 17, utcOffsetMinutes: 480, excludeWeekends: true },
  };
  const arb = fc.record({
    startOffsetH: fc.integer({ min: 0, max: 24 * 14 }),
    targetH: fc.integer({ min: 1, max: 60 }),
    pauses: fc.array(
      fc.record({ fromH: fc.integer({ min: 0, max: 200 }), lenH: fc.integer({ min: 1, max: 30 }) }),
      {
        maxLength: 3,
      },
    ),
    business: fc.boolean(),
  });

  it('the due instant is exactly where the counted time reaches the budget', () => {
    fc.assert(
      fc.property(arb, ({ startOffsetH, targetH, pauses, business }) => {
        const config = business ? bh : DEFAULT_CLOCK_CONFIG;
        const start = iso(MON_9, startOffsetH);
        const ps = pauses.map((p) => ({
          from: iso(start, p.fromH),
          to: iso(start, p.fromH + p.lenH),
          reason: 'q',
        }));
        const due = instantAfterCounted(start, targetH * H, ps, config);
        expect(due).not.toBeNull();
        expect(countedMs(start, due!, ps, config)).toBe(targetH * H);
        // And never earlier than the wall-clock budget.
        expect(Date.parse(due!) - Date.parse(start)).toBeGreaterThanOrEqual(targetH * H);
      }),
      { numRuns: 200 },
    );
  });
});
