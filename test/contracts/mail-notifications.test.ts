// Review notifications by e-mail, delivered to a real SMTP server (smtp-server) on the loopback
// interface: who gets which mail, what it says, and that a mail server outage neither blocks the
// review nor loses the mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUserEmail } from '../../src/auth/user-repository.js';
import { ConfigError, loadMailConfig } from '../../src/config/config.js';
import { openContractCase } from '../../src/contracts/case-repository.js';
import { MailSender } from '../../src/contracts/mail-sender.js';
import { loadReviewConfig } from '../../src/contracts/review-config.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { type Received, startSmtp } from './smtp-server.js';
import { at, contextFor, Driver, manualOrder, PEOPLE, ROUTED, SIGNER, seedPeople } from './support.js';

const EMAILS: Record<string, string> = {
  [PEOPLE.quality.userId]: 'zhou.qa@example.test',
  [PEOPLE.salesManager.userId]: 'wang.sm@example.test',
};

describeEachDatabase('review notifications by e-mail', (t) => {
  const received: Received[] = [];
  let smtp: { port: number; close: () => Promise<void> };
  let sender: MailSender;

  beforeAll(async () => {
    const db = t.store().db;
    await seedPeople(db);
    // Fixture usernames equal their user ids.
    for (const [username, email] of Object.entries(EMAILS)) {
      await setUserEmail(db, username, email, SYSTEM_ACTORS.cli);
    }
    await expect(setUserEmail(db, PEOPLE.sales.userId, 'not an address', SYSTEM_ACTORS.cli)).rejects.toThrow(
      '电子邮件地址无效',
    );
    smtp = await startSmtp(received);
    const config = loadMailConfig({
      SHIXU_SMTP_URL: `smtp://shixu:secret@127.0.0.1:${smtp.port}`,
      SHIXU_SMTP_FROM: '识需 Shixu <shixu@example.test>',
      SHIXU_APP_URL: 'https://shixu.example.test/',
    });
    if (!config) throw new Error('mail config expected');
    sender = new MailSender({ db, config });
  });
  afterAll(async () => {
    await sender?.stop();
    await smtp?.close();
  });

  const mailsTo = (address: string, number: string) =>
    received.filter((r) => r.to.includes(address) && r.mail.subject?.includes(number));

  it('mails the quality department its review request and the sales manager the conclusion to sign', async () => {
    const db = t.store().db;
    const opened = await openContractCase(db, manualOrder('regular', ROUTED), await contextFor(db, 0));
    const drive = new Driver(db, opened.contractId, await loadReviewConfig(db));
    let state = await drive.confirmAll(opened.state, 1);
    expect(state.value).toBe('countersign');

    const first = await sender.runOnce(at(1));
    expect(first.failed).toBe(0);
    const [toQuality, ...more] = mailsTo('zhou.qa@example.test', opened.number);
    expect(more).toHaveLength(0);
    expect(toQuality!.mail.subject).toBe(`【识需】合同 ${opened.number} 待您评审 / awaiting your review`);
    expect(toQuality!.mail.from?.text).toContain('shixu@example.test');
    const body = toQuality!.mail.text ?? '';
    expect(body).toContain(`请评审合同 ${opened.number}（第 1 版）并签署质量部意见。`);
    expect(body).toContain('客户：苏州精工汽车部件有限公司');
    // Received 2026-11-23 01:00 UTC; 48 h later is 09:00 on the 25th in Beijing.
    expect(body).toContain('48 小时反馈期限：2026-11-25 09:00（北京时间）');
    expect(body).toContain(`https://shixu.example.test/contracts/${opened.number}`);
    expect(body.indexOf('请评审合同')).toBeLessThan(body.indexOf('Please review contract'));
    // The salesperson has no address: inbox only, no mail.
    expect(received.some((r) => r.to.some((a) => a.startsWith('li.sales')))).toBe(false);

    for (const d of ['sales', 'technical', 'purchasing', 'production'] as const)
      state = await drive.sign(state, SIGNER[d], d, 2);
    state = await drive.sign(state, PEOPLE.quality, 'quality', 3);
    expect(state.value).toBe('conclusion');
    await sender.runOnce(at(3));
    const toManager = mailsTo('wang.sm@example.test', opened.number).map((r) => r.mail.subject);
    expect(toManager).toContain(
      `【识需】合同 ${opened.number} 待签署评审结论 / conclusion awaiting signature`,
    );

    // Sent once: a later run finds nothing left to send.
    const count = received.length;
    expect((await sender.runOnce(at(4))).sent).toBe(0);
    expect(received).toHaveLength(count);
  });

  it('keeps the review committed while the mail server is down and sends the mail on a later try', async () => {
    const db = t.store().db;
    const opened = await openContractCase(db, manualOrder('regular', ROUTED), await contextFor(db, 10));
    const drive = new Driver(db, opened.contractId, await loadReviewConfig(db));
    await sender.runOnce(at(10));
    const port = smtp.port;
    await smtp.close();

    const state = await drive.confirmAll(opened.state, 11);
    const outage = await sender.runOnce(at(11));
    expect(outage.sent).toBe(0);
    expect(outage.failed).toBeGreaterThan(0);

    const stored = await db
      .selectFrom('contracts')
      .select('status')
      .where('id', '=', opened.contractId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('countersign');
    expect(state.value).toBe('countersign');
    const inbox = await db
      .selectFrom('notifications')
      .select('kind')
      .where('contract_id', '=', opened.contractId)
      .where('user_id', '=', PEOPLE.quality.userId)
      .execute();
    expect(inbox.map((n) => n.kind)).toContain('review_requested');
    const outbox = () =>
      db
        .selectFrom('mail_outbox')
        .innerJoin('notifications', 'notifications.id', 'mail_outbox.notification_id')
        .select(['mail_outbox.status', 'mail_outbox.attempts', 'mail_outbox.last_error'])
        .where('notifications.contract_id', '=', opened.contractId)
        .where('mail_outbox.status', '!=', 'sent')
        .execute();
    const waiting = await outbox();
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((r) => r.status === 'pending')).toBe(true);
    expect(waiting.some((r) => Number(r.attempts) === 1 && /ECONNREFUSED/.test(r.last_error ?? ''))).toBe(
      true,
    );
    expect(mailsTo('zhou.qa@example.test', opened.number)).toHaveLength(0);

    // Before the retry pause has passed nothing is tried again.
    expect(await sender.runOnce(at(11))).toEqual({ sent: 0, failed: 0, gaveUp: 0, skipped: 0 });

    smtp = await startSmtp(received, port);
    const retry = await sender.runOnce(new Date(at(11).getTime() + 2 * 60_000));
    expect(retry.failed).toBe(0);
    expect(await outbox()).toHaveLength(0);
    const mails = mailsTo('zhou.qa@example.test', opened.number).map((r) => r.mail.subject);
    expect(mails).toEqual([`【识需】合同 ${opened.number} 待您评审 / awaiting your review`]);
  });
});

describe('mail settings', () => {
  it('is off without SHIXU_SMTP_URL', () => {
    expect(loadMailConfig({})).toBeNull();
    expect(loadMailConfig({ SHIXU_SMTP_FROM: 'shixu@example.test' })).toBeNull();
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadMailConfig({ SHIXU_SMTP_URL: 'http://mail.example.test', SHIXU_APP_URL: 'ftp://x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('SHIXU_SMTP_URL');
    expect(problems).toContain('SHIXU_SMTP_FROM');
    expect(problems).toContain('SHIXU_APP_URL');
  });

  it('never shows the password in what it logs', () => {
    const c = loadMailConfig({
      SHIXU_SMTP_URL: 'smtps://user:p4ss@mail.example.test:465',
      SHIXU_SMTP_FROM: '识需 <shixu@example.test>',
    });
    expect(c?.describe).toBe('smtps://mail.example.test:465');
    expect(c?.appUrl).toBeNull();
  });
});
