// A case's review rounds, earliest first: every round an amendment set aside (void and re-sign,
// clause change) and the round under way. Each keeps the number, class, terms, opinions, meeting,
// decisions, conclusion and answers it had, so an auditor reads an earlier round as it was.
import type {
  ArchivedRound,
  CaseData,
  CaseRequirement,
  ContractTerms,
  ReviewMode,
  RoundClassification,
  SignOff,
} from './types.js';

export interface ReviewRound {
  /** 1 for the first round. */
  round: number;
  /** The contract number the round was reviewed under (HT-2026-0001, HT-2026-0001-R1, …). */
  number: string;
  revisionNo: number;
  contractVersion: number;
  current: boolean;
  classification: RoundClassification;
  mode: ReviewMode;
  receivedAt: string;
  terms: ContractTerms;
  requirements: CaseRequirement[];
  signOffs: Omit<SignOff, 'previous'>[];
  meeting: CaseData['meeting'];
  issues: CaseData['issues'];
  conclusion: CaseData['conclusion'];
  feedback: CaseData['feedback'];
  customerConfirmation: CaseData['customerConfirmation'];
  writtenConfirmation: CaseData['writtenConfirmation'];
  /** The amendment that closed the round; null for the round under way. */
  closedBy: ArchivedRound['closedBy'] | null;
}

/** HT-2026-0001 after its n-th void-and-re-sign: HT-2026-0001-Rn. */
export const numberAt = (caseId: string, revisionNo: number): string =>
  revisionNo > 0 ? `${caseId}-R${revisionNo}` : caseId;

function termsAt(d: CaseData, contractVersion: number): ContractTerms {
  return (d.versions.find((v) => v.version === contractVersion) ?? d.versions.at(-1)!).terms;
}

export function reviewRounds(d: CaseData): ReviewRound[] {
  const earlier = d.archive.map((a, i): ReviewRound => {
    const revisionNo = a.revisionNo ?? 0;
    // Rounds archived before their opinions were kept: the superseded opinions of that version.
    const signOffs =
      a.signOffs ??
      d.signOffs.flatMap((s) => s.previous.filter((p) => p.contractVersion === a.contractVersion));
    return {
      round: i + 1,
      number: numberAt(d.caseId, revisionNo),
      revisionNo,
      contractVersion: a.contractVersion,
      current: false,
      classification: a.classification ?? { contractClass: d.contractClass, reasons: [] },
      mode: a.mode ?? d.mode,
      receivedAt: a.receivedAt,
      terms: termsAt(d, a.contractVersion),
      requirements: a.requirements ?? [],
      signOffs,
      meeting: a.meeting,
      issues: a.issues,
      conclusion: a.conclusion,
      feedback: a.feedback,
      customerConfirmation: a.customerConfirmation,
      writtenConfirmation: a.writtenConfirmation,
      closedBy: a.closedBy ?? null,
    };
  });
  const revisionNo = d.revisionNo ?? 0;
  const current: ReviewRound = {
    round: earlier.length + 1,
    number: numberAt(d.caseId, revisionNo),
    revisionNo,
    contractVersion: d.contractVersion,
    current: true,
    classification: { contractClass: d.contractClass, reasons: d.reasons ?? [] },
    mode: d.mode,
    receivedAt: d.receivedAt,
    terms: termsAt(d, d.contractVersion),
    requirements: d.requirements,
    signOffs: d.signOffs.map(({ previous: _p, ...s }) => s),
    meeting: d.meeting,
    issues: d.issues,
    conclusion: d.conclusion,
    feedback: d.feedback,
    customerConfirmation: d.customerConfirmation,
    writtenConfirmation: d.writtenConfirmation,
    closedBy: null,
  };
  return [...earlier, current];
}
