// Hand-picked cues that a few hundred training messages cannot teach reliably on their own. They are
// emitted as features ("L:…") so the trained weights decide how much each cue counts; nothing here
// decides a label by itself.

type Cue = readonly [name: string, pattern: RegExp];

const CUES: readonly Cue[] = [
  ['negation', /不|没有|没|未|别|无法|并非|non?\b|not\b/i],
  ['intensifier', /非常|特别|十分|极其|太|很|严重|实在|真的|简直|完全|多次|一再|反复|very|extremely/i],
  [
    'complaint',
    /投诉|质量问题|不良|不合格|拒收|退货|返工|挑选|开裂|划伤|气孔|变形|色差|毛刺|8D|整改|complain|defect|reject/i,
  ],
  [
    'threat',
    /索赔|扣款|扣除|罚款|取消合作|停止合作|换供应商|找别家|其他供应商|再这样|再出现|不能再|停线|追究|法律|penalt|claim|legal/i,
  ],
  [
    'anger',
    /[?？]{2,}|😡|😠|🤬|到底|怎么回事|搞什么|什么情况|无法接受|不可接受|失望|气愤|恼火|离谱|unacceptable|disappoint/i,
  ],
  [
    'dissatisfied',
    /不满|不满意|太差|太慢|很差|一拖再拖|又延期|又晚|又出|还没|影子都没|一再|第[二三四]次|again|still not/i,
  ],
  [
    'praise',
    /表扬|感谢|谢谢|致谢|给力|满意|点赞|👍|优秀|辛苦了|认可|好评|赞|great job|thank|appreciat|excellent/i,
  ],
  [
    'praise_strong',
    /非常满意|特别满意|评价很高|评价极佳|特此致谢|表现优异|优秀供应商|继续保持|质量稳定|品质稳定|一次性全收|太给力/,
  ],
  ['question', /[?？]|吗|么|能否|可否|是否|请问/],
  ['po_number', /\b[A-Z]{1,6}-?(?:PO|HT|CG)-?[0-9A-Z-]{3,}|订单号|订单编号|PO号|合同编号|PO\s*No/i],
  ['rfq', /询价|报价|RFQ|quot|请报|多少钱|什么价|价格多少|单价多少|招标|投标|比价|tender/i],
  [
    'sample',
    /样件|样品|打样|寄样|试制|试样|送样|首件|[打做寄送]\s*[\d一二两三四五六七八九十]+\s*[个件只套]?\s*样|sample|prototype|trial/i,
  ],
  [
    'change',
    /变更|更改|修改|改为|改成|调整为|调整|由.{1,16}改|升版|Rev\.?\s?[A-Z]\s*[→>-]|补充协议|amend|revis|change/i,
  ],
  ['cancel', /取消|撤销|作废|终止|不要了|别做了|停止执行|cancel|withdraw/i],
  [
    'where',
    /什么时候(?:发|到|能)|何时(?:发|到)|哪天到|发了没|发货了吗|到哪|物流|单号|快递|在途|ETA|tracking|where is|shipped yet/i,
  ],
  [
    'technical',
    /技术|工艺|能否做到|可行性|公差|粗糙度|硬度|热处理|时效|淬火|材质|牌号|图纸|数模|气密|壁厚|technical|tolerance/i,
  ],
  ['order', /采购订单|订单如下|下单|订购|订货|采购合同|购销合同|请发货|要货|追加|purchase order|\bPO\b/i],
  ['urgent', /急|尽快|马上|立即|务必|加急|asap|urgent/i],
  // A price the customer proposes with the order made conditional on it: still an enquiry.
  [
    'counter_offer',
    /最多(?:给到|出到|只能给|能给)|可接受的单价|目标价|(?:能|可以)?接受的话|能做的话|行的话|同意的话|若贵司(?:同意|接受)|(?:定了|同意|接受)(?:的话)?(?:我们?|我司)?(?:就|再|将)(?:下|发|走)|if you (?:can )?accept|we could go to/i,
  ],
  // Part of an order dropped, the rest kept: a change of quantity, not a cancellation.
  [
    'partial_cut',
    /其中.{0,10}(?:不再需要|暂不需要|不需要|取消)|(?:减掉|砍掉|扣减|下调为|减至|减为)|(?:剩下|其余|剩余).{0,10}(?:照常|仍按|仍然|不变)/,
  ],
  // "no change" (未做任何变更, 价格维持不变, no design change): the word 变更 without a change.
  [
    'no_change',
    /(?:未|没有|没|无|不)(?:发生|做|作)?(?:任何)?(?:变更|更改|改动|变化)|(?:维持|保持|照旧)[^，,。;；\n]{0,8}不变|no\s+(?:design\s+)?change/i,
  ],
  ['apology_from_supplier', /抱歉|不好意思|对不起|sorry/i],
  // A wrong invoice sent back (发票开错, 已退票): a complaint about papers, whatever order it cites.
  [
    'invoice_error',
    /发票[^，,。;；\n]{0,12}(?:开错|写错|错了|有误|不符|错误)|退票|重开发票|重新开票|wrong invoice|invoice error/i,
  ],
  // Volumes adjusted under a framework contract (需求由原计划9000件调整为7200件): a change of the order.
  ['volume_adjusted', /(?:需求|要货|采购)量?由[^，,。;；\n]{0,12}(?:调整|下调|上调|改)为/],
];

export function lexiconFeatures(normalised: string): string[] {
  const out: string[] = [];
  for (const [name, re] of CUES) if (re.test(normalised)) out.push(`L:${name}`);
  // Praise and threat cues that are negated ("不满意", "没有投诉") mean the opposite.
  if (/(?:不|没|未)(?:太|是很|够|很)?(?:满意|认可|给力|稳定)/.test(normalised)) out.push('L:neg_praise');
  if (/(?:没有|无|未发现)(?:任何)?(?:质量问题|投诉|不良)/.test(normalised)) out.push('L:neg_complaint');
  return out;
}
