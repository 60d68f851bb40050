// What the requirement-correction dialog sends (POST /api/contracts/:id/requirements): one edit per
// dialog, built from the form's values. Kept apart from the dialog so the mapping is checked without
// a browser (test/review/requirement-edits.test.ts).

export type CorrectionMode =
  | { op: 'add' }
  | { op: 'edit'; id: string }
  | { op: 'reject'; id: string }
  | { op: 'merge'; id: string };

export interface CorrectionValues {
  text?: string;
  category?: string;
  kind?: string;
  special?: boolean;
  reason?: string;
  duplicateId?: string;
}

const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** The edit the workflow receives; empty optional fields are left out rather than sent blank. */
export function correctionEdit(mode: CorrectionMode, v: CorrectionValues): Record<string, unknown> {
  const reason = trimmed(v.reason);
  const withReason = reason ? { reason } : {};
  switch (mode.op) {
    case 'add':
      return {
        op: 'add',
        text: v.text?.trim() ?? '',
        category: v.category,
        kind: v.kind ?? 'explicit',
        special: v.special ?? false,
        ...withReason,
      };
    case 'edit':
      return {
        op: 'edit',
        requirementId: mode.id,
        text: v.text?.trim() ?? '',
        category: v.category,
        kind: v.kind,
        special: v.special ?? false,
        ...withReason,
      };
    case 'reject':
      return { op: 'reject', requirementId: mode.id, reason: reason ?? '' };
    case 'merge': {
      const text = trimmed(v.text);
      return {
        op: 'merge',
        requirementId: mode.id,
        duplicateId: v.duplicateId,
        ...(text ? { text } : {}),
        ...withReason,
      };
    }
  }
}
