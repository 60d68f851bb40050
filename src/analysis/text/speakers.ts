// Who says what in chats and call transcripts. Prices and promises spoken by the supplier's own
// staff are offers, not the customer's requirements, so extractors need to tell the turns apart.
import type { Line } from './segment.js';

const CHAT_LABEL = /^\s*\[([^\]\n]{1,40})\]\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*$/;
const CHAT_INLINE_LABEL = /^\s*\[([^\]\n]{1,40})\]\s*\d{1,2}:\d{2}/;
const TRANSCRIPT_LABEL = /^\s*([^\s:：，。]{1,10})[:：]/;
const SUPPLIER_ROLE =
  /^(?:销售|销售员|业务|业务员|客服|供应商|供方|卖方|乙方|我方|厂家|Sales|Seller|Supplier)/i;
const CUSTOMER_ROLE = /^(?:客户|采购|买方|需方|甲方|Customer|Buyer)/i;

export type Speaker = 'supplier' | 'customer' | 'unknown';

export interface SpeakerTurns {
  /** Speaker of each line (index = line index). */
  byLine: Speaker[];
  /** Organisation part of chat labels that are not the supplier ([凯途-采购 周婷] → 凯途). */
  customerLabels: string[];
}

function classifyLabel(label: string, ownNames: readonly string[]): Speaker {
  if (ownNames.some((n) => n !== '' && label.includes(n))) return 'supplier';
  if (SUPPLIER_ROLE.test(label)) return 'supplier';
  if (CUSTOMER_ROLE.test(label)) return 'customer';
  return 'customer';
}

export function findSpeakerTurns(
  text: string,
  lines: readonly Line[],
  ownNames: readonly string[],
  channel?: string,
): SpeakerTurns {
  // A call transcript may have a speaker label only once per side; elsewhere labels must repeat.
  const minRepeats = channel === 'phone_transcript' ? 1 : 2;
  const byLine: Speaker[] = new Array(lines.length).fill('unknown');
  const customerLabels: string[] = [];
  const transcriptLabels = new Map<string, number>();
  for (const line of lines) {
    const m = TRANSCRIPT_LABEL.exec(text.slice(line.start, line.end));
    if (m) transcriptLabels.set(m[1]!, (transcriptLabels.get(m[1]!) ?? 0) + 1);
  }
  // A transcript repeats a few speaker labels; a document's "交货地点：" labels do not repeat.
  const isTranscript = [...transcriptLabels.entries()].some(
    ([label, n]) =>
      n >= minRepeats &&
      (SUPPLIER_ROLE.test(label) || CUSTOMER_ROLE.test(label) || ownNames.some((o) => label.includes(o))),
  );
  let current: Speaker = 'unknown';
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    const chat = CHAT_LABEL.exec(content) ?? CHAT_INLINE_LABEL.exec(content);
    if (chat) {
      const label = chat[1]!.trim();
      current = classifyLabel(label, ownNames);
      if (current === 'customer') {
        const org = label.split(/[-—\s]/)[0]!.trim();
        if (org.length >= 2 && !customerLabels.includes(org) && !CUSTOMER_ROLE.test(org))
          customerLabels.push(org);
      }
      byLine[line.index] = current;
      continue;
    }
    if (isTranscript) {
      const m = TRANSCRIPT_LABEL.exec(content);
      if (m && transcriptLabels.get(m[1]!)! >= minRepeats) current = classifyLabel(m[1]!, ownNames);
    }
    byLine[line.index] = current;
  }
  return { byLine, customerLabels };
}
