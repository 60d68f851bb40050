// Planning data as src/server/routes/planning.ts answers it (PlanItem, SupplierRequirement, the
// case's planning view).

export type PlanStatus = 'planned' | 'in_progress' | 'done';
export type PlanState = PlanStatus | 'overdue';

export interface PlanItem {
  id: string;
  contractId: string;
  number: string;
  customer: string;
  requirementId: string;
  requirementText: string | null;
  owner: { id: string; name: string | null; department: string | null };
  department: string;
  dueDate: string;
  link: string | null;
  status: PlanStatus;
  state: PlanState;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
}

export interface SupplierRequirement {
  id: string;
  contractId: string;
  number: string;
  customer: string;
  requirementId: string;
  requirementText: string | null;
  supplier: string;
  note: string | null;
  markedBy: { id: string | null; name: string | null };
  markedAt: string;
  state: 'pending' | 'passed';
  passed: {
    on: string;
    by: { id: string | null; name: string | null };
    recordedAt: string | null;
    note: string | null;
  } | null;
}

export interface RequirementPriority {
  urgency: number;
  importance: number;
  cost: number;
  score: number;
  priority: 'high' | 'normal' | 'low';
  source: 'default' | 'reviewer';
}

export interface PlannedRequirement {
  id: string;
  text: string;
  category: string;
  kind: string;
  special: boolean;
  status: 'proposed' | 'accepted' | 'rejected';
  priority: RequirementPriority;
  assessedBy: { id: string | null; name: string | null } | null;
  assessedAt: string | null;
  planItem: PlanItem | null;
  suppliers: SupplierRequirement[];
}

export interface Owner {
  id: string;
  name: string;
  department: string;
}

export interface CasePlanning {
  contractId: string;
  number: string;
  requirements: PlannedRequirement[];
  owners: Owner[];
}

export const PLAN_STATES: PlanState[] = ['planned', 'in_progress', 'overdue', 'done'];
export const PLAN_DEPARTMENTS = [
  'sales',
  'technical',
  'purchasing',
  'production',
  'quality',
  'finance',
  'general_manager',
] as const;
