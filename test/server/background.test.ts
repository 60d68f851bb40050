// The server's background loops (src/server/background.ts) live and die with it: a listening server
// runs the intake worker, the mail sender, the mailbox poller and the 48-hour deadline check, and
// closing it stops them all, leaving no timer of ours behind — an operator's `shixu serve` exits on
// SIGTERM instead of hanging, and a restarted server does not run two of each.
import { createHook } from 'node:async_hooks';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { listen } from '../../src/server/serve.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, testConfig } from './helpers.js';

const SRC = `${path.resolve('src')}${path.sep}`;

/**
 * Timers created by the project's own code (the first caller outside Node's internals is a file
 * under src/) that are still armed. Timers of libraries (a database pool's idle timeout) are theirs.
 */
function watchOwnTimers() {
  const live = new Map<number, string>();
  const hook = createHook({
    init(id, type) {
      if (type !== 'Timeout') return;
      // The frame that called setTimeout/setInterval.
      const frames = new Error().stack?.split('\n') ?? [];
      const at = frames.findIndex((f) => /at (setTimeout|setInterval) /.test(f));
      const caller = at >= 0 ? frames[at + 1] : undefined;
      if (caller?.includes(SRC) && !caller.includes('node_modules')) live.set(id, caller.trim());
    },
    destroy(id) {
      live.delete(id);
    },
  }).enable();
  return { live: () => [...live.values()], stop: () => hook.disable() };
}

/** A port nothing listens on: the mailbox poller's connection is refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describeEachDatabase('background loops', (t) => {
  let dir: string;
  const mailEnv = { SHIXU_SMTP_URL: 'smtp://127.0.0.1:1', SHIXU_SMTP_FROM: 'shixu@example.com' };
  // The mail settings reach the server through its configuration, the one reader of the environment.
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-background-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs none of them in an app that never listens (tests driving inject())', async () => {
    const app = await appFor(t.store());
    try {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect(app.background.running()).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('starts every configured loop when the server listens and stops them all when it closes', async () => {
    const timers = watchOwnTimers();
    const config = testConfig({
      ...mailEnv,
      SHIXU_DATA_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      SHIXU_IMAP_HOST: '127.0.0.1',
      SHIXU_IMAP_PORT: String(await closedPort()),
      SHIXU_IMAP_SECURE: 'false',
      SHIXU_IMAP_USER: 'sales',
      SHIXU_IMAP_PASSWORD: DEMO_PASSWORD,
    });
    const server = await listen(config, t.store(), { handleSignals: false, closeStore: false });
    try {
      expect(server.app.background.running()).toEqual([
        'intake worker',
        'mail sender',
        'mailbox poller',
        'deadline check',
      ]);
      // The mail sender's and the deadline check's intervals at least are armed.
      expect(timers.live().length).toBeGreaterThanOrEqual(2);

      await server.app.close();
      expect(server.app.background.running()).toEqual([]);
      // A poll that was under way when the app closed may arm nothing more; give it a moment.
      const deadline = Date.now() + 5_000;
      while (timers.live().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(timers.live()).toEqual([]);
      expect((await fetch(`${server.url}/api/health`).catch((e: Error) => e)) instanceof Error).toBe(true);
    } finally {
      timers.stop();
      await server.stop();
    }
  });
});
