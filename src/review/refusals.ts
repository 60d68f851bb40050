// Refusals of the review workflow: stable codes, the HTTP status an adapter should use, and the
// message a user can act on (Chinese first). Codes are only ever added, never renamed.
import type { Bilingual } from './types.js';

export const REFUSALS = {
  NOT_PERMITTED: { status: 403, zh: '您的角色无权执行此操作。', en: 'Your role may not do this.' },
  WRONG_DEPARTMENT: {
    status: 403,
    zh: '只能由该部门人员或其登记的代理人签署本部门评审。',
    en: "Only the department's own staff or its registered deputy may sign its part.",
  },
  NOT_CASE_OWNER: {
    status: 403,
    zh: '只有负责本案的销售人员、销售经理或总经理可以执行此操作。',
    en: 'Only the sales owner of the case, a sales manager or the general manager may do this.',
  },
  NOT_AUTHORISED_SIGNER: {
    status: 403,
    zh: '按配置，本类合同的评审结论须由授权人签署。',
    en: 'By configuration, the conclusion for this class of contract needs the authorised signer.',
  },
  NOT_ALLOWED_IN_STATE: {
    status: 409,
    zh: '当前评审阶段不允许此操作。',
    en: 'This action is not allowed at the current stage of the review.',
  },
  CASE_CLOSED: { status: 409, zh: '本评审已作废或已结束。', en: 'The review is void or closed.' },
  STALE_VERSION: {
    status: 409,
    zh: '数据已被他人更新，请刷新后重试。',
    en: 'Someone else changed this case; reload and try again.',
  },
  NOT_REQUIRED_DEPARTMENT: {
    status: 409,
    zh: '该部门不需要评审本合同，或当前无需重新评审。',
    en: 'This department is not asked to review this contract now.',
  },
  ALREADY_SIGNED: {
    status: 409,
    zh: '该部门已签署，无需重复签署。',
    en: 'The department has already signed.',
  },
  REASON_REQUIRED: {
    status: 400,
    zh: '选择"不能满足"时必须填写原因。',
    en: 'A reason is required when the department cannot meet a requirement.',
  },
  CONDITIONS_REQUIRED: {
    status: 400,
    zh: '选择"有条件满足"时必须写明条件。',
    en: 'Conditions must be stated when the department can meet them only with conditions.',
  },
  CHECKLIST_INCOMPLETE: {
    status: 400,
    zh: '评审清单尚有未填写的项目。',
    en: 'Some checklist items are not answered.',
  },
  UNKNOWN_REQUIREMENT: { status: 404, zh: '未找到该需求。', en: 'Requirement not found.' },
  UNKNOWN_ISSUE: { status: 404, zh: '未找到该待解决问题。', en: 'Issue not found.' },
  UNKNOWN_QUESTION: {
    status: 404,
    zh: '未找到该客户问题或已答复。',
    en: 'Open question not found or already answered.',
  },
  REQUIREMENTS_UNSETTLED: {
    status: 409,
    zh: '仍有需求未确认（接受或拒绝）。',
    en: 'Some requirements are neither accepted nor rejected.',
  },
  REQUIREMENTS_LOCKED: {
    status: 409,
    zh: '已有部门签署评审，需求清单不能再修正；如需更改，请走合同变更（变更后受影响的部门重新评审）。',
    en: 'A department has already signed: the requirement list can no longer be corrected. To change it, amend the contract (the affected departments then review again).',
  },
  REJECTION_REASON_REQUIRED: {
    status: 400,
    zh: '驳回需求时必须写明原因。',
    en: 'A reason is required to reject a requirement.',
  },
  REQUIREMENT_NOT_MERGEABLE: {
    status: 400,
    zh: '只能合并两条不同且未驳回的需求。',
    en: 'Only two different requirements that are not rejected can be merged.',
  },
  QUORUM_NOT_MET: {
    status: 409,
    zh: '评审会议出席部门不满足法定人数要求。',
    en: 'The meeting did not reach the configured quorum.',
  },
  DECISION_MISSING: {
    status: 400,
    zh: '会议纪要必须对每一项已接受的需求作出决定；不能满足时须写明原因和部门。',
    en: 'The minutes need a decision for every accepted requirement, with reason and departments when it cannot be met.',
  },
  ISSUE_NOT_WITH_SALES: {
    status: 409,
    zh: '该问题不在销售协商阶段。',
    en: 'This issue is not awaiting negotiation by sales.',
  },
  ISSUE_NOT_WITH_GM: {
    status: 409,
    zh: '该问题未提交总经理决定。',
    en: 'This issue is not referred to the general manager.',
  },
  CONCLUSION_CONTRADICTS_GM: {
    status: 409,
    zh: '总经理已决定拒绝，评审结论只能为拒绝。',
    en: 'The general manager declined; the conclusion can only be decline.',
  },
  DEVIATIONS_REQUIRED: {
    status: 400,
    zh: '"偏离接受"须写明偏离内容。',
    en: 'Accepting with deviations requires the deviations to be stated.',
  },
  SAMPLE_SIGNOFF_REQUIRED: {
    status: 409,
    zh: '本合同以样品为验收标准，须先记录客户的样品签认。',
    en: 'Samples are the acceptance standard; record the customer sample sign-off first.',
  },
  NO_CHANGES: {
    status: 400,
    zh: '变更后的合同与当前版本没有差异。',
    en: 'The amended contract does not differ.',
  },
  AMENDMENT_NOT_RECORDABLE: {
    status: 409,
    zh: '变更记录只适用于交期或数量变更，其他变更请走条款变更或重新签订。',
    en: 'A change record covers only date or quantity; use a clause change or re-sign for anything else.',
  },
  NOT_A_PARTICIPANT: {
    status: 403,
    zh: '只有会议纪要列明的参加人本人可以确认出席和会议决定，不能替他人确认。',
    en: 'Only a participant named in the minutes may confirm, in their own session; nobody confirms for another.',
  },
  NOT_YOUR_MEETING_DEPARTMENT: {
    status: 403,
    zh: '您不属于纪要中您所代表的部门，也不是该部门登记的代理人。',
    en: 'You neither belong to the department the minutes name you for nor are its registered deputy.',
  },
  NO_MEETING_PROPOSED: {
    status: 409,
    zh: '尚无待确认的评审会议纪要。',
    en: 'There are no meeting minutes awaiting confirmation.',
  },
  ALREADY_CONFIRMED: {
    status: 409,
    zh: '您已确认过本次会议。',
    en: 'You have already confirmed this meeting.',
  },
  UNKNOWN_PARTICIPANT: {
    status: 400,
    zh: '会议参加人不是本系统的用户。',
    en: 'A meeting participant is not a user of this system.',
  },
  PARTICIPANT_INACTIVE: {
    status: 400,
    zh: '会议参加人的账号已停用，不能参加评审。',
    en: 'A meeting participant is not an active user.',
  },
  PARTICIPANT_WRONG_DEPARTMENT: {
    status: 400,
    zh: '会议参加人不属于其所代表的部门，也不是该部门登记的代理人。',
    en: 'A meeting participant neither belongs to the department they stand for nor is its registered deputy.',
  },
  DUPLICATE_PARTICIPANT: {
    status: 400,
    zh: '同一人在会议纪要中只能列一次。',
    en: 'A person may be listed only once in the minutes.',
  },
  PARTICIPANT_NOT_IN_CASE: {
    status: 400,
    zh: '会议参加人所代表的部门不参与本合同评审。',
    en: 'A participant stands for a department that does not review this contract.',
  },
  GM_NOT_IN_MEETING: {
    status: 409,
    zh: '特殊合同的评审会议须由总经理（或评审策略指定的代理人）参加。',
    en: "A special contract's review meeting needs the general manager (or the deputy the review policy names).",
  },
  TIME_IN_FUTURE: {
    status: 400,
    zh: '时间不能晚于当前时间。',
    en: 'The time may not lie in the future.',
  },
  TIME_BEFORE_CASE: {
    status: 400,
    zh: '会议时间不能早于本评审案件的建立时间。',
    en: 'The meeting cannot have been held before the case was opened.',
  },
  RECEIVED_IN_FUTURE: {
    status: 400,
    zh: '客户来件的收到时间不能晚于当前时间（48 小时反馈从收到时计）。',
    en: "The customer's receipt time may not lie in the future (the 48-hour clock starts there).",
  },
  REQUIRED_DEPARTMENTS_MISSING: {
    status: 422,
    zh: '缺少评审策略规定本类合同必须参加评审的部门（评审路由表）。',
    en: "Departments the review policy's routing table requires for this class of contract are missing.",
  },
  DEPARTMENT_REQUIRED_BY_POLICY: {
    status: 422,
    zh: '评审策略规定该部门必须评审本合同，不能移出。',
    en: 'The review policy requires this department to review the contract; it cannot be removed.',
  },
  DEPARTMENT_ALREADY_IN_CASE: {
    status: 409,
    zh: '该部门已在本合同的评审部门中。',
    en: 'This department already reviews the contract.',
  },
  NOT_A_REVIEWING_DEPARTMENT: {
    status: 400,
    zh: '只能加入签署评审意见的业务部门（总经理在评审会和决定中参与，管理员不参与评审）。',
    en: 'Only a business department that signs a review part can be added (the GM takes part in meetings and decisions; the administrator never reviews).',
  },
  DEPARTMENT_ALREADY_SIGNED: {
    status: 409,
    zh: '该部门已签署本轮评审，不能移出。',
    en: 'The department has signed this round and cannot be removed.',
  },
  TEMPORARY_BASIS_MISSING: {
    status: 409,
    zh: '临时合同须先记录其依据（客户何人、何时、以口头/电话/信函何种方式下达，及为何按临时合同处理），才能开始评审。',
    en: 'A temporary contract needs its basis recorded (who on the customer side gave it, when, by word of mouth, phone or letter, and why it is temporary) before its review starts.',
  },
  NOT_TEMPORARY_CONTRACT: {
    status: 409,
    zh: '只有临时合同需要记录临时合同依据。',
    en: 'Only a temporary contract records a temporary-contract basis.',
  },
  INVALID_INPUT: {
    status: 400,
    zh: '提交的内容不完整或不正确。',
    en: 'The submitted data is incomplete or invalid.',
  },
  INTERNAL_ERROR: { status: 500, zh: '内部错误，操作未执行。', en: 'Internal error; nothing was changed.' },
} as const satisfies Record<string, Bilingual & { status: number }>;

export type RefusalCode = keyof typeof REFUSALS;

export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: Bilingual;
  /** Departments the refusal is about (e.g. those missing), for clients to point at. */
  departments?: string[];
}

export function refuse(code: RefusalCode, detail?: Bilingual, departments?: string[]): Refusal {
  const r = REFUSALS[code];
  const message = detail
    ? { zh: `${r.zh}（${detail.zh}）`, en: `${r.en} (${detail.en})` }
    : { zh: r.zh, en: r.en };
  return { ok: false, code, message, ...(departments ? { departments } : {}) };
}
