// Before OCR every image is normalised: EXIF orientation applied, scaled to about 150 dpi (PaddleOCR's
// memory grows with pixels and accuracy does not improve above that), turned upright when it lies on
// its side, and deskewed, because PaddleOCR reads skewed table pages in the wrong order.
import sharp from 'sharp';
import { IntakeError, intakeErrors } from '../intake-errors.js';
import { estimateSkew } from './deskew.js';

export interface PreprocessOptions {
  /** Decoded pixels refused beyond this (decompression bombs, giant scans). */
  maxPixels: number;
  /** Long side of the normalised page; 1754 px is an A4 page at 150 dpi. */
  targetLongSide: number;
}

export const defaultPreprocess: PreprocessOptions = { maxPixels: 80_000_000, targetLongSide: 1754 };

export interface PreparedImage {
  png: Buffer;
  width: number;
  height: number;
  /** Factor from prepared-image pixels back to the original image's pixels. */
  scaleToOriginal: number;
  /** Total clockwise rotation applied (degrees), for the record. */
  rotatedDeg: number;
}

export async function preparePage(
  bytes: Uint8Array,
  options: PreprocessOptions = defaultPreprocess,
  extraRotateDeg = 0,
): Promise<PreparedImage> {
  let meta: sharp.Metadata;
  try {
    // Header only: the pixel count is checked before anything is decoded.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw intakeErrors.corrupted('图片 image', (err as Error).message);
  }
  const w0 = meta.width ?? 0;
  const h0 = meta.height ?? 0;
  if (w0 === 0 || h0 === 0) throw intakeErrors.corrupted('图片 image', 'no dimensions');
  if (w0 * h0 > options.maxPixels) throw intakeErrors.oversized('pixels', w0 * h0, options.maxPixels);
  try {
    // EXIF orientation first, so that later rotations start from what the camera user saw.
    const upright = await sharp(bytes, { limitInputPixels: options.maxPixels })
      .rotate()
      .flatten({ background: '#ffffff' })
      .grayscale()
      .toBuffer({ resolveWithObject: true });
    const { width, height } = upright.info;
    const scale = Math.min(1, options.targetLongSide / Math.max(width, height));
    const small = await sharp(upright.data)
      .resize({ width: Math.max(1, Math.round(width * Math.min(1, 800 / Math.max(width, height)))) })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const skew = estimateSkew({ data: small.data, width: small.info.width, height: small.info.height });
    let pipeline = sharp(upright.data).resize({ width: Math.max(1, Math.round(width * scale)) });
    let rotated = extraRotateDeg;
    if (rotated !== 0) pipeline = sharp(await pipeline.rotate(rotated, { background: '#ffffff' }).toBuffer());
    if (Math.abs(skew.rotateDeg) >= 0.25) {
      pipeline = sharp(await pipeline.rotate(skew.rotateDeg, { background: '#ffffff' }).toBuffer());
      rotated += skew.rotateDeg;
    }
    const out = await pipeline.png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
    return {
      png: out.data,
      width: out.info.width,
      height: out.info.height,
      scaleToOriginal: 1 / scale,
      rotatedDeg: rotated,
    };
  } catch (err) {
    if (err instanceof IntakeError) throw err;
    throw intakeErrors.corrupted('图片 image', (err as Error).message);
  }
}
