// The docs-path check (scripts/check-doc-paths.ts) that `npm run lint` runs in CI: every file the
// guidance names exists in this repository, and a page naming a removed file fails with its line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDocPaths, guidanceDocs, namedPaths } from '../../scripts/check-doc-paths.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-docs-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('docs-path check', () => {
  it('passes on this repository, whose guidance names many files', () => {
    const root = path.resolve('.');
    expect(checkDocPaths(root)).toEqual([]);
    expect(guidanceDocs(root)).toContain('ARCHITECTURE.md');
    const named = guidanceDocs(root).flatMap((d) => namedPaths(fs.readFileSync(path.join(root, d), 'utf8')));
    expect(named.length).toBeGreaterThan(100);
  });

  it('fails a page naming a file that is gone, in backticks, bare or as a link', () => {
    const root = project({
      'src/intake/extract.ts': '',
      'docs/intake.md': [
        '# Intake',
        '| `src/intake/extract.ts` | the dispatcher |',
        '| `src/intake/intake-worker.ts` | the worker |',
        'See docs/missing.md and [jobs](jobs.md), or `src/intake/extract.ts:12` (line numbers are fine).',
      ].join('\n'),
      'ARCHITECTURE.md':
        'Built app in `web/dist/`; tests in `test/**`; `npm run lint` checks `scripts/gone.ts --flag`.\n',
    });
    expect(checkDocPaths(root)).toEqual([
      { doc: 'ARCHITECTURE.md', line: 1, path: 'scripts/gone.ts' },
      { doc: 'docs/intake.md', line: 3, path: 'src/intake/intake-worker.ts' },
      { doc: 'docs/intake.md', line: 4, path: 'docs/missing.md' },
      { doc: 'docs/intake.md', line: 4, path: 'docs/jobs.md' },
    ]);
  });

  it('does not read URLs or paths inside other paths as project paths', () => {
    expect(
      namedPaths(
        'https://github.com/x/y/blob/main/src/a.ts and /usr/share/docs/x.md and [site](https://e.com)',
      ),
    ).toEqual([]);
  });
});
