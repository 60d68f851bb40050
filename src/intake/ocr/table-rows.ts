// PaddleOCR returns boxes, not a reading order; rotated or tabular pages come back shuffled. Rows are
// rebuilt from geometry: boxes whose vertical extents overlap by half the smaller height share a row,
// and within a row cells are ordered left to right.
import type { OcrBox } from '../types.js';

export interface OcrCell extends OcrBox {
  row: number;
  col: number;
}

export type OcrRow = OcrCell[];

function verticalOverlap(a: OcrBox, b: { top: number; bottom: number }): number {
  const top = Math.max(a.box[1], b.top);
  const bottom = Math.min(a.box[1] + a.box[3], b.bottom);
  return Math.max(0, bottom - top);
}

/** Groups boxes into rows (top to bottom) and numbers their cells (1-based) left to right. */
export function boxesToRows(boxes: OcrBox[]): OcrRow[] {
  const sorted = boxes
    .filter((b) => b.text.trim() !== '')
    .sort((a, b) => a.box[1] + a.box[3] / 2 - (b.box[1] + b.box[3] / 2));
  const rows: { top: number; bottom: number; boxes: OcrBox[] }[] = [];
  for (const box of sorted) {
    const row = rows.find((r) => {
      const smaller = Math.min(box.box[3], r.bottom - r.top);
      return verticalOverlap(box, r) >= 0.5 * smaller;
    });
    if (row) {
      row.boxes.push(box);
      row.top = Math.min(row.top, box.box[1]);
      row.bottom = Math.max(row.bottom, box.box[1] + box.box[3]);
    } else rows.push({ top: box.box[1], bottom: box.box[1] + box.box[3], boxes: [box] });
  }
  rows.sort((a, b) => a.top - b.top);
  return rows.map((r, i) =>
    r.boxes.sort((a, b) => a.box[0] - b.box[0]).map((b, j) => ({ ...b, row: i + 1, col: j + 1 })),
  );
}
