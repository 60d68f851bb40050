// Files on a contract case through the real app on both databases: upload, list, download the same
// bytes, the size limit from SHIXU_UPLOAD_MAX_MB refused with a clear message, the audit row, and
// the original message of a case opened from an intake record listed as its first file.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { openContractCase } from '../../src/contracts/case-repository.js';
import { FileStore } from '../../src/intake/file-store.js';
import type { App } from '../../src/server/context.js';
import { auditTrail, SYSTEM_ACTORS } from '../../src/store/audit.js';
import { appFor, login, testConfig } from '../server/helpers.js';
import { describeEachDatabase } from '../support/databases.js';
import { at, contextFor, manualOrder, ROUTED, seedPeople } from './support.js';

/** A multipart body with an optional `note` field before the file (fields after it are not read). */
function multipartWithNote(fileName: string, bytes: Buffer, note?: string) {
  const boundary = `----shixu${randomUUID()}`;
  const parts = [
    ...(note ? [`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${note}\r\n`] : []),
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  ];
  return {
    payload: Buffer.concat([Buffer.from(parts.join('')), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describeEachDatabase('contract case attachments', (t) => {
  let app: App;
  let dataDir: string;
  let cookie: string;
  const config = () => testConfig({ SHIXU_UPLOAD_MAX_MB: '1', SHIXU_DATA_DIR: dataDir });
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shixu-attach-'));
    await seedPeople(t.store().db);
    app = await appFor(t.store(), { config: config(), clock: () => at(1) });
    await createUser(
      t.store().db,
      { username: 'a-tech', password: 'pw-tech-123', department: 'technical' },
      SYSTEM_ACTORS.cli,
    );
    cookie = await login(app, 'a-tech', 'pw-tech-123');
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const upload = (number: string, fileName: string, bytes: Buffer, note?: string) => {
    const form = multipartWithNote(fileName, bytes, note);
    return app.inject({
      method: 'POST',
      url: `/api/contracts/${number}/attachments`,
      headers: { cookie, ...form.headers },
      payload: form.payload,
    });
  };
  const list = async (number: string) =>
    (
      await app.inject({ method: 'GET', url: `/api/contracts/${number}/attachments`, headers: { cookie } })
    ).json().items as {
      id: string;
      source: string;
      fileName: string;
      sizeBytes: number;
      note: string | null;
    }[];

  it('stores an uploaded drawing, lists it and gives back the same bytes', async () => {
    const db = t.store().db;
    const opened = await openContractCase(db, manualOrder('regular', ROUTED), await contextFor(db, 0));
    expect(await list(opened.number)).toEqual([]);
    const drawing = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 7)]);
    const res = await upload(opened.number, '图纸 DWG-1001 rev B.pdf', drawing, '客户新版图纸');
    expect(res.statusCode).toBe(201);
    const added = res.json();
    expect(added).toMatchObject({
      source: 'upload',
      fileName: '图纸 DWG-1001 rev B.pdf',
      mediaType: 'application/pdf',
      sizeBytes: drawing.length,
      note: '客户新版图纸',
    });
    expect((await list(opened.number)).map((a) => a.id)).toEqual([added.id]);

    const down = await app.inject({
      method: 'GET',
      url: `/api/contracts/${opened.number}/attachments/${added.id}`,
      headers: { cookie },
    });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(drawing)).toBe(true);
    expect(down.headers['content-disposition']).toContain(encodeURIComponent('图纸 DWG-1001 rev B.pdf'));

    const audit = await auditTrail(db, { entityType: 'attachment', entityId: added.id });
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'attachment.added',
        after: expect.objectContaining({ contractId: opened.contractId, sizeBytes: drawing.length }),
      }),
    ]);
    const other = await app.inject({
      method: 'GET',
      url: `/api/contracts/${opened.number}/attachments/${randomUUID()}`,
      headers: { cookie },
    });
    expect(other.statusCode).toBe(404);
  });

  it('refuses a file over SHIXU_UPLOAD_MAX_MB with a message that names the limit', async () => {
    const db = t.store().db;
    const opened = await openContractCase(db, manualOrder('regular', ROUTED), await contextFor(db, 0));
    const res = await upload(opened.number, 'huge.bin', Buffer.alloc(1024 * 1024 + 10, 1));
    expect(res.statusCode).toBe(413);
    expect(res.json().detail).toContain('附件超过大小上限，上限 1.0 MB（SHIXU_UPLOAD_MAX_MB）');
    expect(await list(opened.number)).toEqual([]);
    const rows = await db
      .selectFrom('contract_attachments')
      .select('id')
      .where('contract_id', '=', opened.contractId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('lists the original message of a case opened from an intake record as its first file', async () => {
    const db = t.store().db;
    const original = Buffer.from(
      'From: buyer@example.test\r\nSubject: 询价\r\n\r\n需采购6063-T5铝型材12吨。\r\n',
    );
    const stored = await new FileStore(config().uploadDir).put(original);
    const intakeId = randomUUID();
    const now = at(0).toISOString();
    await db
      .insertInto('intake_records')
      .values({
        id: intakeId,
        channel: 'email',
        file_name: '询价.eml',
        file_sha256: stored.sha256,
        media_type: 'message/rfc822',
        size_bytes: original.length,
        extracted_text: '需采购6063-T5铝型材12吨。',
        provenance: null,
        status: 'analysed',
        error_code: null,
        error_message: null,
        customer_id: null,
        received_at: now,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const opened = await openContractCase(db, manualOrder('regular', ROUTED), await contextFor(db, 0), {
      intakeId,
    });
    await upload(opened.number, 'letter.txt', Buffer.from('客户确认函'));
    const files = await list(opened.number);
    expect(files.map((f) => [f.source, f.fileName])).toEqual([
      ['intake', '询价.eml'],
      ['upload', 'letter.txt'],
    ]);
    const down = await app.inject({
      method: 'GET',
      url: `/api/contracts/${opened.number}/attachments/${intakeId}`,
      headers: { cookie },
    });
    expect(down.rawPayload.equals(original)).toBe(true);
  });
});
