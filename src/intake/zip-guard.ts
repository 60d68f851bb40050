import { intakeErrors } from './intake-errors.js';
import type { IntakeLimits } from './types.js';
import { inspectZip } from './zip-inspect.js';

/** Refuses OOXML containers that are broken, encrypted or would inflate past the limits. */
export function guardZip(bytes: Uint8Array, what: string, limits: IntakeLimits): void {
  const z = inspectZip(bytes, limits.maxZipEntries + 1);
  if (!z.ok) throw intakeErrors.corrupted(what, z.reason);
  if (z.entries.length > limits.maxZipEntries)
    throw intakeErrors.oversized('zipEntries', z.entries.length, limits.maxZipEntries);
  if (z.entries.some((e) => e.encrypted)) throw intakeErrors.passwordProtected(what);
  let total = 0;
  for (const e of z.entries) {
    total += e.uncompressedSize;
    // Sizes are declared by the file itself; a ratio cap catches bombs that declare honestly, and the
    // total cap catches the rest that the libraries would believe.
    if (
      e.compressedSize > 0 &&
      e.uncompressedSize / e.compressedSize > limits.maxCompressionRatio &&
      e.uncompressedSize > 1_000_000
    )
      throw intakeErrors.oversized(
        'compressionRatio',
        Math.round(e.uncompressedSize / e.compressedSize),
        limits.maxCompressionRatio,
      );
  }
  if (total > limits.maxUncompressedBytes)
    throw intakeErrors.oversized('uncompressedBytes', total, limits.maxUncompressedBytes);
}
