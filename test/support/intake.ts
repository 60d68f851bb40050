// Background intake as the tests drive it: a server with the intake worker and a signed-in
// salesperson, and waiting for the work the way a client does, by reading the record until it ends.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { engineConfigFromEnv } from '../../src/config/config.js';
import { createEngines, type Engines } from '../../src/intake/engines.js';
import { FileStore } from '../../src/intake/file-store.js';
import { getIntake } from '../../src/intake/intake-repository.js';
import { IntakeJobs } from '../../src/jobs/intake-jobs.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import type { Store } from '../../src/store/connect.js';
import type { Database } from '../../src/store/schema.js';
import { multipartFile } from '../rules/store-support.js';
import { asBrowser, login, testConfig } from '../server/helpers.js';

export async function waitForIntake(db: Kysely<Database>, id: string, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const record = await getIntake(db, id);
    if (record && (record.status === 'done' || record.status === 'failed')) return record;
    if (Date.now() > end) throw new Error(`intake ${id} still ${record?.status ?? 'missing'} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface IntakeServer {
  app: App;
  /** A salesperson's session cookie. */
  cookie: string;
  /** Posts one file to POST /api/intake as a browser would; answers the queued record's id. */
  upload(fileName: string, bytes: Uint8Array, mediaType?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The HTTP app with the background intake worker running on the engines `engineEnv` configures
 * (as SHIXU_OCR_* / SHIXU_ASR_* would), over its own data directory, with a salesperson signed in.
 */
export async function startIntakeServer(
  store: Store,
  engineEnv: NodeJS.ProcessEnv,
  name: string,
): Promise<IntakeServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `shixu-${name}-`));
  const config = testConfig({ SHIXU_DATA_DIR: dataDir });
  const engines: Engines = createEngines(engineConfigFromEnv(engineEnv));
  const intake = new IntakeJobs(
    { store, files: new FileStore(config.uploadDir), engines, limits: { timeoutMs: 300_000 } },
    { pollMs: 50 },
  );
  const app = asBrowser(await buildApp({ config, store, intake }));
  await intake.start();
  const username = `${name}-sales`;
  const password = `pw-${name}-123`;
  await createUser(store.db, { username, password, department: 'sales' }, SYSTEM_ACTORS.cli);
  const cookie = await login(app, username, password);
  return {
    app,
    cookie,
    async upload(fileName, bytes, mediaType = 'application/octet-stream') {
      const body = multipartFile('file', fileName, Buffer.from(bytes), mediaType);
      const res = await app.inject({
        method: 'POST',
        url: '/api/intake',
        headers: { cookie, ...body.headers },
        payload: body.payload,
      });
      expect(res.statusCode, res.body).toBe(202);
      return res.json().id as string;
    },
    async close() {
      await app.close();
      await engines.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
