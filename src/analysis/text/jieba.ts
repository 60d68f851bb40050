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
