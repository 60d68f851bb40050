// Runs the application on a socket until SIGINT/SIGTERM, then shuts down in order: stop
// accepting connections, let in-flight requests finish, stop the background loops (background.ts),
// close the database.
import pino from 'pino';
import type { Config } from '../config/config.js';
import { createEngines } from '../intake/engines.js';
import { FileStore } from '../intake/file-store.js';
import { IntakeJobs } from '../jobs/intake-jobs.js';
import type { Store } from '../store/connect.js';
import { buildApp } from './app.js';
import type { App } from './context.js';

const INTAKE_MEDIA_TIMEOUT_MS = 30 * 60_000;

export interface RunningServer {
  app: App;
  url: string;
  /** Resolves once the server has shut down (signal or stop()). */
  closed: Promise<void>;
  stop(): Promise<void>;
}

export async function listen(
  config: Config,
  store: Store,
  opts: { handleSignals?: boolean; closeStore?: boolean } = {},
): Promise<RunningServer> {
  const logger = pino({
    level: config.logLevel,
    redact: ['req.headers.cookie', 'res.headers["set-cookie"]'],
  });
  const mail = config.mail;
  // OCR and speech run inside intake jobs; a page or a recording takes far longer than a document.
  const engines = createEngines(config.engines);
  const intake = new IntakeJobs({
    store,
    files: new FileStore(config.uploadDir),
    engines,
    limits: { timeoutMs: INTAKE_MEDIA_TIMEOUT_MS },
  });
  const app = await buildApp({ config, store, logger, intake, mail });
  let url: string;
  try {
    const address = await app.listen({ port: config.port, host: config.host });
    const port = new URL(address).port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
    // The intake worker, mail sender, mailbox poller and deadline check (src/server/background.ts);
    // app.close() stops them.
    await app.background.start();
  } catch (err) {
    await app.close();
    await engines.close();
    throw err;
  }

  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => {
    resolveClosed = r;
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      try {
        await app.close();
        await engines.close();
      } finally {
        if (opts.closeStore !== false) await store.close();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolveClosed();
      }
    })();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    void stop();
  };
  if (opts.handleSignals !== false) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { app, url, closed, stop };
}
