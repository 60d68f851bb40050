// Multinomial logistic regression over sparse features, trained by seeded SGD with AdaGrad steps.
// Pure: takes feature maps, returns a plain JSON-serialisable model.

export interface LinearModel<L extends string = string> {
  readonly kind: 'softmax-linear';
  readonly labels: readonly L[];
  /** Feature names; weights of feature i are weights[i*K … i*K+K-1]. */
  readonly features: readonly string[];
  readonly weights: readonly number[];
  readonly bias: readonly number[];
}

export interface TrainOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  readonly minDocFreq?: number;
  readonly maxFeatures?: number;
  readonly seed?: number;
  /** Weights smaller than this in every class are dropped from the saved model. */
  readonly pruneBelow?: number;
  readonly decimals?: number;
}

export interface Example<L extends string> {
  readonly features: ReadonlyMap<string, number>;
  readonly label: L;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function selectVocabulary(
  examples: readonly Example<string>[],
  minDocFreq: number,
  maxFeatures: number,
): string[] {
  const df = new Map<string, number>();
  for (const ex of examples) for (const f of ex.features.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  return [...df.entries()]
    .filter(([, n]) => n >= minDocFreq)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxFeatures)
    .map(([f]) => f);
}

function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp(z[k]! - max);
    sum += z[k]!;
  }
  for (let k = 0; k < z.length; k++) z[k] = z[k]! / sum;
}

export function trainLinear<L extends string>(
  labels: readonly L[],
  examples: readonly Example<L>[],
  options: TrainOptions = {},
): LinearModel<L> {
  const {
    epochs = 12,
    learningRate = 0.5,
    l2 = 1e-5,
    minDocFreq = 2,
    maxFeatures = 40_000,
    seed = 20260101,
    pruneBelow = 2e-3,
    decimals = 4,
  } = options;
  const K = labels.length;
  const vocab = selectVocabulary(examples, minDocFreq, maxFeatures);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const rows = examples.map((ex) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [f, v] of ex.features) {
      const i = index.get(f);
      if (i !== undefined) {
        idx.push(i);
        val.push(v);
      }
    }
    return { idx, val, y: labels.indexOf(ex.label) };
  });
  const W = new Float64Array(vocab.length * K);
  const G = new Float64Array(vocab.length * K).fill(1e-8);
  const b = new Float64Array(K);
  const Gb = new Float64Array(K).fill(1e-8);
  const rand = mulberry32(seed);
  const order = rows.map((_, i) => i);
  const z = new Float64Array(K);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const r of order) {
      const row = rows[r]!;
      if (row.y < 0) continue;
      for (let k = 0; k < K; k++) z[k] = b[k]!;
      for (let n = 0; n < row.idx.length; n++) {
        const base = row.idx[n]! * K;
        const v = row.val[n]!;
        for (let k = 0; k < K; k++) z[k] = z[k]! + W[base + k]! * v;
      }
      softmaxInPlace(z);
      for (let k = 0; k < K; k++) {
        const g = z[k]! - (k === row.y ? 1 : 0);
        Gb[k] = Gb[k]! + g * g;
        b[k] = b[k]! - (learningRate * g) / Math.sqrt(Gb[k]!);
        for (let n = 0; n < row.idx.length; n++) {
          const at = row.idx[n]! * K + k;
          const grad = g * row.val[n]! + l2 * W[at]!;
          G[at] = G[at]! + grad * grad;
          W[at] = W[at]! - (learningRate * grad) / Math.sqrt(G[at]!);
        }
      }
    }
  }
  const scale = 10 ** decimals;
  const round = (v: number) => Math.round(v * scale) / scale;
  const features: string[] = [];
  const weights: number[] = [];
  vocab.forEach((f, i) => {
    let keep = false;
    for (let k = 0; k < K; k++) if (Math.abs(W[i * K + k]!) >= pruneBelow) keep = true;
    if (!keep) return;
    features.push(f);
    for (let k = 0; k < K; k++) weights.push(round(W[i * K + k]!));
  });
  return { kind: 'softmax-linear', labels, features, weights, bias: [...b].map(round) };
}

/**
 * Feature names of every compiled model, numbered once. A message's features are looked up here a
 * single time and then shared by all models (intent and sentiment), which halves the hash lookups
 * that dominate prediction. Ids only grow, so a resolved message stays valid for earlier models.
 */
const featureIds = new Map<string, number>();

export interface ResolvedFeatures {
  readonly ids: Int32Array;
  readonly values: Float64Array;
  /** Size of the id space when resolved; ids beyond a model's table are features it lacks. */
  readonly spaceSize: number;
}

/**
 * The reference form of prediction features (string feature map → ids). Prediction itself uses
 * `resolveText` in resolve-text.ts, which its test holds equal to this.
 */
export function resolveFeatures(features: ReadonlyMap<string, number>): ResolvedFeatures {
  const ids = new Int32Array(features.size);
  const values = new Float64Array(features.size);
  let n = 0;
  for (const [f, v] of features) {
    const id = featureIds.get(f);
    if (id === undefined) continue;
    ids[n] = id;
    values[n] = v;
    n++;
  }
  return { ids: ids.subarray(0, n), values: values.subarray(0, n), spaceSize: featureIds.size };
}

export function featureSpaceSize(): number {
  return featureIds.size;
}

export function featureIdOf(name: string): number | undefined {
  return featureIds.get(name);
}

export function featureIdEntries(): IterableIterator<[string, number]> {
  return featureIds.entries();
}

/**
 * A model ready for repeated prediction: a weight row for every feature id known when it was compiled
 * (zeros where the model lacks the feature), so a feature's weights are one array access away instead
 * of behind an id → row table — a cache miss fewer per feature, which is what prediction is bound by.
 */
export interface CompiledLinear<L extends string> {
  readonly labels: readonly L[];
  /** Ids below this have a row; later ids belong to models compiled after this one. */
  readonly idsCovered: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export function compileLinear<L extends string>(model: LinearModel<L>): CompiledLinear<L> {
  const K = model.labels.length;
  for (const f of model.features) if (!featureIds.has(f)) featureIds.set(f, featureIds.size);
  const weights = new Float32Array(featureIds.size * K);
  model.features.forEach((f, i) => {
    const base = featureIds.get(f)! * K;
    for (let k = 0; k < K; k++) weights[base + k] = model.weights[i * K + k]!;
  });
  return { labels: model.labels, idsCovered: featureIds.size, weights, bias: Float32Array.from(model.bias) };
}

/** Class probabilities in the order of `labels`. */
export function predictProbabilities<L extends string>(
  model: CompiledLinear<L>,
  features: ResolvedFeatures,
): number[] {
  const K = model.labels.length;
  const z = new Float64Array(K);
  for (let k = 0; k < K; k++) z[k] = model.bias[k]!;
  const { ids, values } = features;
  const covered = model.idsCovered;
  const w = model.weights;
  for (let n = 0; n < ids.length; n++) {
    const id = ids[n]!;
    if (id >= covered) continue;
    const base = id * K;
    const v = values[n]!;
    for (let k = 0; k < K; k++) z[k] = z[k]! + w[base + k]! * v;
  }
  softmaxInPlace(z);
  return [...z];
}

/**
 * Models that always predict together (intent and sentiment of each message), compiled into one row
 * per feature id holding every model's weights side by side, padded to 16 floats (one 64-byte cache
 * line): a feature then costs one memory access for all models. Same sums as predictProbabilities.
 */
export interface CompiledJoint {
  readonly parts: readonly {
    readonly labels: readonly string[];
    readonly offset: number;
    readonly bias: Float32Array;
  }[];
  readonly stride: number;
  readonly idsCovered: number;
  readonly weights: Float32Array;
}

export function compileJoint(models: readonly LinearModel<string>[]): CompiledJoint {
  for (const m of models)
    for (const f of m.features) if (!featureIds.has(f)) featureIds.set(f, featureIds.size);
  let total = 0;
  const parts = models.map((m) => {
    const part = { labels: m.labels, offset: total, bias: Float32Array.from(m.bias) };
    total += m.labels.length;
    return part;
  });
  const stride = Math.max(16, total);
  const weights = new Float32Array(featureIds.size * stride);
  models.forEach((m, j) => {
    const K = m.labels.length;
    const offset = parts[j]!.offset;
    m.features.forEach((f, i) => {
      const base = featureIds.get(f)! * stride + offset;
      for (let k = 0; k < K; k++) weights[base + k] = m.weights[i * K + k]!;
    });
  });
  return { parts, stride, idsCovered: featureIds.size, weights };
}

/** Class probabilities of each model, in the order of the models and of their labels. */
export function predictJoint(joint: CompiledJoint, features: ResolvedFeatures): number[][] {
  const { stride, weights: w, idsCovered } = joint;
  const z = new Float64Array(stride);
  for (const part of joint.parts)
    for (let k = 0; k < part.labels.length; k++) z[part.offset + k] = part.bias[k]!;
  const used = joint.parts.reduce((n, p) => n + p.labels.length, 0);
  const { ids, values } = features;
  for (let n = 0; n < ids.length; n++) {
    const id = ids[n]!;
    if (id >= idsCovered) continue;
    const base = id * stride;
    const v = values[n]!;
    for (let k = 0; k < used; k++) z[k] = z[k]! + w[base + k]! * v;
  }
  return joint.parts.map((part) => {
    const p = z.subarray(part.offset, part.offset + part.labels.length);
    softmaxInPlace(p);
    return [...p];
  });
}

/**
 * The shipped form of a model: weights as base64 of little-endian float32. Prediction runs on
 * float32 anyway, so nothing is lost, and parsing one string instead of ~200k JSON numbers takes
 * start-up from ~100 ms to ~2 ms per model.
 */
export interface PackedLinearModel<L extends string = string> {
  readonly kind: 'softmax-linear-f32';
  readonly labels: readonly L[];
  readonly features: readonly string[];
  readonly weightsF32: string;
  readonly bias: readonly number[];
}

export function packLinear<L extends string>(model: LinearModel<L>): PackedLinearModel<L> {
  const bytes = new Uint8Array(model.weights.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < model.weights.length; i++) view.setFloat32(i * 4, model.weights[i]!, true);
  return {
    kind: 'softmax-linear-f32',
    labels: model.labels,
    features: model.features,
    weightsF32: Buffer.from(bytes).toString('base64'),
    bias: model.bias,
  };
}

export function unpackLinear<L extends string>(packed: PackedLinearModel<L>): LinearModel<L> {
  if (packed.kind !== 'softmax-linear-f32') throw new Error(`unknown model kind ${String(packed.kind)}`);
  const bytes = Buffer.from(packed.weightsF32, 'base64');
  const K = packed.labels.length;
  if (bytes.length !== packed.features.length * K * 4)
    throw new Error(
      `model weights do not match: ${bytes.length / 4} weights for ${packed.features.length}×${K}`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights = new Array<number>(bytes.length / 4);
  for (let i = 0; i < weights.length; i++) weights[i] = view.getFloat32(i * 4, true);
  return {
    kind: 'softmax-linear',
    labels: packed.labels,
    features: packed.features,
    weights,
    bias: packed.bias,
  };
}
