// The layer check (scripts/check-layers.ts) that `npm run lint` runs in CI: the repository passes,
// and a small project written here fails for each kind of breach, naming the files involved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLayers, type LayerRules, RULES, sourceImports } from '../../scripts/check-layers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A throw-away project: file path → source. */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-layers-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const rules: LayerRules = { ...RULES, coreAdapters: {}, allowedCycles: {} };

describe('layer check', () => {
  it('passes on this repository', { timeout: 60_000 }, () => {
    const report = checkLayers(path.resolve('.'));
    expect(report.violations).toEqual([]);
    expect(report.files).toBeGreaterThan(200);
  });

  it('fails a pure core that imports the store, naming the file and line', () => {
    const root = project({
      'src/review/sign.ts':
        "import { x } from './helper.js';\nimport { db } from '../store/connect.js';\nexport const y = x + db;\n",
      'src/review/helper.ts': 'export const x = 1;\n',
      'src/store/connect.ts': 'export const db = 1;\n',
    });
    expect(checkLayers(root, rules).violations).toEqual([
      'pure core src/review/sign.ts reaches src/store/connect.ts (src/review/sign.ts → src/store/connect.ts; src/review/sign.ts:2)',
    ]);
  });

  it('follows the chain through other modules and counts `import type` and node: I/O', () => {
    const root = project({
      'src/analysis/a.ts': "import type { Row } from '../catalog/b.js';\nexport type A = Row;\n",
      'src/catalog/b.ts': "import fs from 'node:fs';\nexport type Row = { f: typeof fs };\n",
      'src/rules/c.ts': "import Fastify from 'fastify';\nexport const app = Fastify;\n",
      'src/rules/c.test.ts': "import fs from 'node:fs';\nexport const t = fs;\n",
    });
    expect(checkLayers(root, rules).violations).toEqual([
      'pure core src/analysis/a.ts reaches node:fs (src/analysis/a.ts → src/catalog/b.ts → node:fs; src/catalog/b.ts:1)',
      'pure core src/rules/c.ts reaches fastify (src/rules/c.ts → fastify; src/rules/c.ts:1)',
    ]);
  });

  it('lets a listed adapter in a core folder use the store', () => {
    const root = project({
      'src/rules/rule-store.ts': "import { db } from '../store/connect.js';\nexport const r = db;\n",
      'src/store/connect.ts': 'export const db = 1;\n',
    });
    const withAdapter = { ...rules, coreAdapters: { 'src/rules/rule-store.ts': 'stores rules' } };
    expect(checkLayers(root, withAdapter).violations).toEqual([]);
    expect(checkLayers(root, rules).violations).toHaveLength(1);
  });

  it('fails a cycle unless it is written down, and a written-down cycle that is gone', () => {
    const root = project({
      'src/intake/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/intake/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      // Erased at compile time: no cycle.
      'src/intake/c.ts': "import type { D } from './d.js';\nexport type C = D;\n",
      'src/intake/d.ts':
        "import { c } from './c-value.js';\nimport type { C } from './c.js';\nexport type D = C;\nexport const d = c;\n",
      'src/intake/c-value.ts': 'export const c = 1;\n',
    });
    expect(checkLayers(root, rules).violations).toEqual([
      'import cycle not in the allow-list: src/intake/a.ts ↔ src/intake/b.ts (break it, or add it to allowedCycles in scripts/check-layers.ts with the reason)',
    ]);
    const allowed = {
      ...rules,
      allowedCycles: { 'src/intake/a.ts ↔ src/intake/b.ts': 'recursion by design' },
    };
    expect(checkLayers(root, allowed).violations).toEqual([]);
    fs.writeFileSync(path.join(root, 'src/intake/b.ts'), 'export const b = () => 1;\n');
    expect(checkLayers(root, allowed).violations).toEqual([
      'allowed cycle no longer exists, remove it from the list: src/intake/a.ts ↔ src/intake/b.ts',
    ]);
  });

  it('reads static, re-exported and dynamic imports and tells type-only ones apart', () => {
    const found = sourceImports(
      'x.ts',
      [
        "import a from 'a';",
        "import type { B } from 'b';",
        "import { type C } from 'c';",
        "export * from 'd';",
        "export type { E } from 'e';",
        "const f = await import('f');",
        "type G = typeof import('g');",
      ].join('\n'),
    );
    expect(found.map((i) => [i.specifier, i.typeOnly, i.line])).toEqual([
      ['a', false, 1],
      ['b', true, 2],
      // `import { type C }` keeps `import {} from 'c'` under verbatimModuleSyntax: it still loads c.
      ['c', false, 3],
      ['d', false, 4],
      ['e', true, 5],
      ['f', false, 6],
      ['g', true, 7],
    ]);
  });
});
