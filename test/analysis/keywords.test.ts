// The keywords a message is about (dashboard's top words): not the words every business message
// has, nor the supplier's own name.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';

const words = (text: string) => analyze(text, { refDate: '2026-05-10' }).keywords.map((k) => k.word);

describe('keywords', () => {
  it('leave out greetings, roles, parties and the supplier itself', () => {
    const kw = words(
      '华锐 销售部 刘经理您好：我司需方江苏恒驰采购部要订阳极氧化散热器型材，请贵司确认交期，谢谢！联系人：张敏 电话 0519-8888',
    );
    for (const generic of ['华锐', '销售部', '经理', '需方', '采购部', '贵司', '谢谢', '联系人', '电话'])
      expect(kw).not.toContain(generic);
    expect(kw.some((w) => /散热器|型材|阳极氧化/.test(w))).toBe(true);
  });

  it('leave out English mail furniture', () => {
    const kw = words(
      'Dear Huarui sales team, just a reminder: the crash boxes for PO 4471 are late. Best regards',
    );
    for (const generic of ['Huarui', 'sales', 'just', 'Dear', 'regards']) expect(kw).not.toContain(generic);
    expect(kw).toEqual(expect.arrayContaining(['crash', 'late']));
  });
});
