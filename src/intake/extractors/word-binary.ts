// .doc (Word 97–2003) and .wps (WPS Writer, which saves in the same compound-file format): the text is
// read by catdoc (Debian package catdoc), a small offline reader, and laid out as lines like a .docx's
// paragraphs. The original stays stored as uploaded; only the text goes on to the analysis.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compoundFileProblem } from '../compound-file.js';
import { intakeErrors } from '../intake-errors.js';
import { type SourceRef, TextBuilder } from '../provenance.js';
import type { ExtractionResult, ExtractMeta, IntakeLimits } from '../types.js';
import { catdocMissing, runCatdocProgram } from './catdoc.js';

function what(meta: ExtractMeta): string {
  return /\.wps$/i.test(meta.fileName ?? '') ? 'WPS' : 'Word (.doc)';
}

export async function extractWordBinary(
  bytes: Uint8Array,
  meta: ExtractMeta,
  limits: IntakeLimits,
): Promise<ExtractionResult> {
  const problem = compoundFileProblem(bytes, 'WordDocument');
  if (problem) throw intakeErrors.corrupted(what(meta), problem);
  const dir = await mkdtemp(path.join(tmpdir(), 'shixu-doc-'));
  let raw: string;
  try {
    const input = path.join(dir, 'in.doc');
    await writeFile(input, bytes);
    // -d utf-8: output in UTF-8 whatever the locale; -w: one line per paragraph, no re-wrapping.
    raw = await runCatdocProgram('catdoc', ['-d', 'utf-8', '-w', input], limits.timeoutMs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw catdocMissing(what(meta), 'catdoc', '.docx');
    const stderr = String((err as { stderr?: string }).stderr ?? '');
    if (/encrypted/i.test(stderr)) throw intakeErrors.passwordProtected(what(meta));
    throw intakeErrors.corrupted(what(meta), stderr || (err as Error).message);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // catdoc marks page breaks with form feeds; they end a line like a paragraph does.
  const lines = raw.replace(/\r\n?/g, '\n').replace(/\f/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.every((l) => l.trim() === '')) throw intakeErrors.empty(meta.fileName);
  const out = new TextBuilder();
  lines.forEach((line, i) => {
    const source: SourceRef = { kind: 'line', line: i + 1 };
    if (meta.fileName) source.file = meta.fileName;
    if (i > 0) out.plain('\n');
    out.add(line, source);
  });
  return { ...out.build(), mediaType: 'application/msword', warnings: [] };
}
