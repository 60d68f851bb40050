import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { featurise } from './features.js';
import {
  classifyIntent,
  classifyMessage,
  classifySentiment,
  shippedIntentModel,
  shippedSentimentModel,
} from './index.js';
import { compileLinear, resolveFeatures } from './linear.js';
import { resolveText } from './resolve-text.js';
import { jiebaTokenize } from './tokenize.js';

// Both shipped models compiled, so every feature name they know has an id.
compileLinear(shippedIntentModel);
compileLinear(shippedSentimentModel);

function viaStrings(text: string) {
  const r = resolveFeatures(featurise(text, jiebaTokenize));
  return { ids: [...r.ids], values: [...r.values] };
}

function viaNumbers(text: string) {
  const r = resolveText(text, jiebaTokenize);
  return { ids: [...r.ids], values: [...r.values] };
}

const MESSAGES = [
  '主题：采购订单 NB-PO-2611-204\n\n王经理：附件为我司11月采购订单，电机端盖1800件，单价91元含税，12月8日前送苏州吴中工厂，请确认。',
  '你们到底什么时候发货？？已经拖了三次了，再这样我们只能找别家了😡',
  't:好 t:a\nt:好的，谢谢支持👍👍 非常满意',
  'Hello, could you quote 3,000 pcs of the water pump housing? Please include tooling cost and lead time.',
  '',
  '   \n\n  ',
  '好好好好好好好好好好好好',
  '\uD800 lone surrogate \uDFFF and 😀 emoji 𠀀 CJK ext B',
];

describe('resolveText (prediction features without per-n-gram strings)', () => {
  it('gives exactly the features featurise + resolveFeatures give, in the same order', () => {
    for (const text of MESSAGES) expect(viaNumbers(text), text).toEqual(viaStrings(text));
  });

  it('agrees on any text, including a message longer than the 4,000-character cap', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'订单交货期t:好 \n？！abcA1２😡'), maxLength: 200 }),
        (text) => {
          expect(viaNumbers(text)).toEqual(viaStrings(text));
        },
      ),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(viaNumbers(text)).toEqual(viaStrings(text));
      }),
      { numRuns: 200 },
    );
    const long = MESSAGES[0]!.repeat(80);
    expect(viaNumbers(long)).toEqual(viaStrings(long));
  });
});

describe('classifyMessage (both models in one pass over the features)', () => {
  it('answers exactly what classifyIntent and classifySentiment answer', () => {
    const check = (text: string) => {
      expect(classifyMessage(text), text).toEqual({
        intent: classifyIntent(text),
        sentiment: classifySentiment(text),
      });
    };
    for (const text of MESSAGES) check(text);
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom(...MESSAGES)), check), {
      numRuns: 100,
    });
  });
});
