import { getJieba, getTfIdf } from './jieba.js';

const MAX_KEYWORD_INPUT = 20_000;
// Nouns (common, proper, place, organisation), verbal nouns and Latin words: the topics of a message.
const KEYWORD_POS = ['n', 'nz', 'vn', 'nr', 'ns', 'nt', 'eng'];

// Words every business message has (greetings, roles, departments, parties, mail furniture): they
// say nothing about what a message or a period is about, and crowd the dashboard's top words.
const GENERIC_WORDS = new Set([
  '客户',
  '销售',
  '销售部',
  '采购',
  '采购部',
  '质量部',
  '品质部',
  '技术部',
  '生产部',
  '财务部',
  '有限公司',
  '公司',
  '经理',
  '总经理',
  '主管',
  '工程师',
  '您好',
  '你好',
  '谢谢',
  '感谢',
  '盖章',
  '电话',
  '手机',
  '邮件',
  '邮箱',
  '附件',
  '主题',
  '日期',
  '联系人',
  '甲方',
  '乙方',
  '需方',
  '供方',
  '买方',
  '卖方',
  '贵司',
  '我司',
  '贵公司',
  '供应商',
  '传真',
  '说话人',
  '客服',
  'just',
  'sales',
  'dear',
  'regards',
  'best',
  'thanks',
  'thank',
  'please',
  'hello',
  'kind',
  'team',
  'company',
  'ltd',
  'co',
  'mr',
  'ms',
  'mrs',
  'email',
  'tel',
  'fax',
]);

/**
 * TF-IDF keywords, without words every business message has and without the supplier's own names
 * (`ownNames`); very long input is truncated because keywords of its start are enough.
 */
export function extractKeywords(
  text: string,
  topK = 8,
  ownNames: readonly string[] = [],
): { word: string; weight: number }[] {
  const own = ownNames.map((n) => n.toLowerCase()).filter((n) => n !== '');
  const sample = text.length > MAX_KEYWORD_INPUT ? text.slice(0, MAX_KEYWORD_INPUT) : text;
  if (sample.trim() === '') return [];
  return (
    getTfIdf()
      .extractKeywords(getJieba(), sample, topK * 3, KEYWORD_POS)
      // Order numbers and stray letters (0178, HC) are identifiers, reported as entities instead.
      .filter(
        (k) =>
          Number.isFinite(k.weight) &&
          !/^[\d.\s-]|^\d/.test(k.keyword) &&
          !/^[A-Za-z]{1,3}\d*$/.test(k.keyword) &&
          !GENERIC_WORDS.has(k.keyword.toLowerCase()) &&
          !own.some((n) => n.includes(k.keyword.toLowerCase())),
      )
      .slice(0, topK)
      .map((k) => ({ word: k.keyword, weight: Math.round(k.weight * 1000) / 1000 }))
  );
}

/** Word segmentation with the domain dictionary (阳极氧化, 6061-T6 and 首件检验 stay whole). */
export function cutWords(text: string): string[] {
  return getJieba()
    .cut(text, true)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}
