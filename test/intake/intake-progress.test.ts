// A multi-page scan is read page by page in the background; a client following it through
// GET /api/intake/:id sees how far it has got ("第 2/3 页 / page 2 of 3") rising to the page count.
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderOrderSheet } from '../../src/intake/ocr/synthetic-page.js';
import { describeEachDatabase } from '../support/databases.js';
import { type IntakeServer, startIntakeServer } from '../support/intake.js';

const PAGES = 3;

/** A PDF of scanned order sheets: one 150-dpi image per A4 page and no text layer. */
async function scannedPdf(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (let i = 1; i <= pages; i++) {
    doc.addPage();
    doc.image((await renderOrderSheet(20 + i, 150)).png, 0, 0, { width: 595.28 });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describeEachDatabase('intake progress of a scanned PDF', (t) => {
  let server: IntakeServer;

  beforeAll(async () => {
    server = await startIntakeServer(t.store(), { SHIXU_OCR_WORKERS: '1' }, 'progress');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reports the pages read so far while it runs, ending at the page count', async () => {
    const { app, cookie } = server;
    const id = await server.upload('scan.pdf', await scannedPdf(PAGES), 'application/pdf');

    const seenWhileRunning: number[] = [];
    let record: { status: string; progress: { done: number; total: number; label: string } | null };
    const end = Date.now() + 240_000;
    for (;;) {
      const got = await app.inject({ method: 'GET', url: `/api/intake/${id}`, headers: { cookie } });
      record = got.json();
      if (record.status === 'done' || record.status === 'failed') break;
      if (record.status === 'processing' && record.progress) {
        expect(record.progress.total).toBe(PAGES);
        expect(record.progress.label).toBe(
          `第 ${record.progress.done}/${PAGES} 页 / page ${record.progress.done} of ${PAGES}`,
        );
        seenWhileRunning.push(record.progress.done);
      }
      if (Date.now() > end) throw new Error(`intake ${id} still ${record.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(record.status).toBe('done');
    expect(record.progress).toMatchObject({ done: PAGES, total: PAGES });
    // Each page takes OCR seconds, so the client saw the count part way and it never went back.
    expect(seenWhileRunning.some((d) => d >= 1 && d < PAGES)).toBe(true);
    expect(seenWhileRunning).toEqual([...seenWhileRunning].sort((a, b) => a - b));
  }, 300_000);
});
