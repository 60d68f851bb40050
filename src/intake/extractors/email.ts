// RFC 822 mail: headers, the new message, the quoted history (kept but marked, so the analysis can weigh
// the new message), then every attachment extracted through the other extractors, recursively.
import { type Attachment, simpleParser } from 'mailparser';
import { type HtmlBlock, htmlToBlocks } from '../html-text.js';
import { IntakeError, intakeErrors, toIntakeError } from '../intake-errors.js';
import { writeTable } from '../order-table.js';
import { type SourceKind, type SourceRef, TextBuilder } from '../provenance.js';
import type { AttachmentResult, ExtractionResult, ExtractMeta, IntakeLimits, PendingItem } from '../types.js';

type BodyUnit =
  | { type: 'line'; text: string; quoted?: boolean }
  | { type: 'table'; rows: string[][]; quoted?: boolean };

const QUOTE_START: RegExp[] = [
  /^-{2,}\s*(原始邮件|原邮件|Original Message|Forwarded message|转发邮件|转发的邮件|邮件原文)\s*-{2,}/i,
  /^On\s.{4,200}\swrote:\s*$/i,
  /^在\s?.{4,120}(写道|wrote)[:：]?\s*$/,
  /^_{10,}\s*$/,
];
const QUOTE_HEADER_START = /^\s*[*]?(发件人|From|寄件者)\s*[*]?\s*[:：]/i;
const QUOTE_HEADER_ONE_LINE = /^\s*(发件人|From)\s*[:：].{0,200}(发送时间|Sent|Date|日期)\s*[:：]/i;
const QUOTE_HEADER_FOLLOW =
  /^\s*[*]?(发送时间|发送日期|时间|日期|Sent|Date|收件人|To|主题|Subject)\s*[*]?\s*[:：]/i;

/** Index of the first unit of the quoted history, or units.length when there is none. */
export function findQuoteStart(units: BodyUnit[]): number {
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.type !== 'line') continue;
    const line = u.text.trim();
    if (QUOTE_START.some((re) => re.test(line))) return i;
    if (i > 0 && QUOTE_HEADER_START.test(line)) {
      const next = units.slice(i + 1, i + 5);
      if (next.some((n) => n.type === 'line' && QUOTE_HEADER_FOLLOW.test(n.text))) return i;
    }
    // A "From: … Sent: …" block squeezed onto one line by HTML conversion.
    if (i > 0 && QUOTE_HEADER_ONE_LINE.test(line)) return i;
  }
  return units.length;
}

function bodyUnits(parsed: { html: string | false; text?: string | undefined }): BodyUnit[] {
  if (parsed.html) {
    return htmlToBlocks(parsed.html).map((b: HtmlBlock) =>
      b.type === 'paragraph'
        ? { type: 'line', text: b.text, ...(b.quoted ? { quoted: true } : {}) }
        : { type: 'table', rows: b.rows, ...(b.quoted ? { quoted: true } : {}) },
    );
  }
  return (parsed.text ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((text) => ({ type: 'line' as const, text: text.replace(/\s+$/, '') }));
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Mail dates shown in China time, where the users and most customers are. */
function formatDate(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())} (UTC+8)`;
}

function addressText(a: { text: string } | { text: string }[] | undefined): string | undefined {
  if (!a) return undefined;
  return Array.isArray(a) ? a.map((x) => x.text).join(', ') : a.text;
}

/** What an attachment is read with: the upload dispatcher itself, passed in (extract.ts imports this module). */
export type ExtractAttachment = (
  bytes: Uint8Array,
  meta: ExtractMeta,
  limits: IntakeLimits,
) => Promise<ExtractionResult>;

export async function extractEmail(
  bytes: Uint8Array,
  meta: ExtractMeta,
  limits: IntakeLimits,
  extractAny: ExtractAttachment,
): Promise<ExtractionResult> {
  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  try {
    parsed = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      skipImageLinks: true,
      skipTextToHtml: true,
      maxHtmlLengthToParse: limits.maxBytes,
    });
  } catch (err) {
    throw toIntakeError(err, '邮件 email');
  }
  const out = new TextBuilder();
  const file = meta.fileName;
  const src = (kind: SourceKind, extra: Partial<SourceRef> = {}): SourceRef => ({
    kind,
    ...(file ? { file } : {}),
    ...extra,
  });

  const headers: [string, string, string | undefined][] = [
    ['from', '发件人', addressText(parsed.from)],
    ['to', '收件人', addressText(parsed.to)],
    ['cc', '抄送', addressText(parsed.cc)],
    [
      'date',
      '日期',
      parsed.date && !Number.isNaN(parsed.date.getTime()) ? formatDate(parsed.date) : undefined,
    ],
    ['subject', '主题', parsed.subject],
  ];
  for (const [name, label, value] of headers) {
    if (!value) continue;
    out
      .plain(`${label}：`)
      .add(value, src('email-header', { header: name }))
      .plain('\n');
  }

  const units = bodyUnits({ html: parsed.html ?? false, text: parsed.text });
  const quoteStart = findQuoteStart(units);
  if (units.some((u) => (u.type === 'line' ? u.text.trim() : u.rows.length))) out.plain('\n');
  let region: { kind: SourceKind; start: number } | undefined;
  const closeRegion = () => {
    if (region) out.cover(region.start, src(region.kind));
    region = undefined;
  };
  let line = 0;
  units.forEach((u, i) => {
    const isQuoted = i >= quoteStart || u.quoted === true || (u.type === 'line' && /^\s*>/.test(u.text));
    const kind: SourceKind = isQuoted ? 'email-quoted' : 'email-body';
    if (region?.kind !== kind) {
      closeRegion();
      region = { kind, start: out.offset };
    }
    if (u.type === 'line') {
      line++;
      out.add(u.text, src(kind, { line })).plain('\n');
    } else {
      writeTable(
        out,
        u.rows,
        (r, c, column) => src('table-cell', { row: r + 1, col: c + 1, ...(column ? { column } : {}) }),
        (r) => src(kind, { row: r + 1 }),
      );
    }
  });
  closeRegion();

  const warnings: string[] = [];
  const attachments: AttachmentResult[] = [];
  const pending: PendingItem[] = [];
  const depth = (meta.depth ?? 0) + 1;
  const list = parsed.attachments.slice(0, limits.maxAttachments);
  if (parsed.attachments.length > limits.maxAttachments)
    warnings.push(
      `附件过多，只读取前 ${limits.maxAttachments} 个 / too many attachments, only the first ${limits.maxAttachments} were read`,
    );
  for (const [i, att] of list.entries()) {
    const name = attachmentName(att, i);
    const entry = await extractAttachment(att, name, depth, meta, limits, extractAny);
    attachments.push(entry);
    if (entry.error)
      warnings.push(
        `附件“${name}”：${entry.error.messageZh} / attachment "${name}": ${entry.error.messageEn}`,
      );
    const child = entry.result;
    if (!child) continue;
    for (const w of child.warnings) warnings.push(`${name}: ${w}`);
    for (const p of child.pending ?? [])
      pending.push({ ...p, attachmentPath: [name, ...(p.attachmentPath ?? [])] });
    if (child.text.trim() === '') continue;
    if (!out.endsWithNewline()) out.plain('\n');
    out.plain(`\n【附件：${name}】\n`);
    const start = out.offset;
    out.embed(child.text, child.provenance, name);
    out.cover(start, src('attachment', { attachmentPath: [name] }));
    entry.start = start;
    entry.end = out.offset;
    out.plain('\n');
  }
  const { text, provenance } = out.build();
  if (text.trim() === '' && attachments.length === 0) throw intakeErrors.empty(meta.fileName);
  const result: ExtractionResult = { text, provenance, mediaType: 'message/rfc822', warnings, attachments };
  if (pending.length > 0) result.pending = pending;
  return result;
}

function attachmentName(att: Attachment, index: number): string {
  if (att.filename) return att.filename;
  const ext = att.contentType === 'message/rfc822' ? '.eml' : '';
  return `附件${index + 1}${ext}`;
}

async function extractAttachment(
  att: Attachment,
  name: string,
  depth: number,
  meta: ExtractMeta,
  limits: IntakeLimits,
  extractAny: ExtractAttachment,
): Promise<AttachmentResult> {
  const entry: AttachmentResult = { fileName: name, mediaType: att.contentType, status: 'failed' };
  if (att.related) entry.inline = true;
  if (depth > limits.maxDepth) {
    entry.error = intakeErrors.oversized('depth', depth, limits.maxDepth).toJSON();
    return entry;
  }
  try {
    const bytes = new Uint8Array(att.content.buffer, att.content.byteOffset, att.content.byteLength);
    const result = await extractAny(
      bytes,
      {
        fileName: name,
        declaredType: att.contentType,
        depth,
        ...(meta.imageEngine ? { imageEngine: meta.imageEngine } : {}),
        ...(meta.speechEngine ? { speechEngine: meta.speechEngine } : {}),
      },
      limits,
    );
    entry.mediaType = result.mediaType;
    entry.result = result;
    entry.status = result.pending?.length && result.text.trim() === '' ? 'pending' : 'extracted';
  } catch (err) {
    entry.error = (err instanceof IntakeError ? err : toIntakeError(err, name)).toJSON();
  }
  return entry;
}
