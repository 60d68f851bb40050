// Every span of a message that could be the customer's name, with where it was found. The hand
// rules (parties.ts) find a name where a legal suffix, a known customer or a fixed phrase marks it;
// a new customer who signs "——朗明照明 杨帆", opens a call with "我常州金坛永盛机电的老蒋" or writes
// from a chat line "青岛岚山冷链电器 品质 刘工：" is named in a slot, not by a suffix. The slots are
// generic — a run of Chinese characters between breaks, with the greeting, self-introduction,
// department and person peeled off its ends — and a trained scorer (customer-scorer.ts) learns
// which of them names a company. Pure.
import type { Customer } from '../../customers/customer.js';
import type { Line } from '../text/segment.js';
import { lineAt } from '../text/segment.js';
import type { Found } from './found.js';
import { matchKnownCustomer, simplifiedCustomers } from './parties.js';

export interface CustomerCandidate {
  /** As written (original text), the form reported. */
  name: string;
  /** Normalised form, for matching. */
  norm: string;
  start: number;
  end: number;
  /** How the span was found: company, known, rule, run, intro, person-cut, dept-cut, label, latin. */
  sources: Set<string>;
  known: boolean;
}

export interface CandidateContext {
  normText: string;
  original: string;
  companies: readonly Found[];
  chatLabels: readonly string[];
  customers: readonly Customer[];
  ownNames: readonly string[];
  toSimplified: (s: string) => string;
  lines: readonly Line[];
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
// Words that open a run before a name: greetings, self-introduction, letterhead labels.
const LEAD =
  /^(?:你好|您好|喂|嗯|哎|诶|啊|那个|这个|就是|我是|我们是|我们这边是|我这边是|这边是|我这里是|这里是|我们这里是|我们|我这边|这边|我|是|来自|致|发|收|自|from|敬启者|尊敬的|各位好|大家好|客户)/;
// What follows a name inside the same run: 的 + a person or a role, a department, a person.
const TRAIL_DE = /的(?:[\u4e00-\u9fff]{0,5})$/;
const TRAIL_DEPT =
  /(?:采购部|采购科|采购中心|供应链|供应部|物流部|计划部|品质部|品保部|质量部|质检部|质管部|技术部|研发部|工程部|生产部|销售部|商务部|财务部|办公室|总经办|采购|品质|质量|技术|研发|工程|计划|物流|仓库|商务|财务|老板|负责人|业务)$/;
const TRAIL_TITLE = /(?:经理|总监|总|工|主管|主任|科长|部长|助理|专员|先生|女士|小姐|老师|师傅)$/;
const PERSON_END = new RegExp(`[${SURNAMES}][\\u4e00-\\u9fff]{1,2}$`);
const RUN = /[\u4e00-\u9fff]{2,30}/g;
// Latin names: capitalised words (a parenthesised place allowed: "Brightwell Suspension Systems
// (Shanghai) Co., Ltd.") ending in a legal form of any case, or two to six capitalised words alone
// (a signature's "Shakti Auto Components"); the scorer decides which is a company.
const LATIN_NAME =
  /(?<![A-Za-z])((?:(?:[A-Z][A-Za-z&'.-]*|\([A-Z][A-Za-z ]*\))[ \t]+){0,6}(?:co\.?,?\s*ltd\.?|pvt\.?[ \t]+ltd\.?|pte\.?[ \t]+ltd\.?|ltd\.?|limited|inc\.?|gmbh|mbh|llc|corp\.?|corporation|s\.?a\.?|s\.?r\.?l\.?|b\.?v\.?))(?![A-Za-z0-9])/gi;
const LATIN_WORDS = /(?<![A-Za-z])(?:[A-Z][A-Za-z&'-]+[ \t]+){1,5}[A-Z][A-Za-z&'-]+(?![A-Za-z])/g;
// Words that open a line or a phrase before a name, not part of it.
const LATIN_LEAD =
  /^(?:(?:For|From|To|Dear|Attn|Attention|Messrs|By|Of|On|Behalf|Regards|Best|Sincerely|Yours|Buyer|Customer|Company|The|Re|Subject|Sent|Date|Kind)\.?[ \t:：,]+)+/;
const LATIN_LABEL =
  /(?:^|\n)\s*(?:From|For|Buyer|Customer|Company)\s*[:：]?\s*([A-Z][A-Za-z&'. -]{2,60}?)\s*(?:[,，\n]|$)/g;

// Labels of the channel or the record, never a company: [群聊], 【通话转写】, 电话录音转写, 会议纪要.
const RECORD_WORD =
  /^(?:群聊|群|微信|企业微信|钉钉|短信|语音|聊天记录|系统消息|转发|通知)$|转写|录音|通话记录|会议纪要|会议记录|聊天记录/;

export function isRecordLabel(name: string): boolean {
  return RECORD_WORD.test(name.trim());
}

function isOwn(name: string, ownNames: readonly string[]): boolean {
  return ownNames.some((o) => o !== '' && (name.includes(o) || o.includes(name)));
}

/** Candidate spans of one message, deduplicated by span (sources merged). */
export function customerCandidates(
  ctx: CandidateContext,
  rulePick: { name: string } | null,
): CustomerCandidate[] {
  const { normText, original, customers, ownNames, toSimplified } = ctx;
  const bySpan = new Map<string, CustomerCandidate>();
  const add = (start: number, end: number, source: string): void => {
    if (end - start < 2 || end - start > 40) return;
    const norm = normText.slice(start, end);
    if (isOwn(norm, ownNames) || RECORD_WORD.test(norm)) return;
    const key = `${start}:${end}`;
    let c = bySpan.get(key);
    if (!c) {
      c = {
        name: original.slice(start, end),
        norm,
        start,
        end,
        sources: new Set(),
        known: matchKnownCustomer(norm, customers, toSimplified) !== null,
      };
      bySpan.set(key, c);
    }
    c.sources.add(source);
  };

  for (const c of ctx.companies) add(c.start, c.end, /[A-Za-z]/.test(String(c.value)) ? 'latin' : 'company');

  for (const cust of simplifiedCustomers(customers, toSimplified)) {
    for (const f of [cust.name, cust.short]) {
      if (!f) continue;
      for (let at = normText.indexOf(f); at >= 0; at = normText.indexOf(f, at + 1))
        add(at, at + f.length, 'known');
    }
  }

  for (const m of normText.matchAll(RUN)) {
    peel(m.index, m.index + m[0].length, normText, add);
  }

  const latin = (start: number, text: string, source: string) => {
    const lead = LATIN_LEAD.exec(text);
    const skip = lead ? lead[0].length : 0;
    const name = text.slice(skip).trimEnd();
    // The first word must be capitalised: with the case-blind legal forms the match may start lower.
    if (name.length >= 2 && /^[A-Z(]/.test(name)) add(start + skip, start + skip + name.length, source);
  };
  for (const m of normText.matchAll(LATIN_NAME)) {
    const at = m.index + m[0].indexOf(m[1]!);
    latin(at, m[1]!, 'latin');
    // The legal form may be a separate phrase: offer the name without it too.
    const bare =
      /^(.*?)[ \t,]+(?:co\.?,?\s*ltd\.?|pvt\.?[ \t]+ltd\.?|pte\.?[ \t]+ltd\.?|ltd\.?|limited|inc\.?|gmbh|mbh|llc|corp\.?|corporation)$/i.exec(
        m[1]!,
      );
    if (bare?.[1]) latin(at, bare[1], 'latin-bare');
  }
  for (const m of normText.matchAll(LATIN_WORDS)) latin(m.index, m[0], 'latin-words');
  for (const m of normText.matchAll(LATIN_LABEL)) {
    latin(m.index + m[0].indexOf(m[1]!), m[1]!, 'label');
  }
  for (const label of ctx.chatLabels) {
    const f = normText.indexOf(label);
    if (f >= 0) add(f, f + label.length, 'chat');
  }
  if (rulePick) {
    const at = original.indexOf(rulePick.name);
    if (at >= 0) add(at, at + rulePick.name.length, 'rule');
  }
  return [...bySpan.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

const MAX_BARE_NAME = 16;
const SENTENCE_WORD = /[我你他她们了吗呢吧啊么请把给说没就也很想问]/;

/**
 * A run of Chinese characters and the spans left when what opens or closes it around a name is
 * peeled off: 我常州金坛永盛机电的老蒋 → 常州金坛永盛机电; 凌波储能 stays; 博拓谭伟 → 博拓.
 */
function peel(
  start: number,
  end: number,
  text: string,
  add: (s: number, e: number, src: string) => void,
): void {
  const seen = new Set<string>();
  const emit = (s: number, e: number, src: string) => {
    const k = `${s}:${e}`;
    // A span with words no company name holds (我们, 了, 吗, 请…) is part of a sentence, not a name,
    // and so is one longer than any name written without a legal suffix.
    if (seen.has(k) || e - s > MAX_BARE_NAME || SENTENCE_WORD.test(text.slice(s, e))) return;
    seen.add(k);
    add(s, e, src);
  };
  emit(start, end, 'run');
  let s = start;
  for (let i = 0; i < 3; i++) {
    const lead = LEAD.exec(text.slice(s, end));
    if (!lead || lead[0].length === 0 || end - s - lead[0].length < 2) break;
    s += lead[0].length;
    emit(s, end, 'intro');
  }
  for (const from of s === start ? [start] : [start, s]) {
    let e = end;
    for (let i = 0; i < 3; i++) {
      const piece = text.slice(from, e);
      const de = TRAIL_DE.exec(piece);
      const dept = TRAIL_DEPT.exec(piece);
      const title = TRAIL_TITLE.exec(piece);
      let cut = 0;
      let src = '';
      if (de && piece.length - de[0].length >= 2) {
        cut = de[0].length;
        src = 'de-cut';
      } else if (dept && piece.length - dept[0].length >= 2) {
        cut = dept[0].length;
        src = 'dept-cut';
      } else if (title && piece.length - title[0].length >= 3) {
        // 刘工, 王经理: the surname before the title goes too.
        cut = title[0].length + 1;
        src = 'person-cut';
      } else {
        const person = PERSON_END.exec(piece);
        if (person && piece.length - person[0].length >= 2) {
          cut = person[0].length;
          src = 'person-cut';
        }
      }
      if (cut === 0) break;
      e -= cut;
      emit(from, e, src);
      // A person's name may be two or three characters: offer both cuts.
      if (src === 'person-cut' && e - from >= 3) emit(from, e + 1, 'person-cut');
    }
  }
}

/** The line of a candidate and where in the message it is. */
export function candidateLine(lines: readonly Line[], pos: number): { index: number; line: Line } {
  const line = lineAt(lines, pos);
  return { index: line.index, line };
}
