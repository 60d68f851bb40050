// Department roles. Later features (review signing, rule editing) check these.
/**
 * Departments that run the business: they take customer messages in, keep customers, the
 * catalogue and feedback, and sign their part of a contract review. The administrator runs the
 * system and does none of it (separation of duties); the general manager passes every business
 * check and decides rather than signs a department's part.
 */
export const BUSINESS_DEPARTMENTS = [
  'sales',
  'technical',
  'purchasing',
  'production',
  'quality',
  'finance',
] as const;

export const DEPARTMENTS = [...BUSINESS_DEPARTMENTS, 'general_manager', 'admin'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const DEPARTMENT_LABELS: Record<Department, { zh: string; en: string }> = {
  sales: { zh: '销售部', en: 'Sales' },
  technical: { zh: '技术部', en: 'Engineering' },
  purchasing: { zh: '采购部', en: 'Purchasing' },
  production: { zh: '生产部', en: 'Production' },
  quality: { zh: '质量部', en: 'Quality' },
  finance: { zh: '财务部', en: 'Finance' },
  general_manager: { zh: '总经理', en: 'General manager' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

export function isDepartment(value: string): value is Department {
  return (DEPARTMENTS as readonly string[]).includes(value);
}
