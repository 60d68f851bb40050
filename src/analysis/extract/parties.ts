// Companies, people and the customer. The supplier's own names are never the customer.
import type { Customer } from '../../customers/customer.js';
import type { Line } from '../text/segment.js';
import { lineAt } from '../text/segment.js';
import { dropOverlapping, type Found, matchAll } from './found.js';

const ROLE_PREFIX = /^(?:客户|供应商|我司|贵司|本司|需方|供方|甲方|乙方|买方|卖方|单位)/;
const CN_COMPANY_SUFFIX =
  /(?:股份有限公司|有限责任公司|有限公司|集团有限公司|集团公司|集团|工程公司|贸易公司|公司|株式会社|商行|经销部|经营部|门市部|贸易行|(?:铝门窗|门窗|铝材|型材|五金|机械|模具|电器|塑料|铝业|制品|配件|机电)厂)/g;
// Place names a company name may start with whose characters also end names on the left
// (贵州…, 呼和浩特…, 和田…): read with the place, not cut after its first character.
const PLACE_PREFIXES = [
  '贵州',
  '贵阳',
  '贵港',
  '贵溪',
  '呼和浩特',
  '和田',
  '于都',
  '本溪',
  '从化',
  '即墨',
  '将乐',
  '和平',
];
// Characters that end a company name on its left: function words, verbs of address, punctuation.
const LEFT_STOP = /[^\u4e00-\u9fffA-Za-z（）()]|[的在于与和及是为致由向给对经被把从请我们你贵敝司本该将即]/;
// Latin letters include the accented ones of European names (Kühlsysteme, Energía).
const EN_COMPANY =
  /(?<![A-Za-zÀ-ÖØ-öø-ÿ])((?:[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ&'-]*[ \t]+){0,5}[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ&'-]*,?[ \t]+(?:Co\.,?\s*Ltd\.?|Pvt\.?[ \t]+Ltd\.?|Pte\.?[ \t]+Ltd\.?|Private[ \t]+Limited|Ltd\.?|Limited|Inc\.?|GmbH(?:[ \t]+&[ \t]+Co\.?[ \t]+KG)?|LLC|Corp\.?|Corporation|AG|AB|Oy|A\/S|ApS|ASA|plc|PLC|S\.p\.A\.|S\.A\.|S\.L\.|S\.r\.l\.|SRL|SAS|SARL|B\.V\.|N\.V\.|KG|SE|K\.K\.|Co\.)(?![A-Za-z0-9À-ÖØ-öø-ÿ-]))/g;

export function findCompanies(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matchAll(CN_COMPANY_SUFFIX, text)) {
    const end = m.index + m[0].length;
    let start = m.index;
    while (start > 0 && m.index - start < 24 && !LEFT_STOP.test(text[start - 1]!)) start--;
    for (const place of PLACE_PREFIXES) {
      // The place's first characters stand just left of the cut: 贵|州黔诚…
      for (let j = 1; j < place.length; j++) {
        if (start - j >= 0 && text.startsWith(place, start - j)) {
          start -= j;
          break;
        }
      }
    }
    // An opening bracket before the name (我司（XX有限公司）) is punctuation, not part of it; so is
    // one left open before it (宁德一家储能柜厂（福建闽储能源设备有限公司）: a description, then the name).
    while (start < m.index && /[（(]/.test(text[start]!)) start++;
    const lead = text.slice(start, m.index);
    const open = Math.max(lead.lastIndexOf('（'), lead.lastIndexOf('('));
    if (open >= 0 && !/[）)]/.test(lead.slice(open)) && m.index - (start + open + 1) >= 2) start += open + 1;
    // 这边青岛海纳…: where the speaker is, not part of the name.
    const here = /^(?:这边|这里|那边|系|係)/.exec(text.slice(start, m.index));
    if (here && m.index - start - here[0].length >= 2) start += here[0].length;
    // 黎振宇（采购工程师）东莞讯拓…: a signature's person and title before the company are not part of it.
    const titled = /^.*[（(][^（()）]*(?:采购|工程师|经理|主管|总监|专员|部|科|助理|总)[）)]/.exec(
      text.slice(start, m.index),
    );
    if (titled && m.index - start - titled[0].length >= 2) start += titled[0].length;
    // A role word glued to the name (客户比亚迪…, 需方XX…) is not part of it.
    const role = ROLE_PREFIX.exec(text.slice(start, m.index));
    if (role) start += role[0].length;
    // A bare 公司 after a pronoun (我司/贵公司) is no name.
    if (m.index - start < 2) continue;
    out.push({ type: 'company', start, end, value: text.slice(start, end) });
  }
  for (const m of matchAll(EN_COMPANY, text)) {
    const name = m[1]!;
    const start = m.index + m[0].indexOf(name);
    out.push({ type: 'company', start, end: start + name.length, value: name });
  }
  return dropOverlapping(out);
}

const PERSON_LABEL =
  /(?:联系人|采购员|采购|经办人|收件人|记录人|记录|买方代表|卖方代表|代表|Buyer|Contact|Attn\.?|致|自)\s*[:：]?\s*([\u4e00-\u9fff]{2,3})(?![\u4e00-\u9fff]{2})/g;
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const TITLED = new RegExp(`([${SURNAMES}])(?:经理|总监|总|工|先生|女士|小姐|主任|科长|部长)`, 'g');
const SIGNATURE_NAME = new RegExp(`(?:^|[\\s　])([${SURNAMES}][\\u4e00-\\u9fff]{1,2})\\s*$`);

export function findPeople(text: string, lines: readonly Line[]): Found[] {
  const out: Found[] = [];
  const push = (start: number, end: number) => {
    out.push({ type: 'person', start, end, value: text.slice(start, end) });
  };
  for (const m of matchAll(PERSON_LABEL, text)) {
    const name = m[1]!;
    if (!SURNAMES.includes(name[0]!)) continue;
    const start = m.index + m[0].length - name.length;
    push(start, start + name.length);
  }
  for (const m of matchAll(TITLED, text)) push(m.index, m.index + m[0].length);
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    const m = SIGNATURE_NAME.exec(content);
    if (m && content.length <= 40) {
      const start = line.start + content.length - m[1]!.length - (content.length - content.trimEnd().length);
      push(start, start + m[1]!.length);
    }
  }
  return dropOverlapping(out);
}

export interface CustomerMatch {
  name: string;
  known: boolean;
}

// 我是那个温州瑞丰的: a filler word between 是 and the name is not part of the name.
const SELF_INTRODUCTION = new RegExp(
  `我(?:是|们是)?(?:那个|这个|就是)?([\\u4e00-\\u9fff]{2,6}?)(?:的|那边的)(?:采购|销售|技术|质量|品质|工程师|计划|物流)?部?的?(?:老|小)?[${SURNAMES}]`,
);
// 我这边是常州瑞丰的，姓钱: the company before the caller gives a name.
const INTRODUCED_COMPANY =
  /(?:我们|我)(?:这边|这里)?是?(?:那个|这个|就是)?\s*([\u4e00-\u9fff]{2,14}?)(?:的|那边的)\s*(?:采购|销售|技术|质量|品质|工程师|计划|物流|老板|负责人|业务)?部?的?[，,\s]*(?:(?:嗯|呃|啊|那个)[，,\s]*)?(?:我?姓|我?叫)/;
// A chat export's sender line: "[微信] 宁波光曜照明 许工：" or "宁波海拓 钱敏：" — the
// organisation, maybe a department, the person, a colon, and the words on the next lines.
// 我们公司叫北盛铝业, 我们厂叫飞驰达, 我哋系…嘅光域照明: the caller names the company outright.
const NAMED_COMPANY =
  /(?:我们|我|我哋|我地)(?:的|嘅)?(?:公司|厂|工厂|单位|店|企业)(?:的?名字)?(?:叫做?|名叫|系|是)\s*([\u4e00-\u9fff]{2,10}?)(?=[，,。;；！!？?\s]|$)/;
const SENDER_HEADER =
  /^\s*(?:[[【][^\]】\n]{1,6}[\]】]\s*)?([\u4e00-\u9fff]{4,14})\s+(?:[\u4e00-\u9fff]{2,3}\s+)?[\u4e00-\u9fff]{1,3}\s*[:：]\s*$/m;
const DISOWNED_BEFORE = /(?:不是|并非|而非|不同于|区别于)[^，,。;；\n]{0,6}$/;
const PLACE_AFTER_NAME = /[园区路街镇]/;
const THIRD_PARTY_AFTER = /^\s*(?:介绍|推荐|引荐|的客户|的供应商|的要求|要求我司)/;
// 与合肥XX有限公司无隶属关系: a company the writer says they are not part of.
const DISOWNED_AFTER = /^\s*(?:无隶属|无关|没有关系|没有隶属|无任何关系|并非同一|不是同一|无关联)/;
const CUSTOMER_LABEL =
  /(?:需方|甲方|买方|客户|客户名称|询价单位|订货单位|采购方|FROM|From|自|Buyer|Customer)\s*(?:[（(][^\n）)]{0,6}[）)])?\s*[:：]\s*$/;
const SUB_SUPPLIER_CONTEXT =
  /(?:指定|限定为?|认可的|推荐|委托|外协|、|供方|乙方|卖方|Vendor|供应商)\s*[:：]?\s*$/;

export interface CustomerContext {
  normText: string;
  original: string;
  companies: readonly Found[];
  chatLabels: readonly string[];
  customers: readonly Customer[];
  ownNames: readonly string[];
  toSimplified: (s: string) => string;
  lines: readonly Line[];
}

function isOwn(name: string, ownNames: readonly string[]): boolean {
  return ownNames.some((o) => o !== '' && (name.includes(o) || o.includes(name)));
}

// The customer list comes with every message: its simplified names are worked out once per list.
const simplifiedLists = new WeakMap<
  readonly Customer[],
  { customer: Customer; name: string; short: string | null }[]
>();

export function simplifiedCustomers(
  customers: readonly Customer[],
  toSimplified: (s: string) => string,
): { customer: Customer; name: string; short: string | null }[] {
  let list = simplifiedLists.get(customers);
  if (list === undefined) {
    list = customers.map((c) => ({
      customer: c,
      name: toSimplified(c.name),
      short: c.shortName ? toSimplified(c.shortName) : null,
    }));
    simplifiedLists.set(customers, list);
  }
  return list;
}

export function matchKnownCustomer(
  name: string,
  customers: readonly Customer[],
  toSimplified: (s: string) => string,
): Customer | null {
  const n = toSimplified(name);
  const list = simplifiedCustomers(customers, toSimplified);
  for (const c of list) {
    if (c.name === n) return c.customer;
  }
  for (const c of list) {
    if (c.short && n.includes(c.short)) return c.customer;
  }
  return null;
}

/** The customer named in the text, in its fullest written form. */
export function identifyCustomer(ctx: CustomerContext): CustomerMatch | null {
  const { normText, original, customers, ownNames, toSimplified } = ctx;
  const lines = ctx.lines;
  const lineCount = lines.length;
  type Candidate = { name: string; score: number; known: boolean; pos: number };
  const candidates = new Map<string, Candidate>();
  for (const c of ctx.companies) {
    const normName = normText.slice(c.start, c.end);
    if (isOwn(normName, ownNames)) continue;
    const writtenName = original.slice(c.start, c.end);
    const before = normText.slice(Math.max(0, c.start - 14), c.start);
    const lineNo = lineAt(lines, c.start).index;
    let score = 1;
    if (CUSTOMER_LABEL.test(before)) score += 3;
    if (SUB_SUPPLIER_CONTEXT.test(before)) score -= 4;
    // 经XX贸易有限公司介绍 / 我司客户XX汽车: an introducer or the customer's own customer.
    if (THIRD_PARTY_AFTER.test(normText.slice(c.end, c.end + 8)) || /(?:我司|我们)的?客户\s*$/.test(before))
      score -= 3;
    if (DISOWNED_AFTER.test(normText.slice(c.end, c.end + 8))) score -= 6;
    if (lineNo <= 2 || lineNo >= lineCount - 3) score += 1;
    const known = matchKnownCustomer(normName, customers, toSimplified) !== null;
    if (known) score += 2;
    const prev = candidates.get(normName);
    if (prev) prev.score += 0.5;
    else candidates.set(normName, { name: writtenName.trim(), score, known, pos: c.start });
  }
  const best = [...candidates.values()].sort((a, b) => b.score - a.score || a.pos - b.pos)[0];
  if (best && best.score > 0) return { name: best.name, known: best.known };

  // No full name: the short name of a known customer as written, or a chat label's organisation.
  let shortHit: { name: string; pos: number } | null = null;
  for (const c of customers) {
    if (!c.shortName) continue;
    const short = toSimplified(c.shortName);
    // 我们是温州恒弛机电 不是常州那个恒驰: a known name the writer says they are not.
    let pos = normText.indexOf(short);
    while (pos >= 0 && DISOWNED_BEFORE.test(normText.slice(Math.max(0, pos - 10), pos)))
      pos = normText.indexOf(short, pos + 1);
    if (pos >= 0 && (shortHit === null || short.length > shortHit.name.length)) {
      shortHit = { name: original.slice(pos, pos + short.length), pos };
    }
    // 粤华门窗 for 广东粤华门窗幕墙工程有限公司: the short name written with more of the full name
    // around it is the fuller form, as long as it grows by a word (two characters) at least.
    if (pos >= 0) {
      const full = toSimplified(c.name);
      const inFull = full.indexOf(short);
      if (inFull < 0) continue;
      for (let at = pos; at >= 0; at = normText.indexOf(short, at + 1)) {
        if (DISOWNED_BEFORE.test(normText.slice(Math.max(0, at - 10), at))) continue;
        let s = at;
        while (s > 0 && inFull - (at - s) > 0 && normText[s - 1] === full[inFull - (at - s) - 1]) s--;
        let e = at + short.length;
        const fullEnd = inFull + short.length;
        while (
          e < normText.length &&
          fullEnd + (e - at - short.length) < full.length &&
          normText[e] === full[fullEnd + (e - at - short.length)]
        )
          e++;
        const grownLeft = at - s >= 2 ? at - s : 0;
        // 章丘鲁安工业园: a name that runs on into a site word is part of an address.
        const grownRight =
          e - at - short.length >= 2 && !PLACE_AFTER_NAME.test(normText[e] ?? '') ? e - at - short.length : 0;
        const from = at - grownLeft;
        const to = at + short.length + grownRight;
        if ((grownLeft > 0 || grownRight > 0) && to - from > (shortHit?.name.length ?? 0))
          shortHit = { name: original.slice(from, to), pos: from };
      }
    }
  }
  if (shortHit) return { name: shortHit.name, known: true };
  // Callers introduce themselves: 我粤华的老黄, 我是铭工的小李.
  const intro =
    SELF_INTRODUCTION.exec(normText) ?? INTRODUCED_COMPANY.exec(normText) ?? NAMED_COMPANY.exec(normText);
  if (intro && !isOwn(intro[1]!, ownNames) && !/^们|[这那]边|公司|采购|客户|自己|厂里/.test(intro[1]!)) {
    const start = intro.index + intro[0].indexOf(intro[1]!);
    const name = original.slice(start, start + intro[1]!.length);
    return { name, known: matchKnownCustomer(intro[1]!, customers, toSimplified) !== null };
  }
  const header = SENDER_HEADER.exec(normText);
  if (header && !isOwn(header[1]!, ownNames) && !/客户|采购|销售|群|微信/.test(header[1]!)) {
    const start = header.index + header[0].indexOf(header[1]!);
    const name = original.slice(start, start + header[1]!.length);
    return { name, known: matchKnownCustomer(header[1]!, customers, toSimplified) !== null };
  }
  for (const label of ctx.chatLabels) {
    if (!isOwn(label, ownNames))
      return { name: label, known: matchKnownCustomer(label, customers, toSimplified) !== null };
  }
  return null;
}
