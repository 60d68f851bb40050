// Finds catalogue products in a message the way customers write them: the full model
// (HR-6063-4520), its distinctive tail (4520, BT01, spoken 四五二零 after normalisation), the full
// name, or a shorter distinctive part of the name (托盘边框, 门窗料, 断桥料, 主缸缸体).
import type { Product } from '../../catalog/product.js';
import { getJieba } from '../text/jieba.js';

export interface CatalogIndex {
  products: readonly Product[];
  /** Alias (simplified, half-width) → codes it can mean. */
  aliases: Map<string, string[]>;
  /**
   * First UTF-16 unit (as a number, so the per-character scan neither allocates a one-character string
   * nor hashes one) → aliases starting with it, longest first (a regex of ~1000 alternatives is slow).
   */
  aliasesByFirstChar: Map<number, string[]>;
  /** Model or model tail (upper case) → code. */
  models: Map<string, string>;
  modelRe: RegExp | null;
  /** Distinguishing qualifiers of products that share an alias (18英寸 / 20英寸). */
  qualifiers: Map<string, string[]>;
}

// Parts of names too generic to identify a product on their own.
const GENERIC = new Set([
  '型材',
  '铝型材',
  '工业',
  '结构',
  '建筑',
  '汽车',
  '电池',
  '新能源',
  '系统',
  '支架',
  '壳体',
  '毛坯',
  '铝合金',
  '英寸',
  '隔热',
  '精密',
  '部件',
  '零件',
  '电机',
  '制动',
  '立柱',
  '散热器',
  '轮毂',
  '边框',
  '电池包',
  '工业型材',
  '结构型材',
  '系统件',
  '电子',
  '电驱',
  '热管理',
  '散热',
  '汽车结构件',
  '新能源汽车',
]);
// Heads that make a name fragment a product on its own (门窗 + 料 → 门窗料).
export const PRODUCT_HEADS = [
  '支座',
  '底座',
  '安装座',
  '托架',
  '外壳',
  '连接件',
  '接头',
  '轴套',
  '衬套',
  '冷板',
  '散热片',
  '导轨',
  '铝型材',
  '型材',
  '料',
  '方管',
  '管',
  '防撞梁',
  '横梁',
  '梁',
  '吸能盒',
  '盒',
  '转向节',
  '控制臂',
  '支架',
  '壳体',
  '缸体',
  '端盖',
  '后盖',
  '盖板',
  '毛坯',
  '轮毂',
  '散热器',
  '边框',
  '底板',
  '立柱',
  '阀体',
  '法兰',
  '铸件',
  '锻件',
];

// English names customers use for catalogue nouns (global: scanned with matchAll).
export const ENGLISH_PRODUCT_TERMS: [RegExp, string][] = [
  [/bumper\s+beams?/gi, '防撞梁'],
  [/crash\s+box(?:es)?/gi, '吸能盒'],
  [/steering\s+knuckles?/gi, '转向节'],
  [/lower\s+control\s+arms?/gi, '下控制臂'],
  [/control\s+arm\s+brackets?/gi, '控制臂支架'],
  [/(?:brake\s+)?caliper\s+housings?/gi, '制动卡钳壳体'],
  [/master\s+cylinder(?:\s+bod(?:y|ies))?/gi, '制动主缸缸体'],
  [/motor\s+housings?/gi, '电机壳体'],
  [/(?:motor\s+)?end\s+covers?/gi, '电机端盖'],
  [/(?:reducer|gearbox)\s+housings?/gi, '减速器壳体'],
  [/wheel\s+blanks?/gi, '轮毂毛坯'],
  [/water\s+pump\s+housings?/gi, '电子水泵壳体'],
  [/heat\s*sink\s+profiles?|heatsink\s+profiles?/gi, '散热器型材'],
  [/heat\s*sinks?(?!\s+profiles?)/gi, '散热器'],
  [/battery\s+tray\s+(?:side\s+)?frames?/gi, '电池托盘边框型材'],
  [/(?:PV|solar)\s+frames?/gi, '光伏边框型材'],
  [/window\s+profiles?/gi, '门窗型材'],
  [/square\s+tubes?/gi, '方管'],
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function stripAlloyPrefix(name: string): string {
  return name.replace(/^[0-9A-Z]+(?:-[A-Z0-9]+)?/, '');
}

const cache = new WeakMap<readonly Product[], CatalogIndex>();

export function indexCatalog(
  products: readonly Product[],
  toSimplified: (s: string) => string,
): CatalogIndex {
  const cached = cache.get(products);
  if (cached) return cached;
  const aliasCodes = new Map<string, Set<string>>();
  const add = (alias: string, code: string) => {
    if (alias.length < 2 || GENERIC.has(alias) || /^[0-9A-Z.-]+$/i.test(alias)) return;
    const set = aliasCodes.get(alias) ?? new Set<string>();
    set.add(code);
    aliasCodes.set(alias, set);
  };
  const qualifiers = new Map<string, string[]>();
  const jieba = getJieba();
  for (const p of products) {
    const name = toSimplified(p.name.normalize('NFKC'));
    add(name, p.code);
    const bare = stripAlloyPrefix(name);
    const qualifier = /[（(]([^）)]+)[）)]/.exec(bare)?.[1];
    const core = bare.replace(/[（(][^）)]*[）)]/g, '');
    add(bare, p.code);
    add(core, p.code);
    if (qualifier) qualifiers.set(p.code, [qualifier]);
    const tokens = jieba.cut(core, false).filter((t) => t.trim() !== '');
    // Customers shorten names (插片式散热器 → 插片散热器 → 插片): every run of three or more
    // characters, and the two-character start and end of the name, may stand for it.
    const cjk = core.replace(/[^\u4e00-\u9fff]/g, '');
    for (let i = 0; i < cjk.length; i++) {
      for (let j = i + 3; j <= cjk.length; j++) add(cjk.slice(i, j), p.code);
    }
    add(cjk.slice(0, 2), p.code);
    add(cjk.slice(-2), p.code);
    for (let i = 0; i < tokens.length; i++) {
      let alias = '';
      for (let j = i; j < tokens.length; j++) {
        alias += tokens[j];
        add(alias, p.code);
      }
    }
  }
  // An alias that names several products identifies none, unless a qualifier or model decides later.
  const aliases = new Map<string, string[]>();
  for (const [alias, codes] of aliasCodes) {
    if (codes.size === 1 || (alias.length >= 3 && [...codes].every((c) => qualifiers.has(c)))) {
      aliases.set(alias, [...codes]);
    }
  }
  const models = new Map<string, string>();
  for (const p of products) {
    if (!p.model) continue;
    const model = p.model.toUpperCase();
    models.set(model, p.code);
    const segments = model.split('-');
    const tail = segments.at(-1)!;
    // HR-SB-6061-08 is written SB-08 or SB08: the letter code with the tail, without prefix and alloy.
    const letterCode = segments.slice(1, -1).find((s) => /^[A-Z]{2,4}$/.test(s));
    if (letterCode && segments.length >= 3) {
      models.set(`${letterCode}-${tail}`, p.code);
      models.set(`${letterCode}${tail}`, p.code);
    }
    if (tail.length >= 3 && (/[A-Z]/.test(tail) || tail.length >= 4)) {
      models.set(tail, p.code);
      const digits = tail.replace(/[A-Z]+$/, '');
      if (digits !== tail && digits.length >= 4) models.set(digits, p.code);
    }
  }
  const sortedAliases = [...aliases.keys()].sort((a, b) => b.length - a.length);
  const aliasesByFirstChar = new Map<number, string[]>();
  for (const alias of sortedAliases) {
    const list = aliasesByFirstChar.get(alias.charCodeAt(0)) ?? [];
    list.push(alias);
    aliasesByFirstChar.set(alias.charCodeAt(0), list);
  }
  const sortedModels = [...models.keys()].sort((a, b) => b.length - a.length);
  const index: CatalogIndex = {
    products,
    aliases,
    aliasesByFirstChar,
    models,
    modelRe: sortedModels.length
      ? new RegExp(`(?<![A-Za-z0-9])(${sortedModels.map(escapeRegExp).join('|')})(?![0-9])`, 'gi')
      : null,
    qualifiers,
  };
  cache.set(products, index);
  return index;
}
