import { describe, expect, it } from 'vitest';
import { extractAny } from '../../src/intake/extract.js';
import { findQuoteStart } from '../../src/intake/extractors/email.js';
import { parseChatHeader } from '../../src/intake/extractors/plain-text.js';
import { IntakeError } from '../../src/intake/intake-errors.js';
import { locateMostSpecific } from '../../src/intake/provenance.js';
import { gbk } from '../support/gbk.js';
import * as f from './fixtures.js';

const lines = (...texts: string[]) => texts.map((text) => ({ type: 'line' as const, text }));

describe('quoted history in replies', () => {
  it('finds the start of the quoted part in the common client styles', () => {
    expect(findQuoteStart(lines('好的，数量6000件。', '', '-----原始邮件-----', '发件人: 李强'))).toBe(2);
    expect(findQuoteStart(lines('OK', '-----Original Message-----', 'From: x'))).toBe(1);
    expect(
      findQuoteStart(lines('同意。', '在 2026年3月10日 16:20，李强 <lq@x.com> 写道：', '报价如下')),
    ).toBe(1);
    expect(findQuoteStart(lines('Fine.', 'On Tue, Mar 10, 2026 at 9:00 AM Li <l@x.com> wrote:', '> q'))).toBe(
      1,
    );
    expect(
      findQuoteStart(
        lines('收到', '发件人: 李强 <lq@x.com>', '发送时间: 2026年3月10日 16:20', '收件人: 周婷'),
      ),
    ).toBe(1);
    expect(findQuoteStart(lines('收到', 'From: Li Sent: Tuesday To: Zhou Subject: quote'))).toBe(1);
    // A signature line "发件人" alone, without the following header block, is not a quote.
    expect(findQuoteStart(lines('请回复发件人: 周婷', '谢谢'))).toBe(2);
  });

  it('treats an HTML-only reply with <blockquote> as quoted history', async () => {
    const html = '<p>请按 <b>6000</b> 件备货。</p><blockquote><p>上次订 3000 件。</p></blockquote>';
    const mail = [
      'From: zhou@kaitu-auto.cn',
      'Subject: =?UTF-8?B?' + Buffer.from('备货', 'utf8').toString('base64') + '?=',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      html,
    ].join('\r\n');
    const r = await extractAny(new TextEncoder().encode(mail), { fileName: 'm.eml' });
    expect(r.text).toContain('主题：备货');
    expect(locateMostSpecific(r.provenance, r.text.indexOf('6000'))?.source.kind).toBe('email-body');
    expect(locateMostSpecific(r.provenance, r.text.indexOf('3000'))?.source.kind).toBe('email-quoted');
  });
});

describe('chat header lines', () => {
  it('reads sender and time in the usual export styles', () => {
    expect(parseChatHeader('张敏 2026-03-11 10:12')).toMatchObject({
      sender: '张敏',
      time: '2026-03-11 10:12',
    });
    expect(parseChatHeader('2026-03-11 10:12:33 王工(12345678)')).toMatchObject({ sender: '王工(12345678)' });
    expect(parseChatHeader('[凯途-采购 周婷] 10:12 数量改为6000')).toMatchObject({
      sender: '凯途-采购 周婷',
      time: '10:12',
      rest: '数量改为6000',
    });
    expect(parseChatHeader('[10:12] 周婷: 好的')).toMatchObject({
      sender: '周婷',
      time: '10:12',
      rest: '好的',
    });
    expect(parseChatHeader('周婷 10:12：交期提前')).toMatchObject({
      sender: '周婷',
      time: '10:12',
      rest: '交期提前',
    });
  });

  it('leaves ordinary sentences alone', () => {
    expect(parseChatHeader('交期：2026-04-15')).toBeUndefined();
    expect(parseChatHeader('数量 5000 件，交货 2026-04-15')).toBeUndefined();
  });
});

describe('never hangs', () => {
  it('stops a slow extraction at the time limit with a typed error', async () => {
    const big = await f.manyPagePdf(150);
    const err = await extractAny(big, { fileName: 'big.pdf' }, { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntakeError);
    expect((err as IntakeError).code).toBe('timeout');
  });
});

describe('phone transcripts', () => {
  it('keeps the speaker of each turn', async () => {
    const t = [
      '销售：喂，您好，华锐销售部小陈。',
      '客户：要一万三千五百支。',
      '销售：价格还是按一百八十六一支？',
      '客户：嗯，含税的。',
    ];
    const r = await extractAny(new TextEncoder().encode(t.join('\n')), { fileName: 'call.txt' });
    expect(locateMostSpecific(r.provenance, r.text.indexOf('一万三千五百支'))?.source).toMatchObject({
      sender: '客户',
      line: 2,
    });
    expect(locateMostSpecific(r.provenance, r.text.indexOf('一百八十六'))?.source).toMatchObject({
      sender: '销售',
    });
  });

  it('does not read a memo of labelled fields as a transcript', async () => {
    const memo = [
      '型号：HR-KZB-6082-02',
      '数量：5000件',
      '单价：62.00元',
      '交期：2026-04-15',
      '备注：阳极氧化',
    ];
    const r = await extractAny(new TextEncoder().encode(memo.join('\n')), { fileName: 'memo.txt' });
    expect(r.mediaType).toBe('text/plain');
    expect(r.provenance.some((s) => s.source.sender)).toBe(false);
  });
});

describe('mail from Chinese clients in GBK', () => {
  it('decodes a GB2312 subject and body', async () => {
    const body = Buffer.from(
      gbk('刘经理：\r\n转向节 HR-ZXJ-6061-11 再订 1200 件，交期 4 月 30 日。\r\n'),
    ).toString('base64');
    const subject = Buffer.from(gbk('追加订单')).toString('base64');
    const mail = [
      'From: =?GB2312?B?' + Buffer.from(gbk('周婷')).toString('base64') + '?= <zt@kaitu-auto.cn>',
      `Subject: =?GB2312?B?${subject}?=`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="gb2312"',
      'Content-Transfer-Encoding: base64',
      '',
      body,
    ].join('\r\n');
    const r = await extractAny(new TextEncoder().encode(mail), { fileName: 'gbk.eml' });
    expect(r.text).toContain('主题：追加订单');
    expect(r.text).toContain('"周婷" <zt@kaitu-auto.cn>');
    expect(r.text).toContain('转向节 HR-ZXJ-6061-11 再订 1200 件');
    expect(locateMostSpecific(r.provenance, r.text.indexOf('1200'))?.source).toMatchObject({
      kind: 'email-body',
      line: 2,
    });
  });
});
