// A case's requirements as its event-sourced snapshot holds them (the requirements table is a mirror
// rebuilt on every step), and the check that one is accepted before it is planned or passed on.
import type { Kysely } from 'kysely';
import { loadCase } from '../contracts/case-repository.js';
import type { CaseRequirement } from '../review/types.js';
import { AppError } from '../shared/errors.js';
import type { Database } from '../store/schema.js';

type Db = Kysely<Database>;

export async function caseRequirements(db: Db, contractId: string) {
  const loaded = await loadCase(db, contractId);
  return { number: loaded.number, requirements: loaded.state.context.requirements };
}

export async function requirementOf(
  db: Db,
  contractId: string,
  requirementId: string,
): Promise<CaseRequirement> {
  const { requirements } = await caseRequirements(db, contractId);
  const r = requirements.find((x) => x.id === requirementId);
  if (!r) throw new AppError('UNKNOWN_REQUIREMENT');
  return r;
}

/** The requirement must be accepted before it is planned or passed on. */
export async function acceptedRequirement(db: Db, contractId: string, requirementId: string) {
  const r = await requirementOf(db, contractId, requirementId);
  if (r.status !== 'accepted') throw new AppError('REQUIREMENT_NOT_ACCEPTED');
  return r;
}
