// The sales-inbox poller against a real IMAP server (hoodiecrow, in process): messages become intake
// records through the upload path and reach the analysis; nothing is taken twice, not after a failed
// store, a wrong password or a UIDVALIDITY reset; the status is served to admin and sales.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { main } from '../../src/cli/main.js';
import { ConfigError, type ImapConfig, loadConfig } from '../../src/config/config.js';
import { FileStore } from '../../src/intake/file-store.js';
import { listIntakes } from '../../src/intake/intake-repository.js';
import { getMailboxStatus, MailboxPoller } from '../../src/intake/mailbox/index.js';
import { IntakeJobs } from '../../src/jobs/intake-jobs.js';
import { buildApp } from '../../src/server/app.js';
import { listen } from '../../src/server/serve.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { seedCorpusMasterData } from '../rules/store-support.js';
import { login, testConfig } from '../server/helpers.js';
import { captureOutput } from '../support/capture-output.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  freePort,
  type ImapTestServer,
  mime,
  type StoredMessage,
  startImap,
  stopImap,
} from '../support/imap.js';
import { waitForIntake } from '../support/intake.js';
import * as f from './fixtures.js';

// Set by the CLI test; removed afterwards so later test files see a clean environment.
const CLI_ENV = [
  'DATABASE_URL',
  'SHIXU_DATA_DIR',
  'SHIXU_IMAP_HOST',
  'SHIXU_IMAP_PORT',
  'SHIXU_IMAP_SECURE',
  'SHIXU_IMAP_USER',
  'SHIXU_IMAP_PASSWORD',
] as const;

describe('IMAP configuration', () => {
  it('is off without a host and has the documented defaults with one', () => {
    expect(loadConfig({}).imap).toBeNull();
    expect(
      loadConfig({ SHIXU_IMAP_HOST: 'imap.example.com', SHIXU_IMAP_USER: 'u', SHIXU_IMAP_PASSWORD: 'p' })
        .imap,
    ).toEqual({
      host: 'imap.example.com',
      port: 993,
      secure: true,
      user: 'u',
      password: 'p',
      mailbox: 'INBOX',
      pollSeconds: 60,
    });
  });

  it('names every wrong variable at once', () => {
    let problems: string[] = [];
    try {
      loadConfig({
        SHIXU_IMAP_HOST: 'imap.example.com',
        SHIXU_IMAP_PORT: 'x',
        SHIXU_IMAP_SECURE: 'yes',
        SHIXU_IMAP_POLL_SECONDS: '1',
      });
    } catch (err) {
      if (err instanceof ConfigError) problems = err.problems;
    }
    for (const name of [
      'SHIXU_IMAP_PORT',
      'SHIXU_IMAP_SECURE',
      'SHIXU_IMAP_POLL_SECONDS',
      'SHIXU_IMAP_USER',
      'SHIXU_IMAP_PASSWORD',
    ])
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    expect(problems.find((p) => p.startsWith('SHIXU_IMAP_USER'))).toMatch(/必须设置.*required/);
  });
});

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describeEachDatabase('IMAP mailbox poller', (t) => {
  const io = captureOutput();
  let dir: string;
  let files: FileStore;
  let jobs: IntakeJobs;
  let port: number;
  let imap: ImapTestServer;
  let messages: StoredMessage[];
  let cfg: ImapConfig;

  const poller = (over: Partial<ImapConfig> = {}, store = files) =>
    new MailboxPoller({
      store: t.store(),
      files: store,
      config: { ...cfg, ...over },
      enqueue: (id) => jobs.enqueue(id),
    });
  const emailRecords = async () => (await listIntakes(t.store().db, { channel: 'email' })).items;

  /** A second IMAP client, as a person at the mailbox would be. */
  async function imapClient(): Promise<ImapFlow> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: 'sales', pass: 'pw' },
      logger: false,
    });
    await client.connect();
    return client;
  }

  async function seenFlags(): Promise<Map<number, boolean>> {
    const client = await imapClient();
    await client.mailboxOpen('INBOX');
    const seen = new Map<number, boolean>();
    for await (const m of client.fetch('1:*', { uid: true, flags: true }, { uid: true }))
      seen.set(m.uid, m.flags?.has('\\Seen') ?? false);
    await client.logout();
    return seen;
  }

  async function append(raw: string): Promise<void> {
    const client = await imapClient();
    await client.append('INBOX', Buffer.from(raw, 'binary'));
    await client.logout();
    messages.push({ raw, flags: [] });
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-mailbox-'));
    files = new FileStore(path.join(dir, 'uploads'));
    await seedCorpusMasterData(t.store());
    jobs = new IntakeJobs({ store: t.store(), files }, { pollMs: 50 });
    await jobs.start();
    port = await freePort();
    messages = [
      {
        raw: await mime({
          subject: '询价：控制臂支架',
          messageId: '<order-1@kaitu-auto.cn>',
          text: '请报价 6061-T6 控制臂支架 MP-202 共 800 件，月底前交货。',
        }),
        flags: [],
      },
      {
        raw: await mime({
          subject: '采购订单 PO-20260311-07',
          messageId: '<order-2@kaitu-auto.cn>',
          text: '李经理，您好：订单见附件，请确认。',
          attachments: [
            { filename: '采购订单.docx', content: Buffer.from(f.orderDocx()), contentType: DOCX },
          ],
        }),
        flags: [],
      },
    ];
    imap = await startImap(port, messages);
    cfg = {
      host: '127.0.0.1',
      port,
      secure: false,
      user: 'sales',
      password: 'pw',
      mailbox: 'INBOX',
      pollSeconds: 60,
    };
  });
  afterAll(async () => {
    await jobs.stop();
    await stopImap(imap);
    for (const name of CLI_ENV) delete process.env[name];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes both messages as e-mail intake records that are analysed, and marks them seen', async () => {
    const result = await poller().pollOnce();
    expect(result).toEqual({ taken: 2, duplicates: 0, error: null });
    const records = await emailRecords();
    expect(records.map((r) => r.fileName).sort()).toEqual([
      '询价：控制臂支架.eml',
      '采购订单 PO-20260311-07.eml',
    ]);

    const plainId = records.find((r) => r.fileName?.startsWith('询价'))!.id;
    const plain = await waitForIntake(t.store().db, plainId);
    expect(plain).toMatchObject({ status: 'done', channel: 'email', mediaType: 'message/rfc822' });
    expect(plain.text).toContain('控制臂支架 MP-202 共 800 件');
    expect(plain.analysis!.items[0]).toMatchObject({ quantity: { value: 800 } });

    const docId = records.find((r) => r.fileName?.startsWith('采购订单'))!.id;
    const withDocx = await waitForIntake(t.store().db, docId);
    expect(withDocx.status).toBe('done');
    const at = withDocx.text!.indexOf('5000');
    expect(at).toBeGreaterThan(-1);
    expect(
      withDocx.provenance!.some(
        (s) =>
          s.start <= at && s.end > at && s.source.kind === 'table-cell' && s.source.file === '采购订单.docx',
      ),
    ).toBe(true);
    const items = withDocx.analysis!.items;
    expect(items.some((i) => i.product?.includes('控制臂支架') && i.quantity?.value === 5000)).toBe(true);

    expect([...(await seenFlags()).values()]).toEqual([true, true]);
    const status = await getMailboxStatus(t.store().db, cfg);
    expect(status).toMatchObject({
      configured: true,
      lastTaken: 2,
      messagesTaken: 2,
      lastUid: 2,
      lastError: null,
    });
  });

  it('takes nothing new on the next poll', async () => {
    expect(await poller().pollOnce()).toEqual({ taken: 0, duplicates: 0, error: null });
    expect(await emailRecords()).toHaveLength(2);
  });

  it('keeps a message whose record could not be stored, and takes it on the next poll', async () => {
    await append(
      await mime({
        subject: '追加订单',
        messageId: '<order-3@kaitu-auto.cn>',
        text: '追加转向节 HR-ZXJ-6061-11 共 300 件，4 月 30 日前交货。',
      }),
    );
    // An upload directory that cannot be created (a file stands in its way): the store fails mid-take.
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, '');
    const broken = await poller({}, new FileStore(path.join(blocker, 'uploads'))).pollOnce();
    expect(broken.taken).toBe(0);
    expect(broken.error?.code).toBe('other');
    expect(await emailRecords()).toHaveLength(2);
    expect((await seenFlags()).get(3)).toBe(false);
    expect((await getMailboxStatus(t.store().db, cfg)).lastUid).toBe(2);

    expect(await poller().pollOnce()).toEqual({ taken: 1, duplicates: 0, error: null });
    const records = await emailRecords();
    expect(records).toHaveLength(3);
    const third = await waitForIntake(t.store().db, records.find((r) => r.fileName === '追加订单.eml')!.id);
    expect(third.text).toContain('转向节 HR-ZXJ-6061-11 共 300 件');
    expect((await seenFlags()).get(3)).toBe(true);
    expect(await getMailboxStatus(t.store().db, cfg)).toMatchObject({
      messagesTaken: 3,
      lastUid: 3,
      lastError: null,
    });
  });

  it('keeps a wrong password as the status error and creates no record', async () => {
    const result = await poller({ password: 'wrong' }).pollOnce();
    expect(result.taken).toBe(0);
    expect(result.error).toMatchObject({ code: 'auth' });
    const status = await getMailboxStatus(t.store().db, cfg);
    expect(status.lastError?.zh).toContain('邮箱登录失败');
    expect(status.lastError?.zh).toContain('SHIXU_IMAP_PASSWORD');
    expect(status.lastError?.en).toContain('IMAP login failed');
    expect(await emailRecords()).toHaveLength(3);

    const refused = await poller({ port: await freePort() }).pollOnce();
    expect(refused.error).toMatchObject({ code: 'connect' });
    expect(refused.error?.zh).toContain('无法连接邮件服务器');
  });

  it('serves the status to admin and sales, not to other departments', async () => {
    const app = await buildApp({
      config: testConfig({
        SHIXU_IMAP_HOST: '127.0.0.1',
        SHIXU_IMAP_PORT: String(port),
        SHIXU_IMAP_SECURE: 'false',
        SHIXU_IMAP_USER: 'sales',
        SHIXU_IMAP_PASSWORD: 'pw',
      }),
      store: t.store(),
    });
    try {
      const cookie: Record<string, string> = {};
      for (const department of ['admin', 'sales', 'technical']) {
        await createUser(
          t.store().db,
          { username: `mb-${department}`, password: `pw-${department}-123`, department },
          SYSTEM_ACTORS.cli,
        );
        cookie[department] = await login(app, `mb-${department}`, `pw-${department}-123`);
      }
      const get = (d: string) =>
        app.inject({ method: 'GET', url: '/api/intake/mailbox', headers: { cookie: cookie[d]! } });
      const res = await get('sales');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        configured: true,
        mailbox: `sales@127.0.0.1:${port}/INBOX`,
        messagesTaken: 3,
        lastError: { zh: expect.stringContaining('邮箱登录失败') },
      });
      expect((await get('admin')).statusCode).toBe(200);
      expect((await get('technical')).statusCode).toBe(403);
      const docs = await app.inject({ method: 'GET', url: '/api/docs/json' });
      expect(docs.json().paths['/api/intake/mailbox']).toBeDefined();
    } finally {
      await app.close();
    }
  });

  it('starts over without duplicates when UIDVALIDITY changes', async () => {
    await stopImap(imap);
    // The server renumbered the mailbox (restored from a backup): same messages, new UIDs, one new.
    const renumbered = [
      ...messages.slice().reverse(),
      {
        raw: await mime({
          subject: '',
          messageId: '<order-4@kaitu-auto.cn>',
          text: '请报价 MP-202 控制臂支架 200 件。',
        }),
        flags: [],
      },
    ];
    imap = await startImap(port, renumbered, 7);
    messages = renumbered;
    expect(await poller().pollOnce()).toEqual({ taken: 1, duplicates: 3, error: null });
    const records = await emailRecords();
    expect(records).toHaveLength(4);
    expect(records.map((r) => r.fileName)).toContain('mail-4.eml');
    expect(await getMailboxStatus(t.store().db, cfg)).toMatchObject({
      uidValidity: '7',
      lastUid: 4,
      messagesTaken: 4,
    });
    expect([...(await seenFlags()).values()].every(Boolean)).toBe(true);
    expect(await poller().pollOnce()).toEqual({ taken: 0, duplicates: 0, error: null });
  });

  it('is polled by the running server, whose worker analyses what it takes', async () => {
    await append(
      await mime({
        subject: '加急',
        messageId: '<order-6@kaitu-auto.cn>',
        text: '控制臂支架 MP-202 加急 100 件。',
      }),
    );
    const server = await listen(
      testConfig({
        SHIXU_DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        SHIXU_IMAP_HOST: '127.0.0.1',
        SHIXU_IMAP_PORT: String(port),
        SHIXU_IMAP_SECURE: 'false',
        SHIXU_IMAP_USER: 'sales',
        SHIXU_IMAP_PASSWORD: 'pw',
      }),
      t.store(),
      { handleSignals: false, closeStore: false },
    );
    try {
      const deadline = Date.now() + 20_000;
      let record = (await emailRecords()).find((r) => r.fileName === '加急.eml');
      while (!record && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        record = (await emailRecords()).find((r) => r.fileName === '加急.eml');
      }
      expect(record).toBeDefined();
      expect((await waitForIntake(t.store().db, record!.id)).status).toBe('done');
    } finally {
      await server.stop();
    }
  });

  it('`shixu mailbox poll` takes new mail and fails with the reason', async () => {
    await append(
      await mime({ subject: '样品', messageId: '<order-5@kaitu-auto.cn>', text: '请寄样品 5 件。' }),
    );
    Object.assign(process.env, {
      DATABASE_URL: t.config.kind === 'sqlite' ? `sqlite:${t.config.file}` : t.config.url,
      SHIXU_DATA_DIR: dir,
      SHIXU_IMAP_HOST: '127.0.0.1',
      SHIXU_IMAP_PORT: String(port),
      SHIXU_IMAP_SECURE: 'false',
      SHIXU_IMAP_USER: 'sales',
      SHIXU_IMAP_PASSWORD: 'pw',
    });
    expect(await main(['mailbox', 'poll'])).toBe(0);
    expect(io.out).toContain('收取 1 封新邮件');
    expect(await emailRecords()).toHaveLength(6);

    process.env.SHIXU_IMAP_PASSWORD = 'wrong';
    io.out = '';
    expect(await main(['mailbox', 'poll'])).toBe(1);
    expect(io.out).toContain('收取 0 封新邮件');
    expect(io.err).toContain('邮箱登录失败');

    io.out = '';
    expect(await main(['mailbox', 'status'])).toBe(0);
    expect(io.out).toContain(`sales@127.0.0.1:${port}/INBOX`);
    expect(io.out).toContain('累计收取 messages taken: 6');
    expect(io.out).toContain('邮箱登录失败');
    expect(await emailRecords()).toHaveLength(6);
  });
});
