// Which topics a message raises: the learnt judgement over what the topic cues filed (topic-model.ts),
// and the kinds of statement that raise no topic at all.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { shippedTopicModel } from '../../src/analysis/requirements/shipped-topic-model.js';
import { SURELY_NOT, settleTopics } from '../../src/analysis/requirements/topic-model.js';
import type { Requirement, RequirementCategory } from '../../src/analysis/result.js';
import { REQUIREMENT_CATEGORIES } from '../../src/analysis/vocabulary.js';

const topics = (text: string, channel = 'email') =>
  [...new Set(analyze(text, { refDate: '2026-05-10', channel }).requirements.map((r) => r.category))].sort();

function statement(norm: string, part: string, category: RequirementCategory): Requirement {
  const start = norm.indexOf(part);
  return {
    text: part,
    category,
    kind: 'explicit',
    special: false,
    priority: 'normal',
    span: { start, end: start + part.length },
  };
}

describe('the topic judgement', () => {
  const norm = '5月3日送货的卡钳壳体有划伤，外观全检后再发，按图纸公差。';
  const delivered = statement(norm, '5月3日送货的卡钳壳体有划伤', 'delivery');
  const inspect = statement(norm, '外观全检后再发', 'quality');
  const drawing = statement(norm, '按图纸公差', 'technical');
  const p = (entries: [RequirementCategory, number][]) =>
    new Map<RequirementCategory, number>([
      ...REQUIREMENT_CATEGORIES.map((c) => [c, 0.5] as [RequirementCategory, number]),
      ...entries,
    ]);

  it('files a statement under another topic it names when its own is not raised', () => {
    const out = settleTopics(
      norm,
      [delivered],
      [],
      p([
        ['delivery', 0.2],
        ['quality', 0.9],
      ]),
      0.4,
    );
    expect(out.map((r) => [r.text, r.category])).toEqual([['5月3日送货的卡钳壳体有划伤', 'quality']]);
  });

  it('takes a statement away only when the models are sure its topic is not raised', () => {
    const unsure = p([['technical', SURELY_NOT + 0.05]]);
    expect(settleTopics(norm, [drawing], [], unsure, 0.4)).toHaveLength(1);
    expect(settleTopics(norm, [drawing], [], p([['technical', SURELY_NOT / 2]]), 0.4)).toEqual([]);
  });

  it('adds a raised topic that a statement names beside the one it is filed under', () => {
    const out = settleTopics(
      norm,
      [inspect],
      [{ requirement: { ...inspect, category: 'delivery' }, category: 'delivery' }],
      p([['delivery', 0.8]]),
      0.4,
    );
    expect(out.map((r) => r.category).sort()).toEqual(['delivery', 'quality']);
    // Not when the models do not think the message raises it.
    const kept = settleTopics(
      norm,
      [inspect],
      [{ requirement: { ...inspect, category: 'delivery' }, category: 'delivery' }],
      p([['delivery', 0.1]]),
      0.4,
    );
    expect(kept.map((r) => r.category)).toEqual(['quality']);
  });

  it('leaves implied requirements and cited laws alone', () => {
    const law = { ...statement(norm, '按图纸公差', 'regulatory'), kind: 'statutory' as const };
    const implied = { ...inspect, kind: 'implied' as const };
    expect(
      settleTopics(
        norm,
        [law, implied],
        [],
        p([
          ['regulatory', 0],
          ['quality', 0],
        ]),
        0.4,
      ),
    ).toHaveLength(2);
  });

  it('ships a model for every topic with a threshold between 0 and 1', () => {
    for (const c of REQUIREMENT_CATEGORIES) expect(shippedTopicModel.models[c]?.labels).toContain('yes');
    expect(shippedTopicModel.threshold).toBeGreaterThan(0);
    expect(shippedTopicModel.threshold).toBeLessThan(1);
  });
});

describe('statements that raise no topic', () => {
  it('a mail footer: confidentiality notices state no requirement', () => {
    const footer =
      '王经理：HR-6063-SR120 散热器 2000件，5月30日前交货，每批附出厂检验报告。\n谢谢！\n' +
      '【保密声明】本邮件及其附件可能含有商业秘密，仅供指定收件人使用，不得复制、转发或披露其内容。\n' +
      'CONFIDENTIALITY: This e-mail and any attachments are intended solely for the addressee and must not be copied.';
    const r = analyze(footer, { refDate: '2026-05-10', channel: 'email' });
    expect(r.requirements.some((q) => /保密|复制|CONFIDENTIAL/i.test(q.text))).toBe(false);
    expect(topics(footer)).toEqual(expect.arrayContaining(['delivery', 'documentation']));
  });

  it('a complaint names the batch by its delivery day without raising delivery', () => {
    const complaint =
      '我司IQC于5月6日对贵司5月3日送货的卡钳壳体（送货单DN-0503-02，2000件）抽检，发现划伤12件，' +
      '请三天内回复原因分析及纠正措施。';
    expect(topics(complaint)).not.toContain('delivery');
    expect(topics(complaint)).toEqual(expect.arrayContaining(['quality', 'service']));
  });
});
