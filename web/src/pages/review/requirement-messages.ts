// Texts of correcting the requirement list on the case page (edit, add, reject with a reason,
// merge duplicates), Chinese first and English; spread into i18n/messages.ts.

export const REQUIREMENT_EDIT_ZH = {
  'review.req.add': '新增需求',
  'review.req.edit': '编辑',
  'review.req.merge': '合并',
  'review.req.text': '需求内容',
  'review.req.textRequired': '请填写需求内容',
  'review.req.reason': '修正原因',
  'review.req.rejectReason': '驳回原因',
  'review.req.reasonRequired': '驳回需求时必须写明原因',
  'review.req.duplicate': '重复的需求',
  'review.req.duplicateRequired': '请选择要并入的重复需求',
  'review.req.mergedText': '合并后的表述',
  'review.req.mergeHint': '所选需求将作为重复项驳回，并入 {id}。',
  'review.req.mergedInto': '已并入 {id}',
  'review.req.addTitle': '新增需求',
  'review.req.editTitle': '编辑需求 {id}',
  'review.req.rejectTitle': '驳回需求 {id}',
  'review.req.mergeTitle': '合并重复需求到 {id}',
  'review.req.save': '保存',
  'review.req.correctHint':
    '评审按修正后的需求清单进行，各部门的检查表随之更新；每项修正都记入历史和评审记录。任一部门签署后，需求只能通过合同变更修改。',
};

export const REQUIREMENT_EDIT_EN: Record<keyof typeof REQUIREMENT_EDIT_ZH, string> = {
  'review.req.add': 'Add requirement',
  'review.req.edit': 'Edit',
  'review.req.merge': 'Merge',
  'review.req.text': 'Requirement',
  'review.req.textRequired': 'Enter the requirement',
  'review.req.reason': 'Reason for the correction',
  'review.req.rejectReason': 'Reason for rejecting',
  'review.req.reasonRequired': 'A reason is required to reject a requirement',
  'review.req.duplicate': 'Duplicate requirement',
  'review.req.duplicateRequired': 'Choose the duplicate to merge in',
  'review.req.mergedText': 'Wording after the merge',
  'review.req.mergeHint': 'The chosen requirement is rejected as a duplicate and merged into {id}.',
  'review.req.mergedInto': 'Merged into {id}',
  'review.req.addTitle': 'Add a requirement',
  'review.req.editTitle': 'Edit requirement {id}',
  'review.req.rejectTitle': 'Reject requirement {id}',
  'review.req.mergeTitle': 'Merge a duplicate into {id}',
  'review.req.save': 'Save',
  'review.req.correctHint':
    "The review follows the corrected list and the departments' checklists follow it; every correction is kept in the history and the review record. Once a department has signed, requirements change only by amendment.",
};
