// The real `shixu` binary: `serve` starts and answers, bad configuration fails with one clear message.

import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { createSqliteFile } from '../support/databases.js';

const ROOT = path.resolve('.');
const BIN = path.join(ROOT, 'bin/shixu.js');
const ENTRY = path.join(ROOT, 'dist/cli/main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) {
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/ (other modules' type errors do not stop emission). */
function ensureBuilt(): void {
  const stale = !fs.existsSync(ENTRY) || fs.statSync(ENTRY).mtimeMs < newestMtime(path.join(ROOT, 'src'));
  if (stale)
    spawnSync('npm', ['run', 'build'], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  for (const f of ['dist/cli/main.js', 'dist/server/app.js', 'dist/cli/commands/serve.js']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`build did not produce ${f}`);
  }
}

/** Environment without the developer's own database or port settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'PORT', 'HOST', 'SHIXU_DATA_DIR', 'SHIXU_DEMO', 'LOG_LEVEL'])
    delete env[k];
  return { ...env, LOG_LEVEL: 'warn', ...extra };
}

function runCli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: cleanEnv(env),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  ensureBuilt();
}, 180_000);

describe('shixu serve (built process)', () => {
  const db = createSqliteFile();
  let child: ChildProcess | undefined;
  let baseUrl = '';
  let output = '';

  beforeAll(async () => {
    child = spawn(process.execPath, [BIN, 'serve', '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: cleanEnv({ PORT: '0', DATABASE_URL: `sqlite:${db.file}`, SHIXU_DEMO: '1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    baseUrl = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        const m = /Shixu is running at (http:\/\/\S+)/.exec(output);
        if (m) resolve(m[1]!);
      });
      child!.stderr!.on('data', (d: Buffer) => {
        output += d.toString();
      });
      child!.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    db.remove();
  });

  it('prints its address in Chinese and English and answers health and docs', async () => {
    expect(output).toMatch(/识需已启动：http:\/\/127\.0\.0\.1:\d+/);
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
    const ready = await fetch(`${baseUrl}/api/ready`);
    expect(ready.status).toBe(200);
    const docs = await fetch(`${baseUrl}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('created the demo company on the empty database, so a demo account can sign in', async () => {
    expect(output).toMatch(/演示账号 \/ demo accounts: .*admin/);
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${baseUrl}/api/health`)).rejects.toThrow();
  });
});

describe('shixu with bad configuration', () => {
  it('names an unsupported DATABASE_URL and exits non-zero', () => {
    const r = runCli(['serve'], { DATABASE_URL: 'mysql://x' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('DATABASE_URL');
    expect(r.stderr).toMatch(/postgres:\/\//);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names the unreachable database target', () => {
    const r = runCli(['serve'], { DATABASE_URL: 'postgres://127.0.0.1:1/x' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('127.0.0.1:1');
    expect(r.stderr).toMatch(/无法连接数据库|cannot reach database/);
  });

  it('names an invalid PORT', () => {
    const r = runCli(['serve'], { PORT: 'abc' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/PORT.*整数|PORT.*integer/);
  });

  it('refuses an invalid --port option the same way', () => {
    const r = runCli(['serve', '--port', '99999'], { DATABASE_URL: 'sqlite::memory:' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('PORT');
  });
});

describe('shixu user', () => {
  const db = createSqliteFile();
  const env = { DATABASE_URL: `sqlite:${db.file}` };
  afterAll(() => db.remove());

  it('adds a user from stdin, refuses a weak password, lists users and changes a password', () => {
    const run = (args: string[], input: string) =>
      execFileSync(process.execPath, [BIN, ...args], {
        cwd: ROOT,
        env: cleanEnv(env),
        input,
        encoding: 'utf8',
      });
    expect(
      run(
        ['user', 'add', 'zhang.san', '--department', 'technical', '--name', '张三', '--password-stdin'],
        'good-password\n',
      ),
    ).toContain('已创建用户 zhang.san');
    const weak = spawnSync(
      process.execPath,
      [BIN, 'user', 'add', 'li.si', '--department', 'sales', '--password-stdin'],
      {
        cwd: ROOT,
        env: cleanEnv(env),
        input: 'short\n',
        encoding: 'utf8',
      },
    );
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toMatch(/至少需要 10 个字符/);
    const bad = runCli(['user', 'add', 'li.si', '--department', 'marketing', '--password-stdin'], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('marketing');
    const list = run(['user', 'list'], '');
    expect(list).toContain('zhang.san');
    expect(list).toContain('张三');
    expect(list).not.toContain('li.si');
    expect(run(['user', 'passwd', 'zhang.san', '--password-stdin'], 'another-good-one\n')).toContain(
      'zhang.san',
    );
    const missing = spawnSync(process.execPath, [BIN, 'user', 'passwd', 'nobody', '--password-stdin'], {
      cwd: ROOT,
      env: cleanEnv(env),
      input: 'another-good-one\n',
      encoding: 'utf8',
    });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('nobody');
  });
});
