// The shipped topic models, trained by `npm run train` (topic-training.ts).

import { type PackedLinearModel, unpackLinear } from '../classify/linear.js';
import topicsJson from '../models/topics.json' with { type: 'json' };
import type { RequirementCategory } from '../result.js';
import type { TopicLabel, TopicModel } from './topic-model.js';

interface PackedTopicModel {
  threshold: number;
  models: Partial<Record<RequirementCategory, PackedLinearModel<TopicLabel>>>;
}

const packed = topicsJson as unknown as PackedTopicModel;

export const shippedTopicModel: TopicModel = {
  threshold: packed.threshold,
  models: Object.fromEntries(
    Object.entries(packed.models).map(([c, m]) => [c, unpackLinear(m as PackedLinearModel<TopicLabel>)]),
  ) as TopicModel['models'],
};
