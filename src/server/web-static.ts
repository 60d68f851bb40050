// Serves the built web application (web/dist) at / with a single-page-app fallback: any GET that
// is not an /api path and not a file gets index.html, so deep links such as /rules/special-1 work
// after a reload. /api/* paths that match no route still answer problem+json 404.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { isApiPath } from '../auth/request-path.js';
import type { RouteModule } from './context.js';

/** web/dist seen from both src/server (tsx) and dist/server (built): two levels below the root. */
export const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>识需 Shixu — 网页界面尚未构建</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.6">
<h1>网页界面尚未构建</h1>
<p>请在项目目录运行 <code>npm run build</code>，然后重新启动服务（<code>npm start</code>）。</p>
<p lang="en">The web interface has not been built yet: run <code>npm run build</code> and restart the server.
The API is available at <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

/** Hashed build assets never change under the same name; everything else must be revalidated. */
function isHashedAsset(rel: string): boolean {
  return rel.startsWith('assets/');
}

/** The file under `root` a URL path names, or null when it names none (or tries to leave root). */
function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const rel = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (rel === '' || rel.startsWith('..') || rel.includes('\0')) return null;
  const full = path.join(root, rel);
  if (!full.startsWith(root + path.sep)) return null;
  try {
    return fs.statSync(full).isFile() ? rel : null;
  } catch {
    return null;
  }
}

export function webStaticRoutesFor(webDir: string): RouteModule {
  const root = path.resolve(webDir);
  return async (app) => {
    // serve: false — this module decides per request between a file, index.html and a 404,
    // because the static plugin's own wildcard would send unknown /api paths to index.html.
    await app.register(fastifyStatic, { root, serve: false });

    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const urlPath = request.url.split('?')[0] ?? '/';
      if (isApiPath(urlPath)) return reply.callNotFound();
      if (!fs.existsSync(path.join(root, 'index.html'))) {
        return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
      }
      const rel = fileFor(root, urlPath);
      if (rel && rel !== 'index.html') {
        return isHashedAsset(rel)
          ? reply.sendFile(rel, { maxAge: '365d', immutable: true })
          : reply.sendFile(rel, { maxAge: 0 });
      }
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', { maxAge: 0, cacheControl: false });
    });
  };
}

/** The web application of this installation (web/dist next to src/ and dist/). */
export const webStaticRoutes: RouteModule = webStaticRoutesFor(DEFAULT_WEB_DIR);
