// Who says what in chats and call transcripts. Prices and promises spoken by the supplier's own
// staff are offers, not the customer's requirements, so extractors need to tell the turns apart.
import type { Line } from './segment.js';

const CHAT_LABEL = /^\s*\[([^\]\n]{1,40})\]\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*$/;
const CHAT_INLINE_LABEL = /^\s*\[([^\]\n]{1,40})\]\s*\d{1,2}:\d{2}/;
// [佛山澜庭家居-吴总] 刘经理你好…: a chat export without times, the sender's organisation and name in
// the bracket and the words on the same line. Counted only when the label repeats or names us.
const CHAT_PREFIX_LABEL = /^\s*\[([^\]\n\s:：]{2,24}[-—\s][^\]\n]{1,12})\]\s*(?=\S)/;
// WeChat forwards: 【恒通】小钱：… — the bracket names the organisation, then the sender speaks.
const BRACKET_SENDER_LABEL = /^\s*[【[]([^】\]\n]{1,20})[】\]]\s*[^\s:：\n]{0,10}\s*[:：]/;
// Brackets that name the channel, not who is speaking.
const CHANNEL_WORD = /^(?:群聊|群|微信|wechat|聊天记录|语音|电话|短信|钉钉|企业微信|QQ|转发|通知|系统消息)$/i;
const TRANSCRIPT_LABEL = /^\s*([^\s:：，。]{1,10})[:：]/;
// ASR output often drops the colon: "销售 喂你好" — a role word, then a space, then the words spoken.
const ASR_ROLE_LABEL =
  /^\s*(销售|客户|客服|业务|业务员|采购|供应商|厂家|[\u4e00-\u9fff]{2,4}(?:销售|客户|采购))\s+(?=\S)/;
const SUPPLIER_ROLE =
  /^(?:销售|销售员|业务|业务员|客服|供应商|供方|卖方|乙方|我方|厂家|Sales|Seller|Supplier)/i;
const CUSTOMER_ROLE = /^(?:客户|采购|买方|需方|甲方|Customer|Buyer)/i;

export type Speaker = 'supplier' | 'customer' | 'unknown';

// Where a reply's quoted history starts: "-----原始邮件-----", "On … wrote:", "在…写道：", "> …".
const QUOTE_START =
  /^\s*(?:-{2,}\s*(?:原始邮件|原始郵件|原邮件|原郵件|Original Message|Forwarded message|转发邮件|轉發郵件)\s*-{2,}|(?:On|在|于)\s.{4,80}(?:wrote|写道|寫道)\s*[:：]|(?:在|于).{4,80}(?:写道|寫道)\s*[:：]|>)/i;

/** Character offset where quoted history begins, after some new text; null when there is none. */
export function quotedHistoryStart(text: string, lines: readonly Line[]): number | null {
  for (const line of lines) {
    if (!QUOTE_START.test(text.slice(line.start, line.end))) continue;
    return text.slice(0, line.start).trim() === '' ? null : line.start;
  }
  return null;
}

export interface SpeakerTurns {
  /** Speaker of each line (index = line index). */
  byLine: Speaker[];
  /** Organisation part of chat labels that are not the supplier ([凯途-采购 周婷] → 凯途). */
  customerLabels: string[];
}

/** "华锐 喂您好" in a colon-less transcript: the supplier's own name as the speaker label. */
function ownLabel(content: string, ownNames: readonly string[]): RegExpExecArray | null {
  const m = /^\s*(\S{1,10})\s+(?=\S)/.exec(content);
  return m && ownNames.some((n) => n !== '' && m[1] === n) ? m : null;
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
  const labelOf = (content: string): RegExpExecArray | null =>
    TRANSCRIPT_LABEL.exec(content) ??
    (channel === 'phone_transcript' ? ASR_ROLE_LABEL.exec(content) : null) ??
    (channel === 'phone_transcript' ? ownLabel(content, ownNames) : null);
  const prefixLabels = new Map<string, number>();
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    const m = labelOf(content);
    if (m) transcriptLabels.set(m[1]!, (transcriptLabels.get(m[1]!) ?? 0) + 1);
    const p = CHAT_PREFIX_LABEL.exec(content);
    if (p) prefixLabels.set(p[1]!, (prefixLabels.get(p[1]!) ?? 0) + 1);
  }
  const prefixLabel = (content: string): RegExpExecArray | null => {
    const p = CHAT_PREFIX_LABEL.exec(content);
    if (!p) return null;
    const label = p[1]!;
    return prefixLabels.get(label)! >= 2 || ownNames.some((n) => n !== '' && label.includes(n)) ? p : null;
  };
  // A transcript repeats a few speaker labels; a document's "交货地点：" labels do not repeat.
  const isTranscript = [...transcriptLabels.entries()].some(
    ([label, n]) =>
      n >= minRepeats &&
      (SUPPLIER_ROLE.test(label) || CUSTOMER_ROLE.test(label) || ownNames.some((o) => label.includes(o))),
  );
  let current: Speaker = 'unknown';
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    const chat =
      CHAT_LABEL.exec(content) ??
      CHAT_INLINE_LABEL.exec(content) ??
      BRACKET_SENDER_LABEL.exec(content) ??
      (prefixLabels.size > 0 ? prefixLabel(content) : null);
    if (chat && !CHANNEL_WORD.test(chat[1]!.trim())) {
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
      const m = labelOf(content);
      if (m && transcriptLabels.get(m[1]!)! >= minRepeats) current = classifyLabel(m[1]!, ownNames);
    }
    byLine[line.index] = current;
  }
  // A reply's quoted history is an earlier message (usually ours, answered here): not the customer's
  // new words, so its prices and terms are offers, as the supplier's lines are.
  const quoted = quotedHistoryStart(text, lines);
  if (quoted !== null) for (const line of lines) if (line.start >= quoted) byLine[line.index] = 'supplier';
  return { byLine, customerLabels };
}
