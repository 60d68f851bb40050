// The layer check (`npm run check:layers`, part of `npm run lint`): reads every import under src/
// with TypeScript's own parser and fails when
//   - a pure core file reaches, directly or through other modules, the store, the server, the CLI,
//     a database driver, fastify or a Node.js I/O module (ARCHITECTURE.md, "Layers");
//   - the modules import each other in a cycle that is not written down in ALLOWED_CYCLES.
// The layer rule follows every import, `import type` included (a core that names the store's types
// is tied to it); the cycle rule follows only the imports that survive compilation (`import type`
// is erased under verbatimModuleSyntax, so it cannot change the order modules load in).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface LayerRules {
  /** Folders (ending in '/') or files, relative to the root, whose code must stay pure. */
  core: string[];
  /** Files inside a core folder that are adapters at its edge, each with the reason. */
  coreAdapters: Record<string, string>;
  /** Project folders or files a pure core must not reach. */
  forbiddenPaths: string[];
  /** Packages (and their subpaths) a pure core must not reach; Node built-ins are named without `node:`. */
  forbiddenPackages: string[];
  /**
   * Cycles that are accepted, keyed by their files (sorted, joined with ' ↔ '), with the reason.
   * A cycle is one strongly connected group of modules.
   */
  allowedCycles: Record<string, string>;
}

export const RULES: LayerRules = {
  core: ['src/analysis/', 'src/review/', 'src/rules/'],
  coreAdapters: {
    'src/rules/rule-repository.ts': 'stores rule versions (Kysely)',
    'src/rules/store-classification.ts':
      'loads catalogue, customers and CSR from the store for a classification',
    'src/rules/store-dry-run.ts': 'runs a draft rule set over stored contracts',
    'src/rules/csr-transfer.ts': 'imports and exports the CSR register into the store',
  },
  forbiddenPaths: ['src/store/', 'src/server/', 'src/cli/', 'src/jobs/', 'src/config/'],
  forbiddenPackages: [
    // Databases, HTTP, queues, mail.
    'better-sqlite3',
    'pg',
    'pg-boss',
    'kysely',
    'fastify',
    '@fastify/',
    'fastify-type-provider-zod',
    'nodemailer',
    'imapflow',
    'pino',
    // Node.js I/O (bare or `node:`-prefixed).
    'fs',
    'fs/promises',
    'net',
    'http',
    'https',
    'http2',
    'child_process',
    'worker_threads',
    'cluster',
    'dgram',
    'dns',
    'dns/promises',
    'tls',
    'readline',
    'inspector',
  ],
  allowedCycles: {},
};

export interface ImportEdge {
  /** The specifier as written. */
  specifier: string;
  /** The project file it resolves to (relative to the root), or null for a package. */
  target: string | null;
  line: number;
  /** `import type` / `export type`: erased from the JavaScript. */
  typeOnly: boolean;
}

export interface LayerReport {
  files: number;
  /** One line per problem, each naming the files involved. */
  violations: string[];
}

const SOURCE = /\.(ts|tsx|mts)$/;

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

type FoundImport = { specifier: string; line: number; typeOnly: boolean };

/** Every import of a file: static, re-exports, `import x = require()` and import() with a literal. */
export function sourceImports(fileName: string, text: string): FoundImport[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: FoundImport[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined, typeOnly: boolean) => {
    if (literal && ts.isStringLiteralLike(literal))
      found.push({
        specifier: literal.text,
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        typeOnly,
      });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.importClause?.isTypeOnly === true);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node)) {
      if (ts.isExternalModuleReference(node.moduleReference))
        add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      // `typeof import('./x.js')` in a type position.
      add(node, node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function toPosix(p: string): string {
  return p.split(sep).join('/');
}

/** `./x.js` → the .ts file that compiles to it; a folder → its index. */
function resolveRelative(fromFile: string, specifier: string, exists: Set<string>): string | null {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    base.replace(/\.mjs$/, '.mts'),
    `${base}.ts`,
    join(base, 'index.ts'),
  ];
  return candidates.find((c) => exists.has(c)) ?? null;
}

/** Every source file under `<root>/src` with the project files and packages it imports. */
export function importGraph(root: string): Map<string, ImportEdge[]> {
  const files = listSources(join(root, 'src'));
  const exists = new Set(files);
  const graph = new Map<string, ImportEdge[]>();
  for (const file of files) {
    const edges = sourceImports(file, readFileSync(file, 'utf8')).map((found) => {
      if (!found.specifier.startsWith('.')) return { ...found, target: null };
      const target = resolveRelative(file, found.specifier, exists);
      // A relative import of a file that is not source (JSON model weights) has no imports of its own.
      return { ...found, target: target ? toPosix(relative(root, target)) : null };
    });
    graph.set(toPosix(relative(root, file)), edges);
  }
  return graph;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

function inFolderOrFile(file: string, entries: string[]): boolean {
  return entries.some((e) => (e.endsWith('/') ? file.startsWith(e) : file === e));
}

function forbiddenPackage(specifier: string, rules: LayerRules): string | undefined {
  const name = specifier.replace(/^node:/, '');
  return rules.forbiddenPackages.find((p) =>
    p.endsWith('/') ? name.startsWith(p) : name === p || name.startsWith(`${p}/`),
  );
}

export function isCore(file: string, rules: LayerRules): boolean {
  return inFolderOrFile(file, rules.core) && !(file in rules.coreAdapters) && !isTest(file);
}

/**
 * For each core file, the first chain of imports (breadth first, so the shortest) that reaches a
 * forbidden folder or package. Tests beside the core are not shipped and are not checked.
 */
function layerViolations(graph: Map<string, ImportEdge[]>, rules: LayerRules): string[] {
  const out: string[] = [];
  for (const start of [...graph.keys()].sort()) {
    if (!isCore(start, rules)) continue;
    const cameFrom = new Map<string, string | null>([[start, null]]);
    const queue = [start];
    let found: { via: string; edge: ImportEdge; what: string } | undefined;
    while (queue.length > 0 && !found) {
      const file = queue.shift()!;
      for (const edge of graph.get(file) ?? []) {
        const what = edge.target
          ? inFolderOrFile(edge.target, rules.forbiddenPaths)
            ? edge.target
            : undefined
          : forbiddenPackage(edge.specifier, rules)
            ? edge.specifier
            : undefined;
        if (what) {
          found = { via: file, edge, what };
          break;
        }
        if (edge.target && !cameFrom.has(edge.target)) {
          cameFrom.set(edge.target, file);
          queue.push(edge.target);
        }
      }
    }
    if (!found) continue;
    const chain: string[] = [];
    for (let f: string | null = found.via; f; f = cameFrom.get(f) ?? null) chain.unshift(f);
    out.push(
      `pure core ${start} reaches ${found.what} (${[...chain, found.what].join(' → ')}; ${found.via}:${found.edge.line})`,
    );
  }
  return out;
}

/** Strongly connected groups of two or more files (or a file importing itself): Tarjan's algorithm. */
export function importCycles(graph: Map<string, ImportEdge[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const strong = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const { target: w, typeOnly } of graph.get(v) ?? []) {
      if (typeOnly || !w || !graph.has(w)) continue;
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      const selfImport = (graph.get(v) ?? []).some((e) => e.target === v && !e.typeOnly);
      if (group.length > 1 || selfImport) groups.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) strong(v);
  return groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

export const cycleKey = (group: string[]) => [...group].sort().join(' ↔ ');

export function checkLayers(root: string, rules: LayerRules = RULES): LayerReport {
  const graph = importGraph(root);
  const violations = layerViolations(graph, rules);
  const cycles = importCycles(graph);
  const seen = new Set<string>();
  for (const group of cycles) {
    const key = cycleKey(group);
    seen.add(key);
    if (!(key in rules.allowedCycles))
      violations.push(
        `import cycle not in the allow-list: ${key} (break it, or add it to allowedCycles in scripts/check-layers.ts with the reason)`,
      );
  }
  for (const key of Object.keys(rules.allowedCycles))
    if (!seen.has(key)) violations.push(`allowed cycle no longer exists, remove it from the list: ${key}`);
  for (const adapter of Object.keys(rules.coreAdapters))
    if (!graph.has(adapter)) violations.push(`listed core adapter does not exist: ${adapter}`);
  return { files: graph.size, violations };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const report = checkLayers(root);
  for (const v of report.violations) console.error(`✗ ${v}`);
  if (report.violations.length > 0) {
    console.error(`层次检查未通过 / layer check failed: ${report.violations.length} problem(s)`);
    process.exitCode = 1;
  } else {
    console.log(`层次检查通过 / layer check passed: ${report.files} files under src/`);
  }
}
