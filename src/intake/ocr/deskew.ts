// Skew is estimated from the text itself: when the page is turned so that text lines are horizontal,
// the count of dark pixels per row alternates sharply between lines and gaps, so the angle with the
// most peaked row profile wins. (A page on its side is not detected here: stacked CJK characters give a
// peaked row profile too; the OCR engine detects it from the shape of the text boxes instead.)
export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

function darkPixels(img: GrayImage): { xs: Int32Array; ys: Int32Array; n: number } {
  let sum = 0;
  for (const v of img.data) sum += v;
  const threshold = Math.min(160, (sum / img.data.length) * 0.75);
  const xs = new Int32Array(img.data.length);
  const ys = new Int32Array(img.data.length);
  let n = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if ((img.data[y * img.width + x] ?? 255) < threshold) {
        xs[n] = x;
        ys[n] = y;
        n++;
      }
    }
  }
  return { xs, ys, n };
}

function profileScore(
  pts: { xs: Int32Array; ys: Int32Array; n: number },
  size: number,
  angleDeg: number,
): number {
  const a = (angleDeg * Math.PI) / 180;
  const sin = Math.sin(a);
  const cos = Math.cos(a);
  const offset = size;
  const bins = new Float64Array(size * 3);
  for (let i = 0; i < pts.n; i++) {
    const x = pts.xs[i] ?? 0;
    const y = pts.ys[i] ?? 0;
    const bin = Math.round(y * cos - x * sin) + offset;
    if (bin >= 0 && bin < bins.length) bins[bin] = (bins[bin] ?? 0) + 1;
  }
  let score = 0;
  for (let i = 1; i < bins.length; i++) {
    const d = (bins[i] ?? 0) - (bins[i - 1] ?? 0);
    score += d * d;
  }
  return score;
}

export interface SkewEstimate {
  /** Degrees to rotate the image clockwise (sharp's convention) so that text lines are horizontal. */
  rotateDeg: number;
}

/** Estimates the page's skew within ±maxDeg. Works on a small gray copy. */
export function estimateSkew(img: GrayImage, maxDeg = 8, stepDeg = 0.25): SkewEstimate {
  const pts = darkPixels(img);
  if (pts.n < 50) return { rotateDeg: 0 };
  const size = Math.max(img.width, img.height);
  let best = { angle: 0, score: -1 };
  for (let angle = -maxDeg; angle <= maxDeg + 1e-9; angle += stepDeg) {
    const score = profileScore(pts, size, angle);
    if (score > best.score) best = { angle, score };
  }
  // In image coordinates (y down) text rising to the right has a negative slope angle; rotating by
  // the found projection angle levels it.
  return { rotateDeg: -best.angle };
}
