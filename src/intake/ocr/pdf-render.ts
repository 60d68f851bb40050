// Scanned PDF pages are rendered by poppler's pdftoppm (Debian poppler-utils): robust on damaged files
// and far lighter than rendering through pdf.js on a canvas.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { intakeErrors } from '../intake-errors.js';

const run = promisify(execFile);

/** Renders one page (1-based) of a PDF to PNG at `dpi`. */
export async function renderPdfPage(pdf: Uint8Array, page: number, dpi: number): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shixu-pdf-'));
  try {
    const input = path.join(dir, 'in.pdf');
    await writeFile(input, pdf);
    const prefix = path.join(dir, 'page');
    try {
      await run(
        'pdftoppm',
        ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', '-singlefile', input, prefix],
        {
          timeout: 60_000,
        },
      );
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw intakeErrors.unsupported(
          'PDF 扫描页 scanned PDF page',
          '需要安装 poppler-utils（pdftoppm）：apt-get install poppler-utils。',
          'Install poppler-utils (pdftoppm) to read scanned pages.',
        );
      }
      throw intakeErrors.corrupted('PDF', (err as Error).message);
    }
    return await readFile(`${prefix}.png`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
