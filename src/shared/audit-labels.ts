// How the audit trail reads to a person: every action, object type and system actor by name in
// Chinese and English, and a short summary of what a change changed. The web page (bundled by Vite as
// it is, so this module imports nothing) and the server's CSV/XLSX export both use it, so the screen
// and the exported file name things alike. src/store/audit-export.ts checks that every action of
// AUDIT_ACTIONS has a label here (a missing one fails typecheck).

export type Bilingual = readonly [zh: string, en: string];

export const AUDIT_ACTION_LABELS = {
  'product.created': ['新增产品', 'Product created'],
  'product.updated': ['修改产品', 'Product updated'],
  'product.deleted': ['删除产品', 'Product deleted'],
  'product.deactivated': ['停用产品', 'Product deactivated'],
  'product.reactivated': ['启用产品', 'Product reactivated'],
  'catalog.imported': ['导入产品目录', 'Catalogue imported'],
  'customer.created': ['新增客户', 'Customer created'],
  'customer.updated': ['修改客户', 'Customer updated'],
  'customer.deleted': ['删除客户', 'Customer deleted'],
  'customer.deactivated': ['停用客户', 'Customer deactivated'],
  'customer.reactivated': ['启用客户', 'Customer reactivated'],
  'customers.imported': ['导入客户', 'Customers imported'],
  'contact.created': ['新增联系人', 'Contact created'],
  'contact.updated': ['修改联系人', 'Contact updated'],
  'contact.deleted': ['删除联系人', 'Contact deleted'],
  'csr.created': ['新增顾客特殊要求', 'CSR entry created'],
  'csr.updated': ['修改顾客特殊要求', 'CSR entry updated'],
  'csr.deleted': ['删除顾客特殊要求', 'CSR entry deleted'],
  'csr.evaluated': ['评价顾客特殊要求', 'CSR entry evaluated'],
  'rule.created': ['新增规则', 'Rule created'],
  'rule.updated': ['修改规则', 'Rule updated'],
  'rule.restored': ['恢复规则版本', 'Rule version restored'],
  'user.created': ['新增用户', 'User created'],
  'user.updated': ['修改用户', 'User updated'],
  'user.deactivated': ['停用用户', 'User deactivated'],
  'user.reactivated': ['启用用户', 'User reactivated'],
  'user.password_changed': ['修改密码', 'Password changed'],
  'user.password_reset': ['重置密码', 'Password reset'],
  'user.password_change_refused': ['修改密码被拒绝', 'Password change refused'],
  'user.login': ['登录', 'Signed in'],
  'user.login_failed': ['登录失败', 'Sign-in failed'],
  'user.logout': ['退出登录', 'Signed out'],
  'demo.seeded': ['写入演示数据', 'Demo data created'],
  'database.restored': ['恢复数据库', 'Database restored'],
  'database.broken_audit_accepted': ['强制接受损坏的审计链', 'Broken audit chain accepted'],
  'feedback.created': ['登记反馈/投诉', 'Feedback recorded'],
  'feedback.updated': ['修改反馈/投诉', 'Feedback updated'],
  'feedback.deleted': ['删除反馈/投诉', 'Feedback deleted'],
  'feedback.voided': ['作废反馈/投诉', 'Feedback voided'],
  'feedback.transitioned': ['反馈状态变更', 'Feedback status changed'],
  'satisfaction.recorded': ['登记满意度调查', 'Satisfaction survey recorded'],
  'satisfaction.deleted': ['删除满意度调查', 'Satisfaction survey deleted'],
  'action.created': ['新增改进措施', 'Improvement action created'],
  'action.updated': ['修改改进措施', 'Improvement action updated'],
  'evaluation.created': ['新增能力评价', 'Capability evaluation created'],
  'settings.updated': ['修改评审策略', 'Review policy changed'],
  'settings.review_routing_updated': ['修改评审路由', 'Review routing changed'],
  'settings.capability_updated': ['修改能力评价权重与目标', 'Capability weights and targets changed'],
  'attachment.added': ['上传合同附件', 'Case attachment added'],
  'mail.retried': ['重发邮件', 'Mail re-sent'],
  'contract.order_corrected': ['更正订单内容', 'Order corrected'],
  'contract.reclassified': ['按更正后的订单重新分类', 'Contract reclassified from the corrected order'],
  'intake.created': ['录入消息', 'Message taken in'],
  'intake.processed': ['消息处理完成', 'Message processed'],
  'intake.failed': ['消息处理失败', 'Message processing failed'],
  'intake.retried': ['重新处理消息', 'Message retried'],
  'intake.requeued': ['消息重新排队', 'Message re-queued'],
  'intake.customer_linked': ['消息关联客户', 'Message linked to customer'],
  'contract.customer_linked': ['合同关联客户', 'Contract linked to customer'],
  'analysis.created': ['生成分析结果', 'Analysis created'],
  'law.created': ['登记法律法规', 'Law registered'],
  'law.updated': ['修改法律法规', 'Law updated'],
  'law.superseded': ['法律法规被替代', 'Law superseded'],
  'law.confirmed': ['确认阅读法律法规', 'Law read and confirmed'],
  'law.attachment_added': ['上传法律法规附件', 'Law attachment added'],
  'laws.imported': ['导入法律法规', 'Laws imported'],
  'requirement.assessed': ['评定需求优先级', 'Requirement priority rated'],
  'plan.created': ['需求列入计划', 'Plan item created'],
  'plan.updated': ['更新需求计划', 'Plan item updated'],
  'supplier_requirement.marked': ['标记须传递给供方', 'Marked to pass on to a supplier'],
  'supplier_requirement.removed': ['撤销传递给供方的标记', 'Supplier mark withdrawn'],
  'supplier_requirement.passed': ['登记已传递给供方', 'Passed on to the supplier'],
  // Contract review steps (src/review/types.ts AUDIT_EVENTS), written by the case repository.
  'review.case_opened': ['开立合同评审', 'Review opened'],
  'review.requirements_edited': ['修改需求', 'Requirements edited'],
  'review.question_asked': ['向客户提问', 'Question to the customer'],
  'review.question_answered': ['记录客户答复', 'Customer answer recorded'],
  'review.requirements_confirmed': ['确认需求', 'Requirements confirmed'],
  'review.review_signed': ['部门评审签字', 'Department review signed'],
  'review.meeting_proposed': ['发起评审会议', 'Review meeting proposed'],
  'review.meeting_attendance_confirmed': ['确认参会', 'Meeting attendance confirmed'],
  'review.meeting_recorded': ['记录评审会议', 'Review meeting recorded'],
  'review.negotiation_recorded': ['记录协商', 'Negotiation recorded'],
  'review.gm_decided': ['总经理决定', 'GM decision'],
  'review.conclusion_signed': ['评审结论签字', 'Conclusion signed'],
  'review.feedback_sent': ['向客户反馈', 'Feedback sent to the customer'],
  'review.customer_confirmed': ['客户确认', 'Customer confirmed'],
  'review.contract_amended': ['合同变更', 'Contract amended'],
  'review.case_voided': ['作废评审', 'Review voided'],
  'review.deadline_milestone': ['48 小时时限节点', '48-hour deadline milestone'],
  'review.department_added': ['增加评审部门', 'Department added'],
  'review.department_removed': ['移除评审部门', 'Department removed'],
  'review.temporary_basis_recorded': ['记录临时合同依据', 'Temporary contract basis recorded'],
} as const satisfies Record<string, Bilingual>;

/** The object an entry is about (the part of the action before the dot). */
export const AUDIT_ENTITY_LABELS: Record<string, Bilingual> = {
  product: ['产品', 'Product'],
  catalog: ['产品目录', 'Catalogue'],
  customer: ['客户', 'Customer'],
  customers: ['客户清单', 'Customer list'],
  contact: ['联系人', 'Contact'],
  csr: ['顾客特殊要求', 'CSR entry'],
  rule: ['规则', 'Rule'],
  user: ['用户', 'User'],
  demo: ['演示数据', 'Demo data'],
  database: ['数据库', 'Database'],
  feedback: ['反馈/投诉', 'Feedback'],
  satisfaction: ['满意度调查', 'Satisfaction survey'],
  action: ['改进措施', 'Improvement action'],
  evaluation: ['能力评价', 'Capability evaluation'],
  settings: ['系统设置', 'Settings'],
  attachment: ['合同附件', 'Case attachment'],
  mail: ['邮件', 'Mail'],
  contract: ['合同', 'Contract'],
  intake: ['客户消息', 'Intake record'],
  analysis: ['分析结果', 'Analysis'],
  law: ['法律法规', 'Law'],
  laws: ['法律法规清单', 'Laws register'],
  requirement: ['需求', 'Requirement'],
  plan: ['需求计划', 'Plan item'],
  supplier_requirement: ['传递给供方的要求', 'Requirement for a supplier'],
};

/** Jobs and commands act under a `system:` id (src/store/audit.ts SYSTEM_ACTORS). */
export const SYSTEM_ACTOR_LABELS: Record<string, Bilingual> = {
  'system:cli': ['系统（命令行）', 'System (command line)'],
  'system:demo-seed': ['系统（演示数据）', 'System (demo data)'],
  'system:server': ['系统（服务器）', 'System (server)'],
  'system:intake-worker': ['系统（后台处理）', 'System (background worker)'],
  'system:mailbox': ['系统（邮箱收取）', 'System (mailbox)'],
};

export type AuditLang = 'zh' | 'en';

function pick(labels: Bilingual | undefined, lang: AuditLang, fallback: string): string {
  if (!labels) return fallback;
  return lang === 'zh' ? labels[0] : labels[1];
}

export function auditActionLabel(action: string, lang: AuditLang): string {
  return pick((AUDIT_ACTION_LABELS as Record<string, Bilingual>)[action], lang, action);
}

export function auditEntityLabel(entityType: string, lang: AuditLang): string {
  return pick(AUDIT_ENTITY_LABELS[entityType], lang, entityType);
}

/** A user's display name; a system id by its label; an id no longer in the users table as it is. */
export function auditActorLabel(actorId: string | null, actorName: string | null, lang: AuditLang): string {
  if (actorName) return actorName;
  if (actorId === null) return lang === 'zh' ? '（未知）' : '(unknown)';
  return pick(SYSTEM_ACTOR_LABELS[actorId], lang, actorId);
}

/** Field names that recur across entries; others are shown as stored. */
const FIELD_LABELS: Record<string, Bilingual> = {
  status: ['状态', 'status'],
  name: ['名称', 'name'],
  notes: ['备注', 'notes'],
  active: ['启用', 'active'],
  username: ['用户名', 'user name'],
  displayName: ['姓名', 'name'],
  department: ['部门', 'department'],
  deputyFor: ['代理部门', 'deputy for'],
  email: ['邮箱', 'e-mail'],
  reason: ['原因', 'reason'],
  number: ['编号', 'number'],
  title: ['标题', 'title'],
  text: ['文字', 'text'],
  channel: ['渠道', 'channel'],
  fileName: ['文件名', 'file name'],
  customerId: ['客户', 'customer'],
  customerName: ['客户名称', 'customer name'],
  intakeId: ['消息', 'intake record'],
  analysisId: ['分析结果', 'analysis'],
  version: ['版本', 'version'],
  revision: ['版次', 'revision'],
  errorCode: ['错误代码', 'error code'],
  error: ['错误', 'error'],
  ip: ['登录地址', 'address'],
  enabled: ['启用', 'enabled'],
  items: ['明细', 'items'],
  delivery: ['交付', 'delivery'],
  date: ['日期', 'date'],
  urgency: ['紧急性', 'urgency'],
  importance: ['重要性', 'importance'],
  cost: ['成本', 'cost'],
  score: ['得分', 'score'],
  priority: ['优先级', 'priority'],
  requirementId: ['需求', 'requirement'],
  dueDate: ['截止日期', 'due date'],
  link: ['生产计划/设计任务', 'plan or design task'],
  supplier: ['供方', 'supplier'],
  note: ['说明', 'note'],
  passedOn: ['传递日期', 'passed on'],
};

/** Values that are states or flags rather than data. */
const VALUE_LABELS: Record<string, Bilingual> = {
  true: ['是', 'yes'],
  false: ['否', 'no'],
  queued: ['排队中', 'queued'],
  processing: ['处理中', 'processing'],
  done: ['已完成', 'done'],
  failed: ['失败', 'failed'],
  open: ['处理中', 'open'],
  closed: ['已关闭', 'closed'],
  pending: ['待处理', 'pending'],
  interrupted: ['中断', 'interrupted'],
  current: ['现行', 'current'],
  superseded: ['已替代', 'superseded'],
  email: ['邮件', 'e-mail'],
  wechat: ['微信', 'WeChat'],
  text: ['文本', 'text'],
  file: ['文件', 'file'],
  high: ['高', 'high'],
  normal: ['中', 'normal'],
  low: ['低', 'low'],
  planned: ['已计划', 'planned'],
  in_progress: ['进行中', 'in progress'],
};

/** Department codes, named where the field is a department (a user name "admin" stays as it is). */
const DEPARTMENT_LABELS: Record<string, Bilingual> = {
  sales: ['销售部', 'Sales'],
  technical: ['技术部', 'Engineering'],
  purchasing: ['采购部', 'Purchasing'],
  production: ['生产部', 'Production'],
  quality: ['质量部', 'Quality'],
  finance: ['财务部', 'Finance'],
  general_manager: ['总经理', 'General manager'],
  admin: ['系统管理员', 'Administrator'],
};
const DEPARTMENT_FIELDS = new Set(['department', 'deputyFor']);

const MAX_VALUE = 60;
const MAX_SUMMARY = 300;

function field(key: string, lang: AuditLang): string {
  return pick(FIELD_LABELS[key], lang, key);
}

/** A lower-case identifier: a code the interface names rather than shows. */
const CODE = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/;

/**
 * A field's value as a person reads it, or null when it cannot be shown as such (an unnamed code, a
 * nested object): the field then only counts towards "N more fields"; the full value is on expanding.
 */
function shown(value: unknown, lang: AuditLang, key: string): string | null {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return pick(VALUE_LABELS[String(value)], lang, String(value));
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return lang === 'zh' ? `${value.length} 项` : `${value.length} entries`;
  if (typeof value !== 'string') return null;
  const labels = DEPARTMENT_FIELDS.has(key) ? DEPARTMENT_LABELS : VALUE_LABELS;
  const label = labels[value];
  if (label) return pick(label, lang, value);
  if (CODE.test(value)) return null;
  return cut(value, MAX_VALUE);
}

/** Text cut to `max` characters, never inside a Latin word (half a word reads as another word). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let head = text.slice(0, max - 1);
  if (/[A-Za-z0-9]/.test(text.charAt(max - 1))) head = head.replace(/[A-Za-z0-9]+$/, '');
  return `${head}…`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The named fields as `名称: 值`, then how many others there are. */
function listed(parts: (string | null)[], lang: AuditLang): string {
  const named = parts.filter((p): p is string => p !== null);
  const others = parts.length - named.length;
  if (others > 0) named.push(lang === 'zh' ? `另有 ${others} 项` : `${others} more fields`);
  const text = named.join(lang === 'zh' ? '；' : '; ');
  return cut(text, MAX_SUMMARY);
}

/**
 * What a change changed, in one line: the fields whose value differs (`状态: 处理中 → 已完成`) when
 * both sides are objects, else the fields of whichever side there is. Only fields with a name here
 * and values a person reads are spelled out, in the language asked for; the rest are counted. The
 * full before and after stay in the entry (expanded on the page, own columns in the export).
 */
export function summariseAuditChange(before: unknown, after: unknown, lang: AuditLang = 'zh'): string {
  const named = (k: string) => FIELD_LABELS[k] !== undefined;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return listed(
      changed.map((k) => {
        const [b, a] = [shown(before[k], lang, k), shown(after[k], lang, k)];
        return named(k) && b !== null && a !== null ? `${field(k, lang)}: ${b} → ${a}` : null;
      }),
      lang,
    );
  }
  const absent = (v: unknown) => v === null || v === undefined;
  if (!absent(before) && !absent(after)) {
    const [b, a] = [shown(before, lang, ''), shown(after, lang, '')];
    return b !== null && a !== null ? `${b} → ${a}` : '';
  }
  // One side only: a creation shows what was created, a deletion (✕) what was removed.
  const side = absent(after) ? before : after;
  if (absent(side)) return '';
  const mark = absent(after) ? '✕ ' : '';
  if (isRecord(side)) {
    return listed(
      Object.entries(side).map(([k, v]) => {
        const value = shown(v, lang, k);
        return named(k) && value !== null ? `${mark}${field(k, lang)}: ${value}` : null;
      }),
      lang,
    );
  }
  return `${mark}${shown(side, lang, '') ?? ''}`;
}
