// What the capability evaluation API returns (src/server/routes/capability.ts).
import type { Bilingual } from '../../api/client';

export type CriterionKey = 'communication' | 'knowledge' | 'service' | 'improvement' | 'innovation';
export type SubjectKind = 'organisation' | 'team' | 'person';

export interface Measure {
  key: string;
  name: Bilingual;
  unit: '%' | 'index' | 'h' | 'count';
  direction: 'higher' | 'lower';
  value: number | null;
  numerator: number;
  denominator: number;
  target: number;
  score: number | null;
  gap: number | null;
  met: boolean | null;
}

export interface Criterion {
  key: CriterionKey;
  no: number;
  name: Bilingual;
  weight: number;
  target: number;
  status: 'evaluated' | 'not_evaluated';
  basis: 'evidence' | 'assessor' | 'both' | null;
  evidenceScore: number | null;
  assessorScore: number | null;
  score: number | null;
  gap: number | null;
  measures: Measure[];
  subItems: { key: string; name: Bilingual; rating: number | null }[];
}

export interface Finding {
  criterion: CriterionKey;
  severity: 'ok' | 'minor' | 'major' | 'not_evaluated';
  text: Bilingual;
  suggestion: Bilingual | null;
  ownerDepartment: string;
}

export interface CapabilityResult {
  criteria: Criterion[];
  score: number | null;
  grade: 'A' | 'B' | 'C' | 'D' | null;
  evaluatedCount: number;
  minEvaluated: number;
  coverage: number;
  findings: Finding[];
  summary: Bilingual;
  subject: { kind: SubjectKind; id: string | null; name: string };
}

export interface CapabilityEvaluation extends CapabilityResult {
  id: string;
  from: string;
  to: string;
  legacy: boolean;
  note: string | null;
  evaluatorName: string | null;
  createdAt: string;
}

export type Assessment = Partial<Record<CriterionKey, Record<string, number>>>;

export interface Team {
  id: string;
  name: string;
  members: string[];
}

export interface CapabilitySettings {
  weights: Record<CriterionKey, number>;
  targets: Record<CriterionKey, number>;
  measureTargets: Record<string, number>;
  evidenceShare: number;
  minEvaluated: number;
  questionHours: number;
  teams: Team[];
}

export interface CapabilityModel {
  criteria: {
    key: CriterionKey;
    no: number;
    name: Bilingual;
    ownerDepartment: string;
    subItems: { key: string; name: Bilingual; levels: { 1: string; 3: string; 5: string } }[];
  }[];
  measures: {
    key: string;
    criterion: CriterionKey;
    name: Bilingual;
    unit: Measure['unit'];
    direction: Measure['direction'];
    definition: Bilingual;
  }[];
  settings: CapabilitySettings;
  version: number;
}

export interface Subjects {
  teams: { id: string; name: string; members: { id: string; name: string }[] }[];
  people: { id: string; name: string; department: string; active: boolean }[];
}
