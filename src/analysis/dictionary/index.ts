import { DEFAULT_DOMAIN_TERMS, type DomainTerm, type DomainTermKind } from './domain-terms.js';

export type { DomainTerm, DomainTermKind } from './domain-terms.js';
export { DEFAULT_DOMAIN_TERMS } from './domain-terms.js';

/** Default terms plus the user's own (a company's alloys, coatings, part nouns). Later entries win. */
export function buildDomainDictionary(extra: readonly DomainTerm[] = []): DomainTerm[] {
  const byWord = new Map<string, DomainTerm>();
  for (const t of [...DEFAULT_DOMAIN_TERMS, ...extra]) {
    const word = t.word.trim();
    if (word !== '') byWord.set(word, { word, kind: t.kind });
  }
  return [...byWord.values()];
}

export function termsOfKind(terms: readonly DomainTerm[], kind: DomainTermKind): string[] {
  return terms.filter((t) => t.kind === kind).map((t) => t.word);
}

/** jieba user-dictionary text: one `word frequency` per line. A high frequency keeps domain words whole. */
export function toJiebaDict(terms: readonly DomainTerm[]): string {
  return terms
    .filter((t) => !/\s/.test(t.word))
    .map((t) => `${t.word} 200000`)
    .join('\n');
}
