// The register entry as GET /api/laws answers it (src/server/routes/laws.ts, LawEntry).
import type { Department } from '../../api/types';

export interface LawScope {
  all: boolean;
  categories: string[];
  processes: string[];
}

export interface LawEntry {
  id: string;
  title: string;
  number: string;
  issuer: string;
  scope: LawScope;
  departments: Department[];
  effectiveDate: string | null;
  reviewDue: string;
  obligations: string;
  sourceUrl: string | null;
  status: 'current' | 'superseded';
  supersededBy: { id: string; number: string; title: string } | null;
  attachment: { name: string; mediaType: string; size: number } | null;
  revision: number;
  reviewDueSoon: boolean;
  confirmations: {
    department: Department;
    revision: number;
    userId: string | null;
    userName: string | null;
    confirmedAt: string;
  }[];
}

export interface ScopeOptions {
  categories: string[];
  processes: string[];
  departments: Department[];
}

export interface LawHistoryEntry {
  at: string;
  action: string;
  actorName: string | null;
  actorDepartment: string | null;
}
