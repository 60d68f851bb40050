// The 48-hour customer-feedback clock (IATF 16949 §8.2.3 practice: answer an order within 48 h).
// Pure: every function takes the instants it needs; nothing here reads the system clock.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type EscalationTarget = 'owner' | 'sales_manager' | 'general_manager';

export interface BusinessHours {
  /** Local hour the working day starts (inclusive) and ends (exclusive), e.g. 8 and 17. */
  startHour: number;
  endHour: number;
  /** Offset of local time from UTC in minutes (China: 480). */
  utcOffsetMinutes: number;
  excludeWeekends: boolean;
  /** Local dates (YYYY-MM-DD) with no work: public holidays (法定节假日). */
  closedDays?: string[];
  /** Local weekend dates that are working days (调休补班). */
  workingWeekendDays?: string[];
}

export interface ClockConfig {
  budgetHours: number;
  /** Counted hours after receipt at which the owner is reminded. */
  reminderHours: number[];
  /** Counted hours after receipt at which the case is escalated, and to whom. */
  escalations: { atHours: number; to: EscalationTarget[] }[];
  /** Stop the clock while an open question waits for the customer's answer. */
  pauseWhileAwaitingCustomer: boolean;
  /** null = the clock runs around the clock. */
  businessHours: BusinessHours | null;
}

export const DEFAULT_CLOCK_CONFIG: ClockConfig = {
  budgetHours: 48,
  reminderHours: [24, 40],
  escalations: [{ atHours: 48, to: ['sales_manager', 'general_manager'] }],
  pauseWhileAwaitingCustomer: true,
  businessHours: null,
};

export interface PauseInterval {
  from: string;
  /** null = still paused. */
  to: string | null;
  reason: string;
}

export type MilestoneKind = 'reminder' | 'escalation';

export interface Milestone {
  /** Stable key, so a sent reminder is never sent twice. */
  key: string;
  kind: MilestoneKind;
  atHours: number;
  to: EscalationTarget[];
  /** null while a pause without end makes the instant unknowable. */
  at: string | null;
}

export interface ClockReading {
  receivedAt: string;
  dueAt: string | null;
  elapsedMs: number;
  remainingMs: number;
  paused: boolean;
  overdue: boolean;
  stoppedAt: string | null;
  milestones: Milestone[];
}

interface Span {
  from: number;
  to: number;
}

/** Windows of counting time (business hours or all time) intersecting [from, to). */
function workingWindows(from: number, to: number, bh: BusinessHours | null): Span[] {
  if (bh === null) return from < to ? [{ from, to }] : [];
  const offset = bh.utcOffsetMinutes * 60_000;
  const windows: Span[] = [];
  let dayStartLocal = Math.floor((from + offset) / DAY) * DAY;
  for (; dayStartLocal - offset < to; dayStartLocal += DAY) {
    const localDate = new Date(dayStartLocal).toISOString().slice(0, 10);
    const weekday = new Date(dayStartLocal).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (bh.excludeWeekends && weekend && !bh.workingWeekendDays?.includes(localDate)) continue;
    if (bh.closedDays?.includes(localDate)) continue;
    const start = Math.max(from, dayStartLocal - offset + bh.startHour * HOUR);
    const end = Math.min(to, dayStartLocal - offset + bh.endHour * HOUR);
    if (start < end) windows.push({ from: start, to: end });
  }
  return windows;
}

function subtractPauses(spans: Span[], pauses: PauseInterval[]): Span[] {
  let result = spans;
  for (const p of pauses) {
    const pf = Date.parse(p.from);
    const pt = p.to === null ? Number.POSITIVE_INFINITY : Date.parse(p.to);
    const next: Span[] = [];
    for (const s of result) {
      if (pt <= s.from || pf >= s.to) {
        next.push(s);
        continue;
      }
      if (pf > s.from) next.push({ from: s.from, to: pf });
      if (pt < s.to) next.push({ from: pt, to: s.to });
    }
    result = next;
  }
  return result;
}

/** Counted milliseconds between two instants, after pauses and non-working time are taken out. */
export function countedMs(
  from: string,
  to: string,
  pauses: PauseInterval[],
  config: Pick<ClockConfig, 'businessHours'>,
): number {
  const spans = subtractPauses(
    workingWindows(Date.parse(from), Date.parse(to), config.businessHours),
    pauses,
  );
  return spans.reduce((sum, s) => sum + (s.to - s.from), 0);
}

/** The instant at which `targetMs` of counted time has passed since `from`; null if a pause never ends. */
export function instantAfterCounted(
  from: string,
  targetMs: number,
  pauses: PauseInterval[],
  config: Pick<ClockConfig, 'businessHours'>,
): string | null {
  const start = Date.parse(from);
  let counted = 0;
  // Search week by week; a 48-h budget over business days never needs more than a few weeks.
  for (let chunk = 0; chunk < 52; chunk++) {
    const chunkFrom = start + chunk * 7 * DAY;
    const spans = subtractPauses(
      workingWindows(chunkFrom, chunkFrom + 7 * DAY, config.businessHours),
      pauses,
    );
    for (const s of spans) {
      const len = s.to - s.from;
      if (counted + len >= targetMs) return new Date(s.from + (targetMs - counted)).toISOString();
      counted += len;
    }
    const openPause = pauses.find((p) => p.to === null && Date.parse(p.from) < chunkFrom + 7 * DAY);
    if (openPause) return null;
  }
  return null;
}

export function milestones(receivedAt: string, pauses: PauseInterval[], config: ClockConfig): Milestone[] {
  const list: Omit<Milestone, 'at'>[] = [
    ...config.reminderHours.map((h) => ({
      key: `reminder@${h}h`,
      kind: 'reminder' as const,
      atHours: h,
      to: ['owner'] as EscalationTarget[],
    })),
    ...config.escalations.map((e) => ({
      key: `escalation@${e.atHours}h`,
      kind: 'escalation' as const,
      atHours: e.atHours,
      to: e.to,
    })),
  ];
  return list
    .map((m) => ({ ...m, at: instantAfterCounted(receivedAt, m.atHours * HOUR, pauses, config) }))
    .sort((a, b) => a.atHours - b.atHours);
}

/** Read the clock at `now`. Once feedback is sent (`stoppedAt`), the reading is frozen at that instant. */
export function readClock(
  receivedAt: string,
  now: string,
  pauses: PauseInterval[],
  config: ClockConfig,
  stoppedAt: string | null = null,
): ClockReading {
  const until = stoppedAt ?? now;
  const budget = config.budgetHours * HOUR;
  const elapsedMs = countedMs(receivedAt, until, pauses, config);
  const paused =
    stoppedAt === null && pauses.some((p) => p.to === null && Date.parse(p.from) <= Date.parse(now));
  return {
    receivedAt,
    dueAt: instantAfterCounted(receivedAt, budget, pauses, config),
    elapsedMs,
    remainingMs: budget - elapsedMs,
    paused,
    overdue: elapsedMs > budget,
    stoppedAt,
    milestones: milestones(receivedAt, pauses, config),
  };
}

/** Milestones whose instant has come at `now` and which were not yet fired. */
export function dueMilestones(
  receivedAt: string,
  now: string,
  pauses: PauseInterval[],
  config: ClockConfig,
  alreadyFired: readonly string[],
): Milestone[] {
  const t = Date.parse(now);
  return milestones(receivedAt, pauses, config).filter(
    (m) => m.at !== null && Date.parse(m.at) <= t && !alreadyFired.includes(m.key),
  );
}

/** The next instant the shell should wake the case up, or null when nothing is left to fire. */
export function nextWakeUp(
  receivedAt: string,
  pauses: PauseInterval[],
  config: ClockConfig,
  alreadyFired: readonly string[],
): string | null {
  const pending = milestones(receivedAt, pauses, config).filter(
    (m) => m.at !== null && !alreadyFired.includes(m.key),
  );
  return pending[0]?.at ?? null;
}
