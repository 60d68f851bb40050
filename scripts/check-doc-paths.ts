// The docs-path check (`npm run check:docs`, part of `npm run lint`): every project path that
// README.md, ARCHITECTURE.md or a page in docs/ names must exist, so the guidance cannot keep
// describing files that were renamed or removed. A path counts when it starts with one of the
// project's top folders — in backticks (`src/intake/extract.ts`), as a bare file name with an
// extension (docs/analysis.md), or as a relative Markdown link target. Paths to build output and
// globs are not files to look for; names relative to a folder mentioned earlier
// (`extract/delivery.ts`) are not checked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOP_FOLDERS = ['src', 'web', 'scripts', 'test', 'docs', 'bin', 'data-train', '.ci'];
/** Written by the build or at run time, so absent from a fresh checkout. */
const GENERATED = ['dist/', 'web/dist/', 'data/'];

const top = TOP_FOLDERS.map((f) => f.replace('.', '\\.')).join('|');
const IN_BACKTICKS = /`([^`\n]+)`/g;
const PATH_IN_CODE = new RegExp(`^(?:${top})/[^\\s]*`);
// A bare path: not part of a longer word, a URL or another path.
const BARE_FILE = new RegExp(
  `(?<![\\w./:@-])(?:${top})/[\\w./-]*\\.(?:ts|tsx|md|json|sh|js|jsonl|csv)\\b`,
  'g',
);
const MD_LINK = /\]\(([^)\s]+)\)/g;

export interface DocPathProblem {
  doc: string;
  line: number;
  path: string;
}

/** README.md, ARCHITECTURE.md and docs/*.md of the project at `root`. */
export function guidanceDocs(root: string): string[] {
  const docsDir = join(root, 'docs');
  const pages = existsSync(docsDir)
    ? readdirSync(docsDir)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => `docs/${f}`)
    : [];
  return ['README.md', 'ARCHITECTURE.md', ...pages].filter((f) => existsSync(join(root, f)));
}

function clean(path: string): string {
  return path
    .replace(/[#?].*$/, '') // anchors
    .replace(/:\d+(?::\d+)?$/, '') // file:line
    .replace(/[.,;:)'"]+$/, ''); // sentence punctuation after the path
}

const skip = (path: string) =>
  path.includes('*') || GENERATED.some((g) => path.startsWith(g) || path === g.slice(0, -1));

/** The project paths one document names, with their line numbers. */
export function namedPaths(text: string): { path: string; line: number; relativeTo?: 'doc' }[] {
  const found: { path: string; line: number; relativeTo?: 'doc' }[] = [];
  text.split('\n').forEach((lineText, i) => {
    const line = i + 1;
    for (const m of lineText.matchAll(IN_BACKTICKS)) {
      for (const token of m[1]!.split(/\s+/)) {
        const p = PATH_IN_CODE.exec(token)?.[0];
        if (p) found.push({ path: clean(p), line });
      }
    }
    const outsideCode = lineText.replace(IN_BACKTICKS, ' ');
    for (const m of outsideCode.matchAll(BARE_FILE)) found.push({ path: clean(m[0]), line });
    for (const m of outsideCode.matchAll(MD_LINK)) {
      const target = m[1]!;
      if (/^[a-z]+:|^#|^\//i.test(target)) continue; // URLs, anchors, absolute paths
      found.push({ path: clean(target), line, relativeTo: 'doc' });
    }
  });
  return found.filter((f) => f.path !== '' && !skip(f.path));
}

export function checkDocPaths(root: string, docs: string[] = guidanceDocs(root)): DocPathProblem[] {
  const problems: DocPathProblem[] = [];
  for (const doc of docs) {
    const text = readFileSync(join(root, doc), 'utf8');
    for (const { path, line, relativeTo } of namedPaths(text)) {
      const full = relativeTo === 'doc' ? resolve(root, dirname(doc), path) : resolve(root, path);
      if (!existsSync(full)) problems.push({ doc, line, path: relative(root, full) });
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const docs = guidanceDocs(root);
  const problems = checkDocPaths(root, docs);
  for (const p of problems) console.error(`✗ ${p.doc}:${p.line}: ${p.path} does not exist`);
  if (problems.length > 0) {
    console.error(`文档路径检查未通过 / docs-path check failed: ${problems.length} missing path(s)`);
    process.exitCode = 1;
  } else {
    console.log(`文档路径检查通过 / docs-path check passed: ${docs.length} documents`);
  }
}
