// A photographed order sheet is a grid, but OCR returns rows of boxes with no columns. Once a row
// reads like a table header (产品名称 / 数量 / 单价 …), the rows under it are laid onto the header's
// columns by where their boxes sit, so the analysis reads "产品名称：轴承座；数量：460件" as it does for a
// spreadsheet. The table ends at the first row whose boxes do not line up with the header.
import { findHeaderRow } from '../order-table.js';
import type { OcrCell, OcrRow } from './table-rows.js';

export interface OcrGrid {
  /** Index in the OCR rows of the header row; data rows follow it directly. */
  headerRow: number;
  /** Header texts, one per column. */
  header: string[];
  /** Header cell of each column (its box is the column's source). */
  headerCells: OcrCell[];
  /** Per data row, per column: the boxes that fell into that column (usually one). */
  rows: OcrCell[][][];
}

const center = (c: OcrCell) => c.box[0] + c.box[2] / 2;

/** Column index for a box: the header column whose span, widened to the neighbours' midpoints, holds it. */
function columnOf(cell: OcrCell, header: OcrCell[]): number {
  const x = center(cell);
  for (let i = 0; i < header.length; i++) {
    const left = i === 0 ? Number.NEGATIVE_INFINITY : (center(header[i - 1]!) + center(header[i]!)) / 2;
    const right =
      i === header.length - 1 ? Number.POSITIVE_INFINITY : (center(header[i]!) + center(header[i + 1]!)) / 2;
    if (x >= left && x < right) return i;
  }
  return header.length - 1;
}

/** Display width of a character: CJK and full-width ones are about twice a Latin letter or digit. */
const widthOf = (ch: string) => (/[\u2e80-\uffef]/.test(ch) ? 2 : 1);

/**
 * PaddleOCR often returns a whole table line as one box ("1 密封圈 丁腈橡胶 211件 49.50元"). Such a
 * box is cut at its spaces, each piece getting the part of the box its characters span, so the
 * pieces can be placed in columns like separate boxes.
 */
function splitAtSpaces(cell: OcrCell): OcrCell[] {
  const pieces = [...cell.text.matchAll(/\S+/g)];
  if (pieces.length < 2) return [cell];
  const total = [...cell.text].reduce((w, ch) => w + widthOf(ch), 0);
  const [x, y, width, height] = cell.box;
  const offsetOf = (index: number) => [...cell.text.slice(0, index)].reduce((w, ch) => w + widthOf(ch), 0);
  return pieces.map((m) => {
    const from = offsetOf(m.index);
    const to = offsetOf(m.index + m[0].length);
    return {
      ...cell,
      text: m[0],
      box: [x + (width * from) / total, y, (width * (to - from)) / total, height],
    };
  });
}

/** Finds a header row with at least three cells and the table block below it; undefined if none. */
export function ocrGrid(boxRows: OcrRow[]): OcrGrid | undefined {
  const rows = boxRows.map((r) => r.flatMap(splitAtSpaces));
  const texts = rows.map((r) => r.map((c) => c.text));
  let headerRow = -1;
  for (let i = 0; i < texts.length; i++) {
    if ((texts[i]?.length ?? 0) >= 3 && findHeaderRow([texts[i]!], 1) === 0) {
      headerRow = i;
      break;
    }
  }
  if (headerRow < 0) return undefined;
  const headerCells = rows[headerRow]!;
  const grid: OcrCell[][][] = [];
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const columns: OcrCell[][] = headerCells.map(() => []);
    // As many pieces as header columns: one per column, whatever the estimated positions say (a split
    // box only approximates where each piece sits). Otherwise a cell is empty: place by position.
    const byIndex = row.length === headerCells.length;
    row.forEach((cell, i) => {
      columns[byIndex ? i : columnOf(cell, headerCells)]!.push(cell);
    });
    const filled = columns.filter((c) => c.length > 0).length;
    // A line of terms under the table ("交货期：…") is one wide box, or boxes piled into one column.
    if (filled < 2 || columns.some((c) => c.length > 2)) break;
    grid.push(columns);
  }
  if (grid.length === 0) return undefined;
  return { headerRow, header: headerCells.map((c) => c.text), headerCells, rows: grid };
}
