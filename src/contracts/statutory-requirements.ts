// The statutory requirements a case gets from the laws and regulations register: every current
// entry whose scope covers the case (all products, a catalogue category of one of its items, or a
// process its items or requirements name) is proposed as a requirement of kind `statutory`, to be
// reviewed by the departments the entry names. Sales confirms or rejects it like any requirement.
import type { Kysely } from 'kysely';
import { type CaseScopeFacts, scopeMatch, statutoryRequirementText } from '../laws/law.js';
import { currentLaws } from '../laws/law-repository.js';
import type { ContractLine } from '../review/types.js';
import type { Database } from '../store/schema.js';
import type { RequirementInput } from './case-repository.js';

/** What a case says that a register scope can match. */
export async function caseScopeFacts(
  db: Kysely<Database>,
  items: readonly ContractLine[],
  requirements: readonly { text: string }[],
): Promise<CaseScopeFacts> {
  const codes = [...new Set(items.flatMap((i) => (i.catalogCode ? [i.catalogCode] : [])))];
  const products =
    codes.length === 0
      ? []
      : await db.selectFrom('products').select(['code', 'category']).where('code', 'in', codes).execute();
  const words = [
    ...items.flatMap((i) => [i.product, i.model, i.material, i.packaging, i.tolerance]),
    ...requirements.map((r) => r.text),
  ];
  return {
    categories: [...new Set(products.flatMap((p) => (p.category ? [p.category] : [])))],
    text: words.filter((w): w is string => typeof w === 'string' && w !== '').join('\n'),
  };
}

export async function statutoryRequirements(
  db: Kysely<Database>,
  input: { items: readonly ContractLine[]; requirements: readonly { text: string }[] },
): Promise<RequirementInput[]> {
  const laws = await currentLaws(db);
  if (laws.length === 0) return [];
  const facts = await caseScopeFacts(db, input.items, input.requirements);
  return laws
    .filter((law) => scopeMatch(law.scope, facts) !== null)
    .map((law) => ({
      text: statutoryRequirementText(law),
      category: 'regulatory',
      kind: 'statutory',
      special: false,
      priority: 'normal',
      departments: law.departments,
      basis: { lawId: law.id, number: law.number, title: law.title, revision: law.revision },
      source: null,
    }));
}
