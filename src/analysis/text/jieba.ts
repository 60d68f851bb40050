// One segmenter for the whole process: loading the default dictionary costs ~100 ms, so it happens
// once, on first use, and the domain dictionary is merged into the same instance.
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { buildDomainDictionary, type DomainTerm, toJiebaDict } from '../dictionary/index.js';

let jieba: Jieba | null = null;
let tfIdf: TfIdf | null = null;

export function getJieba(): Jieba {
  if (jieba === null) {
    const instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(toJiebaDict(buildDomainDictionary()), 'utf8'));
    jieba = instance;
  }
  return jieba;
}

export function getTfIdf(): TfIdf {
  if (tfIdf === null) tfIdf = TfIdf.withDict(idf);
  return tfIdf;
}

/** Adds a company's own terms (alloys, coatings, part nouns) to the shared segmenter. */
export function addDomainTerms(terms: readonly DomainTerm[]): void {
  getJieba().loadDict(Buffer.from(toJiebaDict(terms), 'utf8'));
}

export interface TaggedToken {
  word: string;
  tag: string;
  start: number;
  end: number;
}

/** Words with their part of speech (jieba's tags: ns place, nr person, nt organisation…) and offsets. */
export function tagWithOffsets(text: string): TaggedToken[] {
  const out: TaggedToken[] = [];
  let at = 0;
  for (const { word, tag } of getJieba().tag(text)) {
    // The tagger returns the text's own pieces in order; search forward in case it dropped any.
    const start = text.startsWith(word, at) ? at : text.indexOf(word, at);
    if (start < 0) continue;
    out.push({ word, tag, start, end: start + word.length });
    at = start + word.length;
  }
  return out;
}
