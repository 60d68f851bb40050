// The CLI loads a command's module only when that command runs: `shixu --help` must answer without
// pulling in the server, the database drivers or the analysis (it took 1.7 s when it did), and
// every command the overview lists must still be the one its module registers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { requestedCommand } from '../../src/cli/main.js';

const ROOT = path.resolve('.');
const ENTRY = path.join(ROOT, 'test/support/cli-entry.ts');
const RECORD = path.join(ROOT, 'test/support/record-imports.mjs');
const CATALOG = path.join(ROOT, 'test/fixtures/dev-corpus/catalog.csv');

/** Runs `shixu args…` as a process from the sources and returns what it printed and every module it loaded. */
function shixuLoading(args: string[]) {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-imports-')), 'imports.txt');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', RECORD, ENTRY, ...args], {
    cwd: ROOT,
    env: { ...process.env, SHIXU_IMPORT_LOG: log, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const loaded = fs.existsSync(log) ? [...new Set(fs.readFileSync(log, 'utf8').split('\n'))] : [];
  fs.rmSync(path.dirname(log), { recursive: true, force: true });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, loaded };
}

const under = (loaded: string[], part: string) => loaded.filter((url) => url.includes(part));

describe('shixu --help', { timeout: 180_000 }, () => {
  it('lists every command without loading the server, the database or the analysis', () => {
    const r = shixuLoading(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS)
      expect(r.stdout).toMatch(new RegExp(`^  ${c.name} +${c.summary.slice(0, 4)}`, 'm'));
    expect(r.loaded.length).toBeGreaterThan(0); // the recorder worked
    for (const part of [
      '/src/server/',
      '/src/store/',
      '/src/analysis/',
      '/src/cli/commands/serve',
      'fastify',
      'kysely',
      'better-sqlite3',
      '/pg/',
    ])
      expect(under(r.loaded, part), part).toEqual([]);
  });

  it('analyses one message from files without loading the server or a database driver', () => {
    const r = shixuLoading(['analyze', '-', '--ref-date', '2026-11-28', '--catalog', CATALOG]);
    // No stdin: the command refuses the empty input, after loading what analysing needs.
    expect(r.stderr).toMatch(/输入为空|input is empty/);
    expect(r.code).toBe(1);
    expect(under(r.loaded, '/src/analysis/analyze.ts')).toHaveLength(1);
    for (const part of ['/src/server/', 'fastify', 'kysely', 'better-sqlite3', 'exceljs'])
      expect(under(r.loaded, part), part).toEqual([]);
  });

  it('names a mistyped command and suggests the right one', () => {
    const r = shixuLoading(['analyse']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'analyse'");
    expect(r.stderr).toContain('analyze');
  });
});

// Importing every command module through Vitest's transform takes a while on a busy machine.
describe('the command list', { timeout: 180_000 }, () => {
  it('finds the command a line names, also after `help`', () => {
    expect(requestedCommand(['analyze', 'x.txt', '--ref-date', '2026-01-01'])?.name).toBe('analyze');
    expect(requestedCommand(['--help', 'restore'])?.name).toBe('restore');
    expect(requestedCommand(['help', 'kpi'])?.name).toBe('kpi');
    expect(requestedCommand(['--help'])).toBeUndefined();
    expect(requestedCommand(['analyse'])).toBeUndefined();
  });

  it('names exactly the top-level commands the modules register, each loading its own', async () => {
    const registered = new Set<string>();
    for (const entry of COMMANDS) {
      const program = new Command('shixu');
      (await entry.load())(program, { setExit: () => undefined });
      const names = program.commands.map((c) => c.name());
      expect(names, entry.name).toContain(entry.name);
      for (const n of names) registered.add(n);
    }
    expect([...registered].sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    expect(COMMANDS.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name).sort());
  });
});
