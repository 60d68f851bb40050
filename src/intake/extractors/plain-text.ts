// Plain text and chat exports. Chat exports (WeChat, QQ, DingTalk copy-paste) put a sender and time on a
// header line or in front of each message; every line keeps the sender and time it belongs to, so a
// quantity can be traced to who said it and when.
import { intakeErrors } from '../intake-errors.js';
import { type SourceRef, TextBuilder } from '../provenance.js';
import { decodeTextBytes } from '../text-decoding.js';
import type { ExtractionResult, ExtractMeta } from '../types.js';

const DATE = String.raw`\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?`;
const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?`;
const STAMP = String.raw`(?:${DATE}\s+)?${TIME}|${DATE}`;

interface ChatHeader {
  sender?: string;
  time?: string;
  /** Message text written on the header line itself. */
  rest?: string;
}

const PATTERNS: ((line: string) => ChatHeader | undefined)[] = [
  // 张敏 2026-03-11 10:12   /   张敏(wxid_x) 10:12:33
  (l) => {
    const m = l.match(new RegExp(String.raw`^(\S[^\n]{0,30}?)\s+(${STAMP})\s*$`));
    if (!m || /[:：，。,]$/.test(m[1]!) || /\d{4}/.test(m[1]!)) return undefined;
    return { sender: m[1]!.trim(), time: m[2]! };
  },
  // 2026-03-11 10:12:33 张敏   (QQ style)
  (l) => {
    const m = l.match(new RegExp(String.raw`^(${DATE}\s+${TIME})\s+(\S.{0,30})$`));
    if (!m || /[，。,；;]/.test(m[2]!)) return undefined;
    return { sender: m[2]!.trim(), time: m[1]! };
  },
  // [凯途-采购 周婷] 10:12 message   /   [10:12] 周婷: message
  (l) => {
    const m = l.match(new RegExp(String.raw`^\[([^\]]{1,40})\]\s*(${STAMP})?\s*(.*)$`));
    if (!m) return undefined;
    const inner = m[1]!;
    const innerTime = inner.match(new RegExp(`^(${STAMP})$`));
    if (innerTime) {
      const said = m[3]!.match(/^([^:：]{1,20})[:：]\s*(.*)$/);
      return said ? { time: inner, sender: said[1]!.trim(), rest: said[2]! } : undefined;
    }
    return { sender: inner.trim(), ...(m[2] ? { time: m[2] } : {}), rest: m[3]! };
  },
  // 周婷 10:12: message   /   周婷（10:12）：message
  (l) => {
    const m = l.match(
      new RegExp(String.raw`^([^\s:：\d][^:：]{0,19}?)\s*[(（]?(${STAMP})[)）]?\s*[:：]\s*(.+)$`),
    );
    return m ? { sender: m[1]!.trim(), time: m[2]!, rest: m[3]! } : undefined;
  },
];

export function parseChatHeader(line: string): ChatHeader | undefined {
  for (const p of PATTERNS) {
    const h = p(line.trim());
    if (h) return h;
  }
  return undefined;
}

const SPEAKER = /^([\u4e00-\u9fffA-Za-z]{1,6})\s*[：:]\s*\S/;

/**
 * Phone transcripts and minutes label each turn ("销售：…", "客户：…"). A memo's "数量：…" labels look the
 * same, so this counts as a transcript only when a few labels repeat and carry most of the lines.
 */
function transcriptSpeakers(lines: string[]): (ChatHeader | undefined)[] | undefined {
  const labels = lines.map((l) => l.trim().match(SPEAKER)?.[1]);
  const counts = new Map<string, number>();
  for (const l of labels) if (l) counts.set(l, (counts.get(l) ?? 0) + 1);
  const nonEmpty = lines.filter((l) => l.trim()).length;
  const labelled = labels.filter(Boolean).length;
  const repeated = [...counts.values()].filter((c) => c >= 2).length;
  if (counts.size === 0 || counts.size > 6 || repeated < 2 || labelled < nonEmpty * 0.6) return undefined;
  return labels.map((l) => (l ? { sender: l } : undefined));
}

export async function extractPlainText(bytes: Uint8Array, meta: ExtractMeta): Promise<ExtractionResult> {
  const decoded = decodeTextBytes(bytes);
  const normalized = decoded.text.replace(/\r\n?/g, '\n');
  if (normalized.trim() === '') throw intakeErrors.empty(meta.fileName);
  const lines = normalized.split('\n');
  let headers = lines.map((l) => (l.trim() ? parseChatHeader(l) : undefined));
  // One stray "name time" line in a memo is not a chat; require a few.
  let isChat = headers.filter(Boolean).length >= 2;
  if (!isChat) {
    const speakers = transcriptSpeakers(lines);
    if (speakers) {
      headers = speakers;
      isChat = true;
    }
  }
  const out = new TextBuilder();
  let current: ChatHeader = {};
  lines.forEach((line, i) => {
    if (i > 0) out.plain('\n');
    const h = isChat ? headers[i] : undefined;
    if (h) current = h;
    const source: SourceRef = { kind: 'line', line: i + 1 };
    if (meta.fileName) source.file = meta.fileName;
    if (isChat && current.sender) source.sender = current.sender;
    if (isChat && current.time) source.time = current.time;
    out.add(line, source);
  });
  const { text, provenance } = out.build();
  const warnings: string[] = [];
  return {
    text,
    provenance,
    mediaType: isChat ? 'text/x-chat' : 'text/plain',
    warnings,
    encoding: decoded.encoding,
  };
}
