// Extracted text is a concatenation of segments; each segment says where its characters came from, so a
// reviewer can trace any quantity or date back to the page, cell, line or attachment it was read from.
// Plain JSON on purpose: it is stored as-is by either database dialect and sent to the UI unchanged.

export type SourceKind =
  | 'file'
  | 'email-header'
  | 'email-body'
  | 'email-quoted'
  | 'attachment'
  | 'page'
  | 'table-cell'
  | 'line'
  | 'ocr-box'
  | 'audio';

export interface SourceRef {
  kind: SourceKind;
  /** Name of the file the characters were read from (the innermost attachment's name when nested). */
  file?: string;
  page?: number;
  sheet?: string;
  /** 1-based table index within a document (docx tables). */
  table?: number;
  row?: number;
  col?: number;
  /** Header text of the column a cell sits under, when known. */
  column?: string;
  line?: number;
  /** Email header name (from, to, cc, date, subject). */
  header?: string;
  /** Chat export sender and time written on the line. */
  sender?: string;
  time?: string;
  box?: [number, number, number, number];
  timeStartMs?: number;
  timeEndMs?: number;
  /** Names of the attachments walked through to reach this text, outermost first. */
  attachmentPath?: string[];
}

export interface Segment {
  start: number;
  end: number;
  source: SourceRef;
}

export type Provenance = Segment[];

export type Span = number | { start: number; end: number };

/** Sources of every segment that overlaps the span (or contains the offset), in text order. */
export function locate(provenance: Provenance, span: Span): Segment[] {
  const { start, end } = typeof span === 'number' ? { start: span, end: span + 1 } : span;
  const hits = provenance.filter((s) => s.start < Math.max(end, start + 1) && s.end > start);
  return hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
}

/** Most specific source for a span: the shortest overlapping segment (a cell rather than its page). */
export function locateMostSpecific(provenance: Provenance, span: Span): Segment | undefined {
  const hits = locate(provenance, span);
  let best: Segment | undefined;
  for (const h of hits) if (!best || h.end - h.start < best.end - best.start) best = h;
  return best;
}

/** Moves a child document's segments into its parent's text, recording the attachment it came from. */
export function embedProvenance(child: Provenance, offset: number, attachmentName: string): Provenance {
  return child.map((s) => ({
    start: s.start + offset,
    end: s.end + offset,
    source: { ...s.source, attachmentPath: [attachmentName, ...(s.source.attachmentPath ?? [])] },
  }));
}

/** Builds text and provenance together so offsets can never drift apart. */
export class TextBuilder {
  private parts: string[] = [];
  private length = 0;
  readonly segments: Segment[] = [];

  get offset(): number {
    return this.length;
  }

  /** Appends text without a source of its own (separators, labels). */
  plain(text: string): this {
    this.parts.push(text);
    this.length += text.length;
    return this;
  }

  /** Appends text and records where it came from; empty text records nothing. */
  add(text: string, source: SourceRef): this {
    if (text.length === 0) return this;
    this.segments.push({ start: this.length, end: this.length + text.length, source });
    return this.plain(text);
  }

  /** Records a source for text already appended since `start` (a page or row around its cells). */
  cover(start: number, source: SourceRef): this {
    if (this.length > start) this.segments.push({ start, end: this.length, source });
    return this;
  }

  embed(text: string, provenance: Provenance, attachmentName: string): this {
    this.segments.push(...embedProvenance(provenance, this.length, attachmentName));
    return this.plain(text);
  }

  endsWithNewline(): boolean {
    const last = this.parts[this.parts.length - 1];
    return this.length === 0 || last?.endsWith('\n') === true;
  }

  build(): { text: string; provenance: Provenance } {
    const text = this.parts.join('');
    const provenance = [...this.segments].sort((a, b) => a.start - b.start || b.end - a.end);
    return { text, provenance };
  }
}
