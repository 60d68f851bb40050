// The permission matrix: who may call which route, in one table. The server enforces it for every
// route (authenticate.ts reads each route's row as the route is registered and refuses to start
// when a route has none), and the web app builds its menu from the same rows (web/src/navigation.ts),
// so what a department sees and what the server lets it do cannot drift apart.
//
// A row names the departments that may call a route, or says it is public or open to every
// signed-in user. Beyond the listed departments:
//  - a registered deputy passes where the department they stand in for is listed (nobody deputises
//    for the administrator, and an administrator deputises for nobody: user-repository.ts);
//  - nobody else: the general manager passes only where he is listed — he runs the business, so he
//    is listed on business rows and never on administration (users, the mail outbox, the review
//    policy's changes), and the administrator is listed on no business write (intake, customers,
//    catalogue, complaints, contract cases).
// Reads follow the menu: a department reads the pages its menu shows and nothing else.
// Finer "own or any" rules stay with the data they concern, after the route's row let the caller in:
// a review step is decided by the review workflow (only the case owner or a sales manager edits,
// organises and sends a case's feedback; each department signs only its own part:
// src/review/case-logic.ts), an intake record is processed again only by whoever took it in,
// sales or the GM (routes/intake.ts), an improvement action is updated by its owning department
// (routes/feedback.ts), and notifications are always the caller's own.
//
// This module imports only roles.ts, so Vite bundles it into the web app as it is.
import { BUSINESS_DEPARTMENTS, type Department } from './roles.js';

/** Reachable without signing in. */
export const PUBLIC = 'public';
/** Any signed-in user, whatever their department. */
export const SIGNED_IN = 'signed-in';

export type Access = typeof PUBLIC | typeof SIGNED_IN | readonly Department[];

const GM = 'general_manager';

/** Case work: every department that takes part in a contract review, the GM included; not admin. */
const CASE_WORK: readonly Department[] = [...BUSINESS_DEPARTMENTS, GM];
/** Pages (and their reads) of the intake, rules and capability menus. */
const INTAKE_READERS: readonly Department[] = ['sales', 'technical', 'quality', GM, 'admin'];
const INTAKE_WRITERS: readonly Department[] = ['sales', 'technical', 'quality', GM];
const CUSTOMER_READERS: readonly Department[] = ['sales', 'technical', 'quality', 'finance', GM, 'admin'];
const CUSTOMER_EDITORS: readonly Department[] = ['sales', 'quality', GM];
/** Whether a CSR can be met is judged by sales with engineering and quality (IATF 16949 §4.3.2). */
const CSR_EVALUATORS: readonly Department[] = ['sales', 'technical', 'quality', GM];
const NEW_CUSTOMER: readonly Department[] = ['sales', 'quality', GM];
const CATALOGUE_EDITORS: readonly Department[] = ['technical', 'sales', GM];
const RULE_READERS: readonly Department[] = ['sales', 'technical', 'quality', GM, 'admin'];
/** The rule set is configuration quality owns and the administrator keeps. */
const RULE_EDITORS: readonly Department[] = ['quality', 'admin', GM];
const DASHBOARD_READERS: readonly Department[] = ['sales', 'quality', 'finance', GM, 'admin'];
const FEEDBACK_WRITERS: readonly Department[] = ['quality', 'sales', GM];
const QUALITY: readonly Department[] = ['quality', GM];
const CAPABILITY_READERS: readonly Department[] = ['sales', 'technical', 'quality', GM, 'admin'];
/** The review policy: the administrator keeps it, the GM reads it. */
const SETTINGS_READERS: readonly Department[] = ['admin', GM];
const ADMIN: readonly Department[] = ['admin'];
/** The people who answer to auditors (routes/audit.ts). */
const AUDIT_READERS: readonly Department[] = ['admin', 'quality'];
const MAILBOX_READERS: readonly Department[] = ['admin', 'sales', GM];
/** The laws register is kept by quality and the administrator (routes/laws.ts). */
const LAW_MAINTAINERS: readonly Department[] = ['quality', 'admin', GM];
/** Planning and design (策划与设计): who turns accepted requirements into plan items (routes/planning.ts). */
const PLANNERS: readonly Department[] = ['sales', 'technical', 'production', 'quality', GM];
/** Who marks a requirement to pass on to a supplier: the reviewers whose part names suppliers. */
const SUPPLIER_MARKERS: readonly Department[] = ['sales', 'technical', 'purchasing', 'quality', GM];
/** Purchasing passes customers' requirements on to external suppliers (采购部负责传递). */
const PURCHASING: readonly Department[] = ['purchasing', GM];

/** Every route of the server (method and Fastify's route pattern) and who may call it. */
export const ROUTE_PERMISSIONS = {
  // Public: health, error catalogue, sign-in, the API docs, Duckling's /parse, the web app's files.
  'GET /api/health': PUBLIC,
  'GET /api/ready': PUBLIC,
  'GET /api/errors': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'GET /api/docs': PUBLIC,
  'GET /api/docs/static/index.html': PUBLIC,
  'GET /api/docs/static/swagger-initializer.js': PUBLIC,
  'GET /api/docs/json': PUBLIC,
  'GET /api/docs/yaml': PUBLIC,
  'GET /api/docs/static/*': PUBLIC,
  // Registered by the docs plugin as a HEAD route only (HEAD shares the GET row).
  'GET /api/docs/': PUBLIC,
  'POST /parse': PUBLIC,
  'GET /*': PUBLIC,

  // One's own account and one's own work list.
  'GET /api/auth/me': SIGNED_IN,
  'POST /api/auth/password': SIGNED_IN,
  'GET /api/workbench': SIGNED_IN,
  'GET /api/todos': SIGNED_IN,
  'GET /api/notifications': SIGNED_IN,
  'POST /api/notifications/read': SIGNED_IN,

  // Users: administration only.
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'PUT /api/users/:username': ADMIN,
  'POST /api/users/:username/password': ADMIN,
  'POST /api/users/:username/deactivate': ADMIN,
  'POST /api/users/:username/reactivate': ADMIN,

  // Intake (menu: 收件).
  'POST /api/analyze': INTAKE_READERS,
  'GET /api/intake': INTAKE_READERS,
  'GET /api/intake/:id': INTAKE_READERS,
  'GET /api/intake/:id/file': INTAKE_READERS,
  'GET /api/intake/mailbox': MAILBOX_READERS,
  'POST /api/intake': INTAKE_WRITERS,
  'POST /api/intake/:id/retry': INTAKE_WRITERS,
  // Confirming the customer an intake named as new creates a customer record.
  'POST /api/intake/:id/new-customer': NEW_CUSTOMER,

  // Contract ledger and cases (menu: 台账, every department; a case page is opened from it).
  'GET /api/contracts': SIGNED_IN,
  'GET /api/contracts/export.xlsx': SIGNED_IN,
  'GET /api/contracts/:id': SIGNED_IN,
  'GET /api/contracts/:id/meeting-candidates': SIGNED_IN,
  'GET /api/contracts/:id/record.pdf': SIGNED_IN,
  'GET /api/contracts/:id/record.xlsx': SIGNED_IN,
  'GET /api/contracts/:id/attachments': SIGNED_IN,
  'GET /api/contracts/:id/attachments/:attachmentId': SIGNED_IN,
  'POST /api/contracts': ['sales', GM],
  'POST /api/contracts/:id/attachments': CASE_WORK,
  'POST /api/contracts/:id/events': CASE_WORK,
  'POST /api/contracts/:id/requirements': CASE_WORK,
  'POST /api/contracts/:id/requirements/confirm': CASE_WORK,
  'POST /api/contracts/:id/questions': CASE_WORK,
  'POST /api/contracts/:id/questions/answer': CASE_WORK,
  'POST /api/contracts/:id/reviews/sign': CASE_WORK,
  'POST /api/contracts/:id/meeting': CASE_WORK,
  'POST /api/contracts/:id/meeting/confirm': CASE_WORK,
  'POST /api/contracts/:id/negotiations': CASE_WORK,
  'POST /api/contracts/:id/gm-decision': CASE_WORK,
  'POST /api/contracts/:id/conclusion': CASE_WORK,
  'POST /api/contracts/:id/feedback-sent': CASE_WORK,
  'POST /api/contracts/:id/customer-confirmation': CASE_WORK,
  'POST /api/contracts/:id/amendments': CASE_WORK,
  'POST /api/contracts/:id/void': CASE_WORK,
  'POST /api/contracts/:id/temporary-basis': CASE_WORK,
  // Adding or removing a reviewing department: the case owner or a sales manager (case-logic.ts).
  'POST /api/contracts/:id/departments': CASE_WORK,
  'POST /api/contracts/:id/departments/remove': CASE_WORK,
  'POST /api/contracts/:id/new-customer': NEW_CUSTOMER,

  // Customers and customer-specific requirements (menu: 客户).
  'GET /api/customers': CUSTOMER_READERS,
  'GET /api/customers/export': CUSTOMER_READERS,
  'GET /api/customers/:id': CUSTOMER_READERS,
  'GET /api/customers/:id/history': CUSTOMER_READERS,
  'GET /api/customers/:id/csr': CUSTOMER_READERS,
  'GET /api/csr/matrix': CUSTOMER_READERS,
  'POST /api/customers': CUSTOMER_EDITORS,
  'POST /api/customers/import': CUSTOMER_EDITORS,
  'PUT /api/customers/:id': CUSTOMER_EDITORS,
  'DELETE /api/customers/:id': CUSTOMER_EDITORS,
  'POST /api/customers/:id/deactivate': CUSTOMER_EDITORS,
  'POST /api/customers/:id/reactivate': CUSTOMER_EDITORS,
  'POST /api/customers/:id/contacts': CUSTOMER_EDITORS,
  'PUT /api/customers/:id/contacts/:contactId': CUSTOMER_EDITORS,
  'DELETE /api/customers/:id/contacts/:contactId': CUSTOMER_EDITORS,
  'POST /api/customers/:id/csr': CUSTOMER_EDITORS,
  'POST /api/customers/:id/csr/import': CUSTOMER_EDITORS,
  'PUT /api/customers/:id/csr/:csrId': CUSTOMER_EDITORS,
  'DELETE /api/customers/:id/csr/:csrId': CUSTOMER_EDITORS,
  // The CSR identification and evaluation table (opened from the customers page).
  'GET /api/csr/evaluations': CUSTOMER_READERS,
  'GET /api/csr/evaluations/export': CUSTOMER_READERS,
  'GET /api/csr/:csrId/evaluation/history': CUSTOMER_READERS,
  'PUT /api/csr/:csrId/evaluation': CSR_EVALUATORS,

  // Product catalogue (menu: 产品目录, every department).
  'GET /api/catalog/products': SIGNED_IN,
  'GET /api/catalog/products/:code': SIGNED_IN,
  'GET /api/catalog/export': SIGNED_IN,
  'POST /api/catalog/products': CATALOGUE_EDITORS,
  'PUT /api/catalog/products/:code': CATALOGUE_EDITORS,
  'DELETE /api/catalog/products/:code': CATALOGUE_EDITORS,
  'POST /api/catalog/products/:code/deactivate': CATALOGUE_EDITORS,
  'POST /api/catalog/products/:code/reactivate': CATALOGUE_EDITORS,
  'POST /api/catalog/import': CATALOGUE_EDITORS,

  // Rules (menu: 规则). Dry runs and evaluations compute without storing anything.
  'GET /api/rules': RULE_READERS,
  'GET /api/rules/facts': RULE_READERS,
  'GET /api/rules/:id': RULE_READERS,
  'GET /api/rules/:id/versions': RULE_READERS,
  'GET /api/rules/:id/versions/:version': RULE_READERS,
  'POST /api/rules/dry-run': RULE_READERS,
  'POST /api/rules/test': RULE_READERS,
  'POST /api/rules/evaluate': RULE_READERS,
  'POST /api/rules': RULE_EDITORS,
  'PUT /api/rules/:id': RULE_EDITORS,
  'POST /api/rules/:id/enabled': RULE_EDITORS,
  'POST /api/rules/:id/restore': RULE_EDITORS,

  // Dashboard (menu: 看板).
  'GET /api/dashboard': DASHBOARD_READERS,

  // Complaints, satisfaction, improvement actions and KPIs (menu: 反馈, every department reads).
  'GET /api/feedback': SIGNED_IN,
  'GET /api/feedback/:id': SIGNED_IN,
  'GET /api/satisfaction': SIGNED_IN,
  'GET /api/improvement-actions': SIGNED_IN,
  'GET /api/improvement-actions/:id': SIGNED_IN,
  'GET /api/kpis': SIGNED_IN,
  'POST /api/feedback': FEEDBACK_WRITERS,
  'PUT /api/feedback/:id': FEEDBACK_WRITERS,
  'POST /api/feedback/:id/void': FEEDBACK_WRITERS,
  'POST /api/feedback/:id/transition': FEEDBACK_WRITERS,
  'POST /api/satisfaction': FEEDBACK_WRITERS,
  'POST /api/improvement-actions': FEEDBACK_WRITERS,
  'DELETE /api/feedback/:id': QUALITY,
  'DELETE /api/satisfaction/:id': QUALITY,
  // Every department owns actions; which one may update an action is decided on the action.
  'PUT /api/improvement-actions/:id': CASE_WORK,

  // Capability evaluation (menu: 能力评价): quality evaluates, the administrator sets the weights,
  // targets and teams; a preview computes without storing anything.
  'GET /api/capability/model': CAPABILITY_READERS,
  'GET /api/capability/subjects': CAPABILITY_READERS,
  'PUT /api/capability/settings': ADMIN,
  'GET /api/capability-evaluations': CAPABILITY_READERS,
  'GET /api/capability-evaluations/:id': CAPABILITY_READERS,
  'GET /api/capability-evaluations/:id/report.xlsx': CAPABILITY_READERS,
  'GET /api/capability-evaluations/:id/report.pdf': CAPABILITY_READERS,
  'POST /api/capability-evaluations/preview': CAPABILITY_READERS,
  'POST /api/capability-evaluations': QUALITY,
  'POST /api/capability-evaluations/:id/actions': QUALITY,

  // Settings (menu: 设置): the review policy and the mail outbox.
  'GET /api/settings/review-policy': SETTINGS_READERS,
  'PUT /api/settings/review-policy': ADMIN,
  // Which departments review each class concerns every department's work, so all may read it.
  'GET /api/settings/review-routing': SIGNED_IN,
  'PUT /api/settings/review-routing': ADMIN,
  'GET /api/settings/mail': ADMIN,
  'POST /api/settings/mail/retry': ADMIN,

  // The audit trail.
  'GET /api/audit': AUDIT_READERS,
  'GET /api/audit/export': AUDIT_READERS,
  'GET /api/audit/actors': AUDIT_READERS,
  'GET /api/audit/verify': AUDIT_READERS,

  // Laws and regulations register (menu: 法规, every department reads and confirms its reading).
  'GET /api/laws': SIGNED_IN,
  'GET /api/laws/review-due': SIGNED_IN,
  'GET /api/laws/scope-options': SIGNED_IN,
  'GET /api/laws/export': SIGNED_IN,
  'GET /api/laws/:id': SIGNED_IN,
  'GET /api/laws/:id/history': SIGNED_IN,
  'GET /api/laws/:id/attachment': SIGNED_IN,
  'POST /api/laws/:id/confirm': SIGNED_IN,
  'POST /api/laws': LAW_MAINTAINERS,
  'PUT /api/laws/:id': LAW_MAINTAINERS,
  'POST /api/laws/:id/supersede': LAW_MAINTAINERS,
  'POST /api/laws/import': LAW_MAINTAINERS,
  'POST /api/laws/:id/attachment': LAW_MAINTAINERS,

  // Requirement planning (off the menu: 需求计划, linked from the workbench and the dashboard).
  // Every reviewer rates a requirement's priority; the owner of a plan item reports its progress
  // (checked on the item), the planning departments create and reassign them.
  'GET /api/contracts/:id/planning': SIGNED_IN,
  'PUT /api/contracts/:id/requirements/:requirementId/assessment': CASE_WORK,
  'POST /api/contracts/:id/requirements/:requirementId/plan': PLANNERS,
  'GET /api/plan-items': SIGNED_IN,
  'GET /api/plan-items/export': SIGNED_IN,
  'PUT /api/plan-items/:id': CASE_WORK,
  // Requirements passed on to suppliers: marked by the reviewers, recorded as passed by purchasing.
  'POST /api/contracts/:id/requirements/:requirementId/suppliers': SUPPLIER_MARKERS,
  'DELETE /api/supplier-requirements/:id': SUPPLIER_MARKERS,
  'GET /api/supplier-requirements': SIGNED_IN,
  'GET /api/supplier-requirements/export': SIGNED_IN,
  'POST /api/supplier-requirements/:id/passed': PURCHASING,
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ROUTE_PERMISSIONS;

/** The matrix row of a route; HEAD is answered by the GET route and shares its row. */
export function accessOf(method: string, url: string): Access | undefined {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return (ROUTE_PERMISSIONS as Record<string, Access>)[`${m} ${url}`];
}

/** Whether a signed-in user of `department` (standing in for `deputyFor`) passes `access`. */
export function departmentMay(access: Access, department: Department, deputyFor: Department | null): boolean {
  if (access === PUBLIC || access === SIGNED_IN) return true;
  if (access.includes(department)) return true;
  return deputyFor !== null && deputyFor !== 'admin' && department !== 'admin' && access.includes(deputyFor);
}
