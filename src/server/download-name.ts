// Names of the files users download: Chinese, as the office files them (合同台账-2026-12-07.xlsx,
// HT-2026-0001-合同评审表.pdf), dated in the company's time zone (the review policy's record zone).
import type { Kysely } from 'kysely';
import { localTime } from '../contracts/review-labels.js';
import { getReviewPolicy } from '../contracts/review-policy.js';
import type { Database } from '../store/schema.js';

/** RFC 6266 header that keeps a Chinese file name intact (an ASCII stand-in for old clients). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** `base-YYYY-MM-DD`, the day of `now` in the company's time zone. */
export async function datedBaseName(db: Kysely<Database>, base: string, now: Date): Promise<string> {
  const { policy } = await getReviewPolicy(db);
  const zone = policy.record?.timeZone ?? 'Asia/Shanghai';
  return `${base}-${localTime(now.toISOString(), zone).slice(0, 10)}`;
}
