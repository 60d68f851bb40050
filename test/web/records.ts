// Business records written straight into the tables the dashboard reads, for tests that need
// contracts, reviews, analyses and complaints before those features' own APIs create them.
import { randomUUID } from 'node:crypto';
import type { Store } from '../../src/store/connect.js';

const plusHours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();

export async function addContract(
  store: Store,
  opts: {
    cls: string | null;
    receivedAt: string;
    reasons?: string[];
    /** Hours after receipt each department signed; null = not signed yet. */
    signedAfterHours?: (number | null)[];
  },
): Promise<string> {
  const id = randomUUID();
  await store.db
    .insertInto('contracts')
    .values({
      id,
      number: `HT-${id.slice(0, 8)}`,
      customer_name: '测试客户',
      class: opts.cls,
      status: 'in_review',
      version: 1,
      classification: JSON.stringify({
        reasons: (opts.reasons ?? []).map((code) => ({ code, explanation: code })),
      }),
      received_at: opts.receivedAt,
      feedback_due_at: plusHours(opts.receivedAt, 48),
      customer_timezone: 'Asia/Shanghai',
      created_at: opts.receivedAt,
      updated_at: opts.receivedAt,
    })
    .execute();
  for (const [i, after] of (opts.signedAfterHours ?? []).entries()) {
    await store.db
      .insertInto('reviews')
      .values({
        id: randomUUID(),
        contract_id: id,
        contract_version: 1,
        department: ['sales', 'technical', 'quality', 'production'][i] ?? 'finance',
        status: after === null ? 'pending' : 'signed',
        signed_at: after === null ? null : plusHours(opts.receivedAt, after),
        created_at: opts.receivedAt,
        updated_at: opts.receivedAt,
      })
      .execute();
  }
  return id;
}

export async function addIntake(store: Store, channel: string, receivedAt: string): Promise<void> {
  await store.db
    .insertInto('intake_records')
    .values({
      id: randomUUID(),
      channel,
      status: 'analysed',
      received_at: receivedAt,
      created_at: receivedAt,
      updated_at: receivedAt,
    })
    .execute();
}

export async function addAnalysis(
  store: Store,
  createdAt: string,
  sentiment: { label: string; score: number },
  keywords: { word: string; weight: number }[],
): Promise<void> {
  await store.db
    .insertInto('analyses')
    .values({
      id: randomUUID(),
      ref_date: createdAt.slice(0, 10),
      engine_version: 'test',
      created_at: createdAt,
      result: JSON.stringify({ sentiment, keywords }),
    })
    .execute();
}

export async function addComplaint(store: Store, cause: string, receivedAt: string): Promise<void> {
  await store.db
    .insertInto('feedback')
    .values({
      id: randomUUID(),
      kind: 'complaint',
      text: '客户投诉',
      cause,
      status: 'open',
      received_at: receivedAt,
      created_at: receivedAt,
      updated_at: receivedAt,
    })
    .execute();
}
