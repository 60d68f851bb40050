// Refusals of the review workflow: the codes, statuses and texts are the review section of the one
// error catalogue (src/shared/errors.ts); this module makes refusals as values, since the pure step
// never throws.
import { type Bilingual, REVIEW_REFUSALS } from '../shared/errors.js';

export const REFUSALS = REVIEW_REFUSALS;

export type RefusalCode = keyof typeof REVIEW_REFUSALS;

export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: Bilingual;
  /** Departments the refusal is about (e.g. those missing), for clients to point at. */
  departments?: string[];
  /**
   * What went wrong inside, for `INTERNAL_ERROR` only: the adapter logs it with the request id and
   * never shows it (the user's message stays the catalogue's).
   */
  internal?: unknown;
}

export function refuse(code: RefusalCode, detail?: Bilingual, departments?: string[]): Refusal {
  const r = REFUSALS[code];
  const message = detail
    ? { zh: `${r.zh}（${detail.zh}）`, en: `${r.en} (${detail.en})` }
    : { zh: r.zh, en: r.en };
  return { ok: false, code, message, ...(departments ? { departments } : {}) };
}
