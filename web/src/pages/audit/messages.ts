// Texts of the audit trail page (审计日志), Chinese first and English; spread into messages.ts like
// the other pages' texts. Actions, object types and system actors are named by the shared labels
// (src/shared/audit-labels.ts), which the server's export uses as well.

export const AUDIT_ZH = {
  'nav.audit': '审计日志',
  'audit.title': '审计日志',
  'audit.intro':
    '系统中每一次数据变更的记录：谁、何时、做了什么、变更前后。记录只能追加，逐条以哈希串联；“校验完整性”会重新计算整条链，指出第一条被改动的记录。',
  'audit.user': '操作人',
  'audit.action': '操作',
  'audit.objectType': '对象类型',
  'audit.objectId': '对象编号',
  'audit.objectIdPlaceholder': '对象编号或产品编码',
  'audit.dates': '日期范围',
  'audit.all': '全部',
  'audit.time': '时间',
  'audit.object': '对象',
  'audit.change': '变更摘要',
  'audit.before': '变更前',
  'audit.after': '变更后',
  'audit.hash': '哈希',
  'audit.export': '导出',
  'audit.verify': '校验完整性',
  'audit.verifyOk': '审计链完整：已校验 {rows} 条记录，末条哈希 {head}',
  'audit.verifyEmpty': '审计日志为空，无需校验',
  'audit.verifyBroken': '审计链在第 {id} 条记录处断开（已校验 {rows} 条）',
  'audit.verifyBrokenDetail':
    '{at} · {action} · {object}：{reason}。此记录或其之前的记录在写入后被改动、删除或插入。',
  'audit.reason.hash_mismatch': '内容与哈希不符',
  'audit.reason.missing_hash': '缺少哈希',
  'audit.reset': '清除筛选',
} as const;

export const AUDIT_EN: Record<keyof typeof AUDIT_ZH, string> = {
  'nav.audit': 'Audit trail',
  'audit.title': 'Audit trail',
  'audit.intro':
    'Every change to the data: who, when, what, before and after. Entries are only ever appended and are hash-chained; “Verify chain” recomputes the whole chain and names the first entry that was altered.',
  'audit.user': 'User',
  'audit.action': 'Action',
  'audit.objectType': 'Object type',
  'audit.objectId': 'Object id',
  'audit.objectIdPlaceholder': 'The object’s id or product code',
  'audit.dates': 'Dates',
  'audit.all': 'All',
  'audit.time': 'Time',
  'audit.object': 'Object',
  'audit.change': 'Change',
  'audit.before': 'Before',
  'audit.after': 'After',
  'audit.hash': 'Hash',
  'audit.export': 'Export',
  'audit.verify': 'Verify chain',
  'audit.verifyOk': 'The chain is intact: {rows} entries checked, last hash {head}',
  'audit.verifyEmpty': 'The audit trail is empty; nothing to verify',
  'audit.verifyBroken': 'The chain breaks at entry {id} ({rows} checked)',
  'audit.verifyBrokenDetail':
    '{at} · {action} · {object}: {reason}. This entry, or one before it, was altered, removed or slipped in after it was written.',
  'audit.reason.hash_mismatch': 'content does not match its hash',
  'audit.reason.missing_hash': 'no hash',
  'audit.reset': 'Clear filters',
};
