// The periodic 48-hour check: wakes every case whose next reminder or escalation is due and lets
// the workflow fire it (CLOCK_TICK), which records the milestone and notifies owner, sales manager
// or GM. Safe to run from several processes: a case another run just ticked is skipped (conflict).
import type { Kysely } from 'kysely';
import type { ReviewConfig } from '../review/types.js';
import { AppError } from '../shared/errors.js';
import type { Database } from '../store/schema.js';
import { applyCaseEvent } from './case-repository.js';

export interface DeadlineCheckReport {
  checked: number;
  fired: { contractId: string; notifications: string[] }[];
}

export async function runDeadlineCheck(
  db: Kysely<Database>,
  now: Date,
  config: ReviewConfig,
): Promise<DeadlineCheckReport> {
  const due = await db
    .selectFrom('review_cases')
    .select('contract_id')
    .where('next_wake_at', '<=', now.toISOString())
    .orderBy('next_wake_at')
    .execute();
  const report: DeadlineCheckReport = { checked: due.length, fired: [] };
  for (const { contract_id } of due) {
    try {
      const r = await applyCaseEvent(db, contract_id, { type: 'CLOCK_TICK' }, { now, config });
      if (r.changed) {
        report.fired.push({
          contractId: contract_id,
          notifications: r.effects.flatMap((e) => (e.type === 'notify' ? [e.kind] : [])),
        });
      }
    } catch (err) {
      // Another writer got there first or the case moved on (stale, closed, not in this stage): 409s.
      if (err instanceof AppError && err.status === 409) continue;
      throw err;
    }
  }
  return report;
}

/** Runs the check every `intervalMs` until the returned stop function is called. */
export function scheduleDeadlineChecks(
  run: () => Promise<unknown>,
  intervalMs: number,
  onError: (err: unknown) => void,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    run()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
