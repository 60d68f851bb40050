// Refuses a zip bomb when it is uploaded, so the sender hears it at once (422 naming the file) and it
// is never stored or queued. Damaged or encrypted containers pass here: processing reports those on
// the record as it does for any other unreadable file.
import { AppError } from '../shared/errors.js';
import { IntakeError } from './intake-errors.js';
import { defaultLimits } from './types.js';
import { guardZip, type ZipLimits } from './zip-guard.js';
import { isZip } from './zip-inspect.js';

const BOMB_LIMITS = new Set(['zipEntries', 'uncompressedBytes', 'compressionRatio']);

export async function refuseZipBomb(
  bytes: Uint8Array,
  fileName: string | null | undefined,
  limits: ZipLimits = defaultLimits,
): Promise<void> {
  if (!isZip(bytes)) return;
  const name = fileName?.trim() || 'ZIP';
  try {
    await guardZip(bytes, 'ZIP', limits, name);
  } catch (err) {
    if (!(err instanceof IntakeError) || !BOMB_LIMITS.has(String(err.detail?.limit))) return;
    const message = `${err.messageZh} / ${err.messageEn}`;
    throw new AppError('UNSAFE_ARCHIVE', message, {
      file: name,
      limit: err.detail?.limit,
      actual: err.detail?.actual,
      max: err.detail?.max,
      errors: [{ in: 'body', path: '/file', message }],
    });
  }
}
