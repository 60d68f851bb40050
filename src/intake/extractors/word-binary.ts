// .doc (Word 97–2003) and .wps (WPS Writer, which saves in the same compound-file format): the text is
// read by catdoc (Debian package catdoc), a small offline reader, and laid out as lines like a .docx's
// paragraphs. The original stays stored as uploaded; only the text goes on to the analysis.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compoundFileProblem } from '../compound-file.js';
import { intakeErrors } from '../intake-errors.js';
import { type SourceRef, TextBuilder } from '../provenance.js';
import type { ExtractionResult, ExtractMeta, IntakeLimits } from '../types.js';

function what(meta: ExtractMeta): string {
  return /\.wps$/i.test(meta.fileName ?? '') ? 'WPS' : 'Word (.doc)';
}

/** The message when catdoc is not installed: the file is kept, the record can be retried after. */
export function catdocMissing(meta: ExtractMeta) {
  return intakeErrors.unsupported(
    `旧版 ${what(meta)}`,
    '服务器未安装读取工具 catdoc：请管理员执行 apt-get install catdoc 后重试，或把文件另存为 .docx 后上传。',
    'The server lacks the reader catdoc: ask the administrator to run "apt-get install catdoc" and retry, or save the file as .docx and upload it.',
  );
}

function runCatdoc(file: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // -d utf-8: output in UTF-8 whatever the locale; -w: one line per paragraph, no re-wrapping.
    execFile(
      'catdoc',
      ['-d', 'utf-8', '-w', file],
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(Object.assign(err, { stderr }));
        else resolve(stdout);
      },
    );
  });
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
    raw = await runCatdoc(input, limits.timeoutMs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw catdocMissing(meta);
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
