// Every loop that runs beside the HTTP API is declared here and follows the server's lifecycle:
// the intake worker, the mail sender, the sales-inbox poller and the 48-hour deadline check.
// `listen()` (serve.ts) starts them once the socket is open — a failing start stops the start-up
// with its reason — and the app's onClose hook stops them, last started first, so closing the
// server leaves no timer behind. Tests that drive buildApp() with inject() never start them.

import type { MailConfig } from '../config/config.js';
import { runDeadlineCheck, scheduleDeadlineChecks } from '../contracts/deadline-check.js';
import { MailSender } from '../contracts/mail-sender.js';
import { loadReviewConfig } from '../contracts/review-config.js';
import { FileStore } from '../intake/file-store.js';
import { MailboxPoller } from '../intake/mailbox/index.js';
import type { App, ServerContext } from './context.js';

export interface BackgroundTask {
  readonly name: string;
  start(): void | Promise<void>;
  /** Must be safe to call when start() was not (closing an app that never listened). */
  stop(): void | Promise<void>;
}

export interface BackgroundOptions {
  /** E-mail notifications; null = the in-app inbox only. */
  mail: MailConfig | null;
}

/** The loops this server runs, in start order; which ones depends on the configuration. */
export function backgroundTasks(app: App, ctx: ServerContext, opts: BackgroundOptions): BackgroundTask[] {
  const { store, config } = ctx;
  const tasks: BackgroundTask[] = [
    // pg-boss on PostgreSQL, the job table on SQLite; records queued before a restart are picked up.
    // Stopping also closes the queue connections an enqueue may have opened without a worker.
    { name: 'intake worker', start: () => ctx.intake.start(), stop: () => ctx.intake.stop() },
  ];
  if (opts.mail) {
    const sender = new MailSender({ db: store.db, config: opts.mail, log: app.log });
    const describe = opts.mail.describe;
    tasks.push({
      name: 'mail sender',
      start: () => {
        sender.start();
        app.log.info({ smtp: describe }, 'e-mail notifications on');
      },
      stop: () => sender.stop(),
    });
  }
  const imap = config.imap;
  if (imap) {
    // Its messages become intake records on the same queue.
    const poller = new MailboxPoller({
      store,
      files: new FileStore(config.uploadDir),
      config: imap,
      enqueue: (id) => ctx.intake.enqueue(id),
      log: app.log,
    });
    tasks.push({
      name: 'mailbox poller',
      start: () => {
        poller.start();
        app.log.info({ mailbox: poller.key, everySeconds: imap.pollSeconds }, 'mailbox poller on');
      },
      stop: () => poller.stop(),
    });
  }
  let stopDeadlines: (() => void) | undefined;
  tasks.push({
    name: 'deadline check',
    start: () => {
      stopDeadlines = scheduleDeadlineChecks(
        async () => runDeadlineCheck(store.db, ctx.clock(), await loadReviewConfig(store.db)),
        config.deadlineCheckSeconds * 1000,
        (err) => app.log.error({ err }, 'deadline check failed'),
      );
    },
    stop: () => {
      stopDeadlines?.();
      stopDeadlines = undefined;
    },
  });
  return tasks;
}

export class Background {
  private readonly started: BackgroundTask[] = [];
  private starting: Promise<void> | undefined;

  constructor(private readonly tasks: BackgroundTask[]) {}

  /** Names of the loops running now, in start order. */
  running(): string[] {
    return this.started.map((t) => t.name);
  }

  /** Starts every loop once; a loop that fails to start rejects (the caller closes the app). */
  start(): Promise<void> {
    this.starting ??= (async () => {
      for (const task of this.tasks) {
        await task.start();
        this.started.push(task);
      }
    })();
    return this.starting;
  }

  /** Stops every loop, the last started first; each is stopped even when another one fails. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const errors: unknown[] = [];
    for (const task of [...this.tasks].reverse()) {
      try {
        await task.stop();
      } catch (err) {
        errors.push(err);
      }
    }
    this.started.length = 0;
    this.starting = undefined;
    if (errors.length > 0) throw errors[0];
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's loops: `listen()` starts them, closing the app stops them. */
    background: Background;
  }
}

/** Ties the loops to the app (`app.background`): stopped when it closes. */
export function registerBackground(app: App, ctx: ServerContext, opts: BackgroundOptions): void {
  const background = new Background(backgroundTasks(app, ctx, opts));
  app.decorate('background', background);
  app.addHook('onClose', () => background.stop());
}
