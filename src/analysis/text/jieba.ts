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

// Part of speech per word, looked up once: tagging a whole message costs five times cutting it, and
// the same words (places, surnames, industry words) come back in every message.
const wordTags = new Map<string, string>();
const WORD_TAG_CACHE = 100_000;

function tagOfWord(word: string): string {
  let tag = wordTags.get(word);
  if (tag === undefined) {
    const tagged = getJieba().tag(word);
    tag = tagged.length === 1 ? tagged[0]!.tag : 'x';
    if (wordTags.size >= WORD_TAG_CACHE) wordTags.clear();
    wordTags.set(word, tag);
  }
  return tag;
}

/**
 * Words with their part of speech (jieba's tags: ns place, nr person, nt organisation…) and
 * offsets: the segmentation of the whole text, each word tagged as jieba tags it alone.
 */
export function tagWithOffsets(text: string): TaggedToken[] {
  const out: TaggedToken[] = [];
  let at = 0;
  for (const word of getJieba().cut(text, true)) {
    // The segmenter returns the text's own pieces in order; search forward in case it dropped any.
    const start = text.startsWith(word, at) ? at : text.indexOf(word, at);
    if (start < 0) continue;
    out.push({ word, tag: word.trim() === '' ? 'x' : tagOfWord(word), start, end: start + word.length });
    at = start + word.length;
  }
  return out;
}
