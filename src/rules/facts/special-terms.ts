// Customer special requirements, from the company's closed list only: PPAP ≥ 3 on an existing part,
// 100 % inspection of deliveries, special packaging, special material certification, a designated
// sub-supplier, penalty clauses. Everything else (3.1 certs, FAI, AQL, CPK targets, normal packing,
// freight terms, 质保金 …) is a standard term and deliberately has no cue here.

import { clauseAround, findAll, isNegated, type PreparedText, sentenceAround } from '../text.js';
import type { Evidence } from '../types.js';
import { type ItemFacts, itemNear } from './items.js';

export interface Cue {
  start: number;
  end: number;
  text: string;
}

function keep(t: PreparedText, re: RegExp, extraReject?: (m: Cue) => boolean): Evidence[] {
  const spans: { start: number; end: number }[] = [];
  for (const m of findAll(t, re)) {
    if (isNegated(t.norm, m.start) || extraReject?.(m)) continue;
    const c = clauseAround(t.norm, m.start, m.end);
    const same = spans.find((s) => s.start < c.end && c.start < s.end);
    if (same) {
      same.start = Math.min(same.start, c.start);
      same.end = Math.max(same.end, c.end);
    } else spans.push(c);
  }
  return spans.map((c) => ({
    text: t.original.slice(c.start, c.end).trim(),
    start: c.start,
    end: c.end,
    source: 'message',
  }));
}

const CN_LEVEL: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const PPAP =
  /PPAP[^,，。；;\n\d]{0,8}?([1-5一二三四五])\s*级|PPAP[^,，。；;\n\d]{0,8}?(?:level|lvl|等级)\s*(?:为|是|:|：)?\s*([1-5])|([1-5一二三四五])\s*级\s*PPAP|level\s*([1-5])\s*PPAP/gi;

export interface PpapMention {
  level: number;
  evidence: Evidence;
  /** The part it is asked for is a catalogue (existing) part. */
  existingPart: boolean;
}

export function ppapMentions(t: PreparedText, items: ItemFacts[], newProduct: boolean): PpapMention[] {
  return findAll(t, PPAP)
    .filter((m) => !isNegated(t.norm, m.start))
    .map((m) => {
      const raw = m.groups.find((g) => g !== undefined) ?? '';
      const level = CN_LEVEL[raw] ?? Number(raw);
      const near = itemNear(items, m.start);
      // PPAP for a new part belongs to new-product development, not to the special terms.
      const existingPart = near ? near.catalogCode !== null : items.length > 0 && !newProduct;
      const c = clauseAround(t.norm, m.start, m.end);
      return {
        level,
        existingPart,
        evidence: {
          text: t.original.slice(c.start, c.end).trim(),
          start: c.start,
          end: c.end,
          source: 'message' as const,
        },
      };
    });
}

// 100%全检, and also 100%气密检测 / 100%检测孔径: every piece of the delivery checked for a
// characteristic is 100 % inspection whatever the characteristic is called. (每件附检测数据 is a
// document with each piece, not an inspection term.)
// Every piece tested by any method is the same term: 100%氦检漏, 100% X-ray, 逐件X光探伤,
// 逐件提供三坐标检测数据.
const FULL_INSPECTION =
  /100\s*%\s*(?:全检|检验|检查|全数检|探伤|inspection|inspected)|100\s*%\s*[^，,。；;\n%]{0,8}?(?:检|测|探伤|X光|X-?ray|inspect|test)|全数检[验查]|百分之百检|全检|逐(?:件|支|个|根)[^，,。；;\n]{0,10}?(?:检[验查测]|测量|探伤|X光|三坐标)|(?:each|every) (?:part|piece|pc)[^.;\n]{0,20}?(?:inspected|tested|x-?ray)/gi;
const CONTAINMENT = /库存|在库|已生产|已经生产|已完成|仓库内|在途|现有|挑选|围堵|containment|sort/i;
const FORWARD =
  /后续|今后|以后|剩余|余下|每批|出货前|发货前|交货前|所有|全部交付|每次|each (lot|batch|delivery)|all (future )?deliveries/i;

function isOneOffContainment(t: PreparedText, m: Cue): boolean {
  const s = sentenceAround(t.norm, m.start, m.end);
  const sentence = t.norm.slice(s.start, s.end);
  return CONTAINMENT.test(sentence) && !FORWARD.test(sentence);
}

// The customer's own returnable containers are named many ways (我司提供的恒驰周转箱, 可循环塑料周转箱
// KLT 6429, 空箱随车返回): the owner before the container, or its being returned, is what makes it special.
const SPECIAL_PACKAGING =
  /特殊包装|(?:客户|我司|需方|甲方|本公司|我方|我们)(?:的|提供的?|自有的?|发的|配的|配发的)?[^，,。；;\n]{0,8}?(?:周转箱|周转料架|周转架|料架|循环箱|专用器具|包装箱|料箱|周转筐|周转车)|(?:专用|可回收|可循环|循环使用|返还式|回收式|租赁)的?(?:周转箱|周转架|料架|器具|包装|料箱)|[^，,。；;\n]{1,8}提供的[^，,。；;\n]{0,8}?(?:周转箱|周转架|周转料架|料架|料箱|器具)|(?:周转箱|周转架|周转料架|料架|料箱|器具)[^，,。；;\n]{0,4}?由?(?:甲方|客户|我司|需方|我方|我们)(?:提供|负责|出)|(?:铁质|钢制|钢质|金属)周转(?:架|箱)|循环(?:包装|料架|周转箱)|(?<![A-Za-z])[KG]LT(?![A-Za-z])|空箱[^，,。；;\n]{0,6}?(?:返回|返还|带回|回收|退回)|returnable (?:container|packaging|rack)s?|单件(?:VCI|真空|独立)?包装|单件.{0,4}(?:VCI|真空袋|独立包装)|VCI|气相防锈(?:袋|膜)|真空包装|独立包装|单独包装|逐件包装|(?:每件|逐件|单件|每支|逐支|单支|每个|单个)(?:单独)?(?:套|装|包)[^，,。；;\n]{0,4}袋|(?:每件|逐件|单件|每支|逐支|单支|每个|单个)(?:都)?(?:用|以|采用)?(?:单独|独立)?[^，,。；;\n]{0,6}?(?:吸塑盒?|气泡(?:袋|膜)|泡沫盒|防锈袋|珍珠棉袋|包装袋|(?:纸|塑料)盒)|individual(?:ly)? pack|(?:single|one|individual) (?:VCI )?(?:bag|box) per (?:part|piece|pc)/gi;

const MATERIAL_CERT =
  /(?:EN\s*10204\s*[-/:]?\s*(?:type\s*)?3\.2)|(?<![\d.])3\.2\s*(?:证书|证明|certificate|cert|材质证明|类证书)|第三方[^。；;\n,，]{0,10}?(?:见证|监造|出具|证书|认证的?材质|检验证书)|third[- ]party (?:witness(?:ed)?|inspection certificate|certificate)|witnessed (?:test|certificate)/gi;

// 恒亮是我们指定的: the designation may come after the name of the sub-supplier.
const PROCESSOR = '(?:涂装|喷涂|喷粉|氧化|电镀|热处理|表面处理|铸造|锻造|加工)(?:厂|公司)';
const SUB_SUPPLIER = new RegExp(
  [
    `(?:指定|认可|限定|指派|nominated|designated|approved)[^。；;\\n,，]{0,25}?(?:供应商|供方|厂家|厂商|公司|铝业|铝材|表面处理|热处理|电镀|阳极氧化厂|${PROCESSOR}|supplier|vendor|mill|source)`,
    '(?:是|为)(?:我们|我司|客户|甲方|需方|我方)(?:的)?指定(?:的|供应商|厂家)',
    // 由佛山南海明途涂装厂加工: the customer names who does a process step.
    `由[^，,。；;\\n]{2,16}?${PROCESSOR}(?:加工|处理|喷涂|做|完成|负责)`,
  ].join('|'),
  'gi',
);
const LOGISTICS =
  /物流|快递|承运|货代|运输|顺丰|德邦|车队|仓库|收货|地址|carrier|forwarder|freight|courier|logistics/i;

// Damages for lateness, however worded: 违约金, 晚一天扣货款千分之五, 每延期一天扣该批货款1%, 延迟扣款条款,
// an LD of 0.5%/day.
const PENALTY =
  /违约金|罚款|罚金|(?:晚|迟|拖|延|慢|超)(?:交|到|送|发|货|期)?\s*(?:一|1|每)\s*(?:天|日|小时)[^。；;\n]{0,6}?(?:扣|罚|赔)[^。；;\n]{0,8}?(?:[\d一二三四五六七八九十百千万两]|千分之|百分之|万分之|%)|liquidated damages|\bLDs?\b[^.;\n]{0,24}?(?:%|per day|\/\s*day)|penalt(?:y|ies)|(?:每(?:逾期|延迟|延期|拖期|迟延|延误|迟交|晚交|晚到|超期)?(?:一|1)?\s*|(?:逾期|延迟|延期|拖期|迟延|延误|迟交|晚交|晚到|超期)[^。；;\n]{0,6}?)(?:天|日|小时)[^。；;\n]{0,20}?(?:扣款|扣|罚|赔偿|支付|扣除|%|千分之|万分之)|(?:延迟|延期|逾期|迟交)扣款|per (?:day|hour) of delay|%\s*\/\s*day/gi;

export interface SpecialTermFacts {
  ppapLevelExistingPart: number | null;
  fullInspection: boolean;
  specialPackaging: boolean;
  specialMaterialCertification: boolean;
  designatedSubSupplier: boolean;
  penaltyClause: boolean;
  evidence: Record<
    | 'ppapLevelExistingPart'
    | 'fullInspection'
    | 'specialPackaging'
    | 'specialMaterialCertification'
    | 'designatedSubSupplier'
    | 'penaltyClause',
    Evidence[]
  >;
}

export function specialTermFacts(t: PreparedText, items: ItemFacts[], newProduct: boolean): SpecialTermFacts {
  const ppap = ppapMentions(t, items, newProduct).filter((p) => p.existingPart && p.level >= 1);
  const maxLevel = ppap.length ? Math.max(...ppap.map((p) => p.level)) : null;
  const fullInspection = keep(t, FULL_INSPECTION, (m) => isOneOffContainment(t, m));
  const packaging = keep(t, SPECIAL_PACKAGING);
  const materialCert = keep(t, MATERIAL_CERT, (m) =>
    /rohs|reach|imds/i.test(t.norm.slice(m.start, m.end + 12)),
  );
  // A nominated carrier is logistics, and "changing a supplier needs our approval" is change control.
  const subSupplier = keep(t, SUB_SUPPLIER, (m) => {
    const span = t.norm.slice(m.start, m.end);
    return LOGISTICS.test(span) || /变更|更换|change/i.test(span);
  });
  const penalty = keep(t, PENALTY);
  return {
    ppapLevelExistingPart: maxLevel,
    fullInspection: fullInspection.length > 0,
    specialPackaging: packaging.length > 0,
    specialMaterialCertification: materialCert.length > 0,
    designatedSubSupplier: subSupplier.length > 0,
    penaltyClause: penalty.length > 0,
    evidence: {
      ppapLevelExistingPart: ppap.filter((p) => p.level === maxLevel).map((p) => p.evidence),
      fullInspection,
      specialPackaging: packaging,
      specialMaterialCertification: materialCert,
      designatedSubSupplier: subSupplier,
      penaltyClause: penalty,
    },
  };
}

/** The same cues run over a standing CSR entry: does the entry itself demand a special term? */
export function csrTextIsSpecial(text: string, prepare: (s: string) => PreparedText): boolean {
  const t = prepare(text);
  const f = specialTermFacts(t, [], false);
  return (
    f.fullInspection ||
    f.specialPackaging ||
    f.specialMaterialCertification ||
    f.designatedSubSupplier ||
    f.penaltyClause ||
    findAll(t, PPAP).some((m) => !isNegated(t.norm, m.start) && /[3-5三四五]/.test(m.text))
  );
}
