// The administrator's view of mail that did not go out, against a real SMTP server on loopback:
// mail given up after the server was unreachable is listed with its error, only an administrator
// sees or re-queues it, and once re-queued it is delivered when the server is back.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser, setUserEmail } from '../../src/auth/user-repository.js';
import { loadMailConfig } from '../../src/config/config.js';
import { openContractCase } from '../../src/contracts/case-repository.js';
import { MAX_ATTEMPTS, MailSender } from '../../src/contracts/mail-sender.js';
import { loadReviewConfig } from '../../src/contracts/review-config.js';
import type { App } from '../../src/server/context.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { appFor, login } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { type Received, startSmtp } from './smtp-server.js';
import { at, contextFor, Driver, manualOrder, PEOPLE, ROUTED, seedPeople } from './support.js';

describeEachDatabase('failed mail: list and retry', (t) => {
  const received: Received[] = [];
  let app: App;
  let sender: MailSender;
  let port: number;
  let now = at(0);
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    const db = t.store().db;
    await seedPeople(db);
    await setUserEmail(db, PEOPLE.quality.userId, 'zhou.qa@example.test', SYSTEM_ACTORS.cli);
    // A port nobody listens on until the server "comes back" in the last step.
    const probe = await startSmtp(received);
    port = probe.port;
    await probe.close();
    const config = loadMailConfig({
      SHIXU_SMTP_URL: `smtp://shixu:secret@127.0.0.1:${port}`,
      SHIXU_SMTP_FROM: 'shixu@example.test',
    });
    if (!config) throw new Error('mail config expected');
    sender = new MailSender({ db, config });
    app = await appFor(t.store(), { clock: () => now });
    for (const department of ['admin', 'quality'] as const) {
      await createUser(
        db,
        { username: `m-${department}`, password: `pw-${department}-123`, department },
        SYSTEM_ACTORS.cli,
      );
      cookies[department] = await login(app, `m-${department}`, `pw-${department}-123`);
    }
  });
  afterAll(async () => {
    await sender?.stop();
    await app?.close();
  });
  const outbox = () => t.store().db.selectFrom('mail_outbox').selectAll().execute();

  it('lists mail given up while the server was unreachable, with its error, to administrators only', async () => {
    const db = t.store().db;
    const opened = await openContractCase(db, manualOrder('regular', ROUTED), await contextFor(db, 0));
    await new Driver(db, opened.contractId, await loadReviewConfig(db)).confirmAll(opened.state, 1);
    // Try until the sender gives up, each time when the row is next due.
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const [row] = await outbox();
      if (row!.status !== 'pending') break;
      await sender.runOnce(new Date(row!.next_attempt_at));
    }
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });

    expect(
      (await app.inject({ method: 'GET', url: '/api/settings/mail', headers: { cookie: cookies.quality! } }))
        .statusCode,
    ).toBe(403);
    const res = await app.inject({
      method: 'GET',
      url: '/api/settings/mail',
      headers: { cookie: cookies.admin! },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        id: row!.id,
        status: 'failed',
        recipient: 'zhou.qa@example.test',
        contractNumber: opened.number,
        kind: 'review_requested',
        lastError: expect.stringMatching(/ECONNREFUSED/),
      }),
    ]);
  });

  it('re-queues failed mail for an administrator only, and the sender delivers it once the server is back', async () => {
    const [row] = await outbox();
    const refused = await app.inject({
      method: 'POST',
      url: '/api/settings/mail/retry',
      headers: { cookie: cookies.quality! },
      payload: { ids: [row!.id] },
    });
    expect(refused.statusCode).toBe(403);
    expect((await outbox())[0]).toEqual(row);

    now = at(6);
    const res = await app.inject({
      method: 'POST',
      url: '/api/settings/mail/retry',
      headers: { cookie: cookies.admin! },
      payload: { ids: [] },
    });
    expect(res.json()).toEqual({ requeued: [row!.id] });
    expect((await outbox())[0]).toMatchObject({
      status: 'pending',
      attempts: 0,
      next_attempt_at: now.toISOString(),
    });
    expect(await auditTrail(t.store().db, { entityType: 'mail', entityId: row!.id })).toEqual([
      expect.objectContaining({
        action: 'mail.retried',
        before: { status: 'failed' },
        after: { status: 'pending' },
      }),
    ]);

    const smtp = await startSmtp(received, port);
    try {
      const report = await sender.runOnce(now);
      expect(report).toMatchObject({ sent: 1, failed: 0 });
      expect(received.map((r) => r.to)).toEqual([['zhou.qa@example.test']]);
      expect((await outbox())[0]!.status).toBe('sent');
      // Sent mail is never sent twice.
      const again = await app.inject({
        method: 'POST',
        url: '/api/settings/mail/retry',
        headers: { cookie: cookies.admin! },
        payload: { ids: [row!.id] },
      });
      expect(again.statusCode).toBe(409);
    } finally {
      await smtp.close();
    }
  });
});
