// The prediction-time twin of `featurise` + `resolveFeatures`: the same features with the same values
// in the same order (a test holds the two together), computed without building a string for every
// character n-gram. A 300-character message has ~900 n-grams; slicing, hashing and map-inserting each
// as a string was a quarter of the analysis time. Here an n-gram is a number (its UTF-16 units packed
// into 49 bits) counted in a reused open-addressing table, and only known words are looked up by name.
import { normaliseForFeatures, SKIP_TOKEN, setFeatures, type Tokenize } from './features.js';
import { featureIdEntries, featureIdOf, featureSpaceSize, type ResolvedFeatures } from './linear.js';

const TWO_16 = 65_536;
const TWO_32 = 4_294_967_296;
const BIGRAM_BASE = TWO_16;
const TRIGRAM_BASE = 2 * TWO_32;

function unigramKey(c1: number): number {
  return c1;
}
function bigramKey(c1: number, c2: number): number {
  return BIGRAM_BASE + c1 * TWO_16 + c2;
}
function trigramKey(c1: number, c2: number, c3: number): number {
  return TRIGRAM_BASE + c1 * TWO_32 + c2 * TWO_16 + c3;
}

/** The packed key of a feature name that is a 1–3-unit string, i.e. could be a character n-gram. */
function keyOfName(name: string): number | null {
  if (name.length === 1) return unigramKey(name.charCodeAt(0));
  if (name.length === 2) return bigramKey(name.charCodeAt(0), name.charCodeAt(1));
  if (name.length === 3) return trigramKey(name.charCodeAt(0), name.charCodeAt(1), name.charCodeAt(2));
  return null;
}

function slotOf(key: number, bits: number): number {
  const lo = key >>> 0;
  const hi = (key / TWO_32) | 0;
  return Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) >>> (32 - bits);
}

/**
 * number → int map with linear probing; keys are never removed except by `clearUsed`. A key and its
 * value sit side by side in one array, so a lookup in the large table of known n-grams costs one
 * cache miss instead of two.
 */
class NumberTable {
  /** Slot i: key at 2i (−1 = empty), value at 2i+1. */
  readonly cells: Float64Array;
  private readonly used: Int32Array;
  private usedCount = 0;
  constructor(readonly bits: number) {
    this.cells = new Float64Array(2 << bits);
    for (let i = 0; i < this.cells.length; i += 2) this.cells[i] = -1;
    this.used = new Int32Array(1 << bits);
  }
  /** Slot holding key, or the empty slot where it would go (keyAt(slot) === -1). */
  find(key: number): number {
    const mask = (1 << this.bits) - 1;
    let slot = slotOf(key, this.bits);
    for (;;) {
      const k = this.cells[2 * slot]!;
      if (k === key || k === -1) return slot;
      slot = (slot + 1) & mask;
    }
  }
  keyAt(slot: number): number {
    return this.cells[2 * slot]!;
  }
  valueAt(slot: number): number {
    return this.cells[2 * slot + 1]!;
  }
  claim(slot: number, key: number, value: number): void {
    this.cells[2 * slot] = key;
    this.cells[2 * slot + 1] = value;
    this.used[this.usedCount++] = slot;
  }
  increment(slot: number): void {
    this.cells[2 * slot + 1]!++;
  }
  get size(): number {
    return this.usedCount;
  }
  /** Slots in the order they were claimed. */
  slotAt(i: number): number {
    return this.used[i]!;
  }
  clearUsed(): void {
    for (let i = 0; i < this.usedCount; i++) this.cells[2 * this.used[i]!] = -1;
    this.usedCount = 0;
  }
}

// A table sized to the message (load below 0.5) stays in the fastest cache for a short message;
// features.ts caps input at 4,000 characters, at most 12,000 distinct n-grams (2^15 slots).
const countTables = new Map<number, NumberTable>();
let counts: NumberTable;

function countTableFor(length: number): NumberTable {
  let bits = 8;
  while (1 << bits < length * 3 * 2 && bits < 15) bits++;
  let table = countTables.get(bits);
  if (table === undefined) {
    table = new NumberTable(bits);
    countTables.set(bits, table);
  }
  return table;
}

/** Packed n-gram key → feature id, for the n-gram-shaped names of every compiled model. */
let ngramIds: NumberTable | null = null;
let ngramIdsSpace = -1;

function ngramIdTable(): NumberTable {
  const space = featureSpaceSize();
  if (ngramIds === null || ngramIdsSpace !== space) {
    let bits = 10;
    while (1 << bits < space * 2) bits++;
    const table = new NumberTable(bits);
    for (const [name, id] of featureIdEntries()) {
      const key = keyOfName(name);
      if (key === null) continue;
      const slot = table.find(key);
      if (table.keyAt(slot) === -1) table.claim(slot, key, id);
    }
    ngramIds = table;
    ngramIdsSpace = space;
  }
  return ngramIds;
}

/** Token → feature id of its "w:" word feature, for every compiled model. */
let wordIds: Map<string, number> | null = null;
let wordIdsSpace = -1;

function wordIdTable(): Map<string, number> {
  const space = featureSpaceSize();
  if (wordIds === null || wordIdsSpace !== space) {
    wordIds = new Map();
    for (const [name, id] of featureIdEntries()) if (name.startsWith('w:')) wordIds.set(name.slice(2), id);
    wordIdsSpace = space;
  }
  return wordIds;
}

// Lower-cased text can only collide with a set-phase name through "t:x" (a one-character title word).
const TITLE_TRIGRAMS = trigramKey(0x74, 0x3a, 0);

const logCount = (c: number) => (c === 1 ? 1 : 1 + Math.log(c));

/** Features of a text, resolved against the compiled models' feature ids. */
export function resolveText(text: string, tokenize: Tokenize): ResolvedFeatures {
  const s = normaliseForFeatures(text);
  const tokens = tokenize(s);
  counts = countTableFor(s.length);
  const known = ngramIdTable();

  // Keyed by the bare token: building "w:"+token for every token only to hash it was measurable.
  const words = new Map<string, number>();
  for (const tok of tokens) {
    if (tok.length > 1 && !SKIP_TOKEN.test(tok)) words.set(tok, (words.get(tok) ?? 0) + 1);
  }
  const wordId = wordIdTable();
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c1 = s.charCodeAt(i);
    if (c1 === 32 || c1 === 10) continue;
    count(unigramKey(c1));
    if (i + 1 < n) {
      const c2 = s.charCodeAt(i + 1);
      count(bigramKey(c1, c2));
      if (i + 2 < n) count(trigramKey(c1, c2, s.charCodeAt(i + 2)));
    }
  }

  let norm = 0;
  for (const c of words.values()) norm += logCount(c) ** 2;
  for (let i = 0; i < counts.size; i++) norm += logCount(counts.valueAt(counts.slotAt(i))) ** 2;
  const inv = 1 / (Math.sqrt(norm) || 1);

  const ids: number[] = [];
  const values: number[] = [];
  for (const [tok, c] of words) {
    const id = wordId.get(tok);
    if (id === undefined) continue;
    ids.push(id);
    values.push(logCount(c) * inv);
  }
  // Output position of each counted n-gram that a model knows, so a title or cue feature whose name
  // is the same 1–3 characters replaces its value in place, as Map.set does in featurise.
  const positionOfKey = new Map<number, number>();
  for (let i = 0; i < counts.size; i++) {
    const slot = counts.slotAt(i);
    const key = counts.keyAt(slot);
    const at = known.find(key);
    if (known.keyAt(at) === -1) continue;
    if (key >= TITLE_TRIGRAMS && key < TITLE_TRIGRAMS + TWO_16) positionOfKey.set(key, ids.length);
    ids.push(known.valueAt(at));
    values.push(logCount(counts.valueAt(slot)) * inv);
  }

  const setAt = new Map<string, number>();
  const set = (f: string, v: number) => {
    let at = setAt.get(f);
    if (at === undefined) {
      const key = keyOfName(f);
      if (key !== null) {
        const slot = counts.find(key);
        if (counts.keyAt(slot) !== -1) at = positionOfKey.get(key);
      }
    }
    if (at !== undefined) {
      values[at] = v;
      return;
    }
    const id = featureIdOf(f);
    if (id === undefined) return;
    setAt.set(f, ids.length);
    ids.push(id);
    values.push(v);
  };
  setFeatures(s, tokens, set);
  counts.clearUsed();
  return { ids: Int32Array.from(ids), values: Float64Array.from(values), spaceSize: featureSpaceSize() };
}

function count(key: number): void {
  const slot = counts.find(key);
  if (counts.keyAt(slot) === -1) counts.claim(slot, key, 1);
  else counts.increment(slot);
}
