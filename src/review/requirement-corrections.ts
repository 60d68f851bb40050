// What the case owner corrected in the requirement list the analysis produced (需求修订): each
// addition, edit, rejection and merge with who, when, before → after and why. The case history
// summarises each correction in these words and the review record prints the list, so what the
// departments reviewed can be traced back to what the customer's message said.
import { CATEGORY_LABELS } from '../rules/csr-matrix.js';
import type { Bilingual, CaseRequirement, RequirementEdit, RequirementRevision } from './types.js';

/** The changes that alter the list under review; accepting a proposal as it stands alters nothing. */
const CORRECTIONS = ['created', 'edited', 'rejected', 'merged'] as const;
export type CorrectionChange = (typeof CORRECTIONS)[number];

export const CORRECTION_LABELS: Record<CorrectionChange, Bilingual> = {
  created: { zh: '新增', en: 'added' },
  edited: { zh: '修改', en: 'changed' },
  rejected: { zh: '驳回', en: 'struck out' },
  merged: { zh: '合并重复', en: 'duplicates merged' },
};

export interface RequirementCorrection {
  requirementId: string;
  change: CorrectionChange;
  at: string;
  /** User id of the case owner (or sales manager) who made it. */
  by: string;
  /** The requirement as it read before (null for an addition) and after, in words. */
  before: string | null;
  after: string;
  reason: string | null;
  /** For a merge: the duplicate that was folded in, or the requirement it was folded into. */
  mergedWith: string | null;
}

type Snapshot = Omit<CaseRequirement, 'history'>;

/** A requirement as a reader compares it: its text, category, and the special flag when set. */
export function requirementWords(r: Pick<Snapshot, 'text' | 'category' | 'special'>): string {
  const cat = CATEGORY_LABELS[r.category];
  return `${r.text}（${cat.zh} ${cat.en}${r.special ? '，特殊特性 special characteristic' : ''}）`;
}

// Who made a revision: the analysis and the laws register open a case; every other author is a user.
const byPerson = (h: RequirementRevision) => h.by !== 'analysis' && h.by !== 'register';

function isCorrection(h: RequirementRevision): h is RequirementRevision & { change: CorrectionChange } {
  return (CORRECTIONS as readonly string[]).includes(h.change) && byPerson(h);
}

/**
 * Every correction a person made, oldest first (`since`/`until` bound it to one review round). A revision stores the requirement as it was before
 * it; what it became is the next revision's "before", or the requirement as it stands now.
 */
export function requirementCorrections(
  reqs: readonly CaseRequirement[],
  since: string | null = null,
  until: string | null = null,
): RequirementCorrection[] {
  const out: RequirementCorrection[] = [];
  for (const r of reqs) {
    const { history, ...now } = r;
    history.forEach((h, i) => {
      if (!isCorrection(h)) return;
      if ((since !== null && h.at <= since) || (until !== null && h.at > until)) return;
      const after: Snapshot = history[i + 1]?.before ?? now;
      out.push({
        requirementId: r.id,
        change: h.change,
        at: h.at,
        by: h.by,
        before: h.before ? requirementWords(h.before) : null,
        after:
          h.change === 'rejected' || (h.change === 'merged' && after.status === 'rejected')
            ? `${requirementWords(after)} — 不采纳 not taken`
            : requirementWords(after),
        reason: h.reason ?? null,
        mergedWith: h.mergedWith ?? null,
      });
    });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.requirementId.localeCompare(b.requirementId));
}

const quote = (s: string) => `「${s}」`;

/** One correction as the case history says it, Chinese first. */
export function describeEdit(
  edit: RequirementEdit,
  before: readonly CaseRequirement[],
  addedId: string | null,
): Bilingual {
  const find = (id: string) => before.find((r) => r.id === id);
  const why = (reason: string | undefined): Bilingual =>
    reason?.trim()
      ? { zh: `；原因：${reason.trim()}`, en: `; reason: ${reason.trim()}` }
      : { zh: '', en: '' };
  switch (edit.op) {
    case 'add': {
      const cat = CATEGORY_LABELS[edit.category];
      const w = why(edit.reason);
      return {
        zh: `新增需求 ${addedId}：${quote(edit.text)}（${cat.zh}）${w.zh}`,
        en: `Added requirement ${addedId}: "${edit.text}" (${cat.en})${w.en}`,
      };
    }
    case 'edit': {
      const r = find(edit.requirementId)!;
      const zh: string[] = [];
      const en: string[] = [];
      if (edit.text !== undefined && edit.text !== r.text) {
        zh.push(`${quote(r.text)} → ${quote(edit.text)}`);
        en.push(`"${r.text}" → "${edit.text}"`);
      }
      if (edit.category !== undefined && edit.category !== r.category) {
        zh.push(`类别 ${CATEGORY_LABELS[r.category].zh} → ${CATEGORY_LABELS[edit.category].zh}`);
        en.push(`category ${CATEGORY_LABELS[r.category].en} → ${CATEGORY_LABELS[edit.category].en}`);
      }
      if (edit.kind !== undefined && edit.kind !== r.kind) {
        zh.push('类型已改');
        en.push('kind changed');
      }
      if (edit.special !== undefined && edit.special !== r.special) {
        zh.push(edit.special ? '标为特殊特性' : '取消特殊特性');
        en.push(edit.special ? 'marked special' : 'no longer special');
      }
      if (edit.priority !== undefined && edit.priority !== r.priority) {
        zh.push('优先级已改');
        en.push('priority changed');
      }
      const w = why(edit.reason);
      return {
        zh: `修改需求 ${r.id}：${zh.join('，') || '内容未变'}${w.zh}`,
        en: `Edited requirement ${r.id}: ${en.join(', ') || 'no change'}${w.en}`,
      };
    }
    case 'accept':
      return { zh: `接受需求 ${edit.requirementId}`, en: `Accepted requirement ${edit.requirementId}` };
    case 'reject': {
      const r = find(edit.requirementId)!;
      const w = why(edit.reason);
      return {
        zh: `驳回需求 ${r.id}：${quote(r.text)}${w.zh}`,
        en: `Rejected requirement ${r.id}: "${r.text}"${w.en}`,
      };
    }
    case 'merge': {
      const kept = find(edit.requirementId)!;
      const w = why(edit.reason);
      const reworded =
        edit.text !== undefined && edit.text !== kept.text
          ? { zh: `，${kept.id} 改为 ${quote(edit.text)}`, en: `, ${kept.id} now reads "${edit.text}"` }
          : { zh: '', en: '' };
      return {
        zh: `合并重复需求：${edit.duplicateId} 并入 ${kept.id}${reworded.zh}${w.zh}`,
        en: `Merged duplicate requirement ${edit.duplicateId} into ${kept.id}${reworded.en}${w.en}`,
      };
    }
    default: {
      const never: never = edit;
      return never;
    }
  }
}
