// A voice note recorded in the browser (Chromium's fake microphone) goes through intake like an
// uploaded call: the recording is kept as a record of the spoken channel, and with no speech engine
// configured the page says in Chinese how to configure one.

import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  chromiumAvailable,
  ensureWebBuilt,
  screenshot,
  signIn,
  startServer,
  type TestServer,
} from './harness.js';

describe.skipIf(!chromiumAvailable())('voice note in the intake page', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    // The engines come from the environment at server start; this test is about the unconfigured case.
    delete process.env.SHIXU_ASR_ENGINE;
    server = await startServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
      headless: true,
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await context.grantPermissions(['microphone']);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, server.url, 'sales', DEMO_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('records, uploads and keeps the note, explaining that speech-to-text must be configured', async () => {
    await page.goto(`${server.url}/intake`);
    await page.getByRole('button', { name: '录制语音记录' }).click();
    const stop = page.getByRole('button', { name: /停止并分析/ });
    await expect
      .poll(async () => (await stop.textContent()) ?? '', { timeout: 10_000 })
      .toMatch(/已录 [2-9]/);
    await stop.click();
    await expect
      .poll(async () => (await page.getByRole('alert').allTextContents()).join(' '), { timeout: 60_000 })
      .toMatch(/语音转写/);
    await screenshot(page, 'voice-note-unconfigured');

    const records = await page.evaluate(async () => {
      const res = await fetch('/api/intake?pageSize=5');
      return (await res.json()) as { items: { fileName: string | null; channel: string; status: string }[] };
    });
    const note = records.items.find((r) => r.fileName?.startsWith('语音记录-'));
    expect(note).toMatchObject({ channel: 'phone_transcript', status: 'failed' });
    expect(note?.fileName).toMatch(/\.(webm|ogg|m4a)$/);
  }, 120_000);
});
