// The server side of the web application: built files at /, index.html for client-side paths,
// a Chinese explanation when the application has not been built, problem+json for unknown /api.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App, ServerContext } from '../../src/server/context.js';
import { errorHandler, notFoundHandler } from '../../src/server/problem.js';
import { webStaticRoutesFor } from '../../src/server/web-static.js';
import { appFor } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';

async function appServing(dir: string): Promise<App> {
  const app = Fastify() as unknown as App;
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  await webStaticRoutesFor(dir)(app, {} as ServerContext);
  await app.ready();
  return app;
}

describe('web application served by the Shixu server', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-web-'));
  const outside = path.join(path.dirname(dir), `${path.basename(dir)}-secret.txt`);
  let app: App;

  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root">识需</div>');
    fs.writeFileSync(path.join(dir, 'assets/index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
    fs.writeFileSync(outside, 'secret');
    app = await appServing(dir);
  });

  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { force: true });
  });

  it('serves index.html at / and for client-side paths, revalidated on every load', async () => {
    for (const url of ['/', '/intake', '/rules/special-1?tab=history']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">识需</div>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache lifetime and other files without', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['cache-control']).toContain('immutable');
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).not.toContain('immutable');
  });

  it('answers unknown /api paths with problem+json 404, never with the application', async () => {
    for (const url of ['/api/nothing-here', '/api']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    }
  });

  it('never serves a file outside the build directory', async () => {
    const res = await app.inject({ method: 'GET', url: `/..%2F${path.basename(outside)}` });
    expect(res.body).not.toContain('secret');
    const dotted = await app.inject({ method: 'GET', url: `/../${path.basename(outside)}` });
    expect(dotted.body).not.toContain('secret');
  });
});

describe('web application not built yet', () => {
  it('explains in Chinese how to build it, and the API still answers problem+json', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-web-empty-'));
    const app = await appServing(path.join(empty, 'dist'));
    try {
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('npm run build');
      expect(res.body).toContain('网页界面尚未构建');
      const deep = await app.inject({ method: 'GET', url: '/ledger' });
      expect(deep.body).toContain('npm run build');
      const api = await app.inject({ method: 'GET', url: '/api/missing' });
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toContain('application/problem+json');
    } finally {
      await app.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describeEachDatabase('the full application with the web routes', (db) => {
  it('never answers an /api path with the web page, and answers page paths with HTML', async () => {
    const app = await appFor(db.store());
    try {
      // Without a session every /api path, known or not, is refused before routing can tell them apart.
      for (const url of ['/api/no-such-thing', '/API/ledger', '//api/contracts']) {
        const api = await app.inject({ method: 'GET', url });
        expect(api.statusCode, url).toBe(401);
        expect(api.headers['content-type']).toContain('application/problem+json');
      }
      const post = await app.inject({ method: 'POST', url: '/ledger', payload: {} });
      expect(post.statusCode).toBe(404);
      const page = await app.inject({ method: 'GET', url: '/ledger' });
      expect(page.headers['content-type']).toContain('text/html');
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.json()).toMatchObject({ status: 'ok' });
    } finally {
      await app.close();
    }
  });
});
