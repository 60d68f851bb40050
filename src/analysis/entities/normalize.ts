// Length-preserving normalisation: every UTF-16 unit maps to exactly one unit, so offsets found in the
// normalised text are offsets in the original. Grammars only have to know simplified, half-width forms.

const PAIRS =
  '萬万億亿點点兩两個个週周禮礼號号後后鐘钟時时幣币塊块這这來来間间晝昼聽听尋寻節节慶庆國国聖圣誕诞陽阳農农' +
  '婦妇勞劳動动兒儿軍军紀纪門门歸归權权齋斋開开爾尔難难復复東东獻献燈灯樹树裡里裏里噸吨價价稅税總总約约單单' +
  '條条張张臺台雙双對对組组溫温攝摄華华侖仑湯汤碼码內内於于與与從从為为實实際际舊旧閏闰臘腊陰阴燭烛曆历' +
  '壹一貳二贰二參三叁三叄三肆四伍五陸六陆六柒七捌八玖九拾十佰百仟千負负歐欧鎊镑圓圆釐厘鐘钟週周頭头豐丰' +
  '當当費费贖赎餅饼闆板務务穫获禍祸會会經经誦诵轉转蕉蕉寶宝薩萨衛卫麗丽灑洒紅红歡欢彩彩禮礼體体靈灵臨临顯显勝胜猶犹圖图穌稣難难麥麦龐庞' +
  '爾尔馬马獨独團团靜静默默餐餐設设盧卢齊齐黃黄劃划區区級级點点鬥斗縣县鎮镇處处證证達达運运輸输貨货訂订' +
  '數数量量長长寬宽厚厚徑径錢钱項项箇个隻只塊块捲卷張张發发現现讓让優优聯联繫系執执後后開开';

// Lookup table over the CJK block: 0 = unchanged.
const CJK_BASE = 0x4e00;
const CJK_TABLE = new Uint16Array(0xa000 - CJK_BASE);
for (let i = 0; i + 1 < PAIRS.length; i += 2) {
  const from = PAIRS.charCodeAt(i);
  if (from >= CJK_BASE && from < 0xa000) CJK_TABLE[from - CJK_BASE] = PAIRS.charCodeAt(i + 1);
}

// The finders run one after another on the same messages (analyzeMany runs each finder over a chunk
// of messages in turn), so the last few messages' normalised forms are kept. A string's hash is cached
// in the string itself, so looking up the same message text again is cheap.
const RECENT_MAX = 64;
const recent = new Map<string, string>();

/** Full-width ASCII → ASCII (except the full-width comma, which separates clauses in Chinese), traditional →
 * simplified for the characters the grammars use, financial numerals → ordinary numerals. */
export function normalizeText(s: string): string {
  // Short numerals are cheaper to redo than to look up; very long texts are not worth keeping.
  if (s.length < 16 || s.length > 100_000) return normalizeUncached(s);
  const hit = recent.get(s);
  if (hit !== undefined) return hit;
  const out = normalizeUncached(s);
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(s, out);
  return out;
}

function normalizeUncached(s: string): string {
  let parts: string[] | null = null;
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let m = 0;
    if (c < 0x3000) continue;
    if (c >= 0xff01 && c <= 0xff5e && c !== 0xff0c) m = c - 0xfee0;
    else if (c === 0x3000) m = 0x20;
    else if (c === 0x301c) m = 0x7e;
    else if (c >= CJK_BASE && c < 0xa000) m = CJK_TABLE[c - CJK_BASE] as number;
    if (m !== 0) {
      if (parts === null) parts = [];
      parts.push(s.slice(runStart, i), String.fromCharCode(m));
      runStart = i + 1;
    }
  }
  if (parts === null) return s;
  parts.push(s.slice(runStart));
  return parts.join('');
}
