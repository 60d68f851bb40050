import { getJieba, getTfIdf } from './jieba.js';

const MAX_KEYWORD_INPUT = 20_000;
// Nouns (common, proper, place, organisation), verbal nouns and Latin words: the topics of a message.
const KEYWORD_POS = ['n', 'nz', 'vn', 'nr', 'ns', 'nt', 'eng'];

/** TF-IDF keywords; very long input is truncated because keywords of its start are enough. */
export function extractKeywords(text: string, topK = 8): { word: string; weight: number }[] {
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
          !/^[A-Za-z]{1,3}\d*$/.test(k.keyword),
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
