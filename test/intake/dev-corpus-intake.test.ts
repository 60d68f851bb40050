// The dev corpus messages, uploaded as text files in the encodings customers use, must come out verbatim
// and with speakers attached for chats and transcripts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractAny } from '../../src/intake/extract.js';
import { gbk } from '../support/gbk.js';
import { utf16le } from './fixtures.js';

interface Case {
  id: string;
  channel: string;
  text: string;
}

const cases: Case[] = readFileSync(new URL('../fixtures/dev-corpus/corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Case);

const tryGbk = (text: string) => {
  try {
    return gbk(text);
  } catch {
    return undefined; // emoji and other characters outside GBK
  }
};

describe('dev corpus as uploaded text files', () => {
  it('decodes every message verbatim from UTF-8, UTF-16 and (where representable) GBK', async () => {
    let gbkCount = 0;
    for (const c of cases) {
      const variants: Uint8Array[] = [new TextEncoder().encode(c.text), utf16le(c.text)];
      const g = tryGbk(c.text);
      if (g) {
        variants.push(g);
        gbkCount++;
      }
      for (const bytes of variants) {
        const r = await extractAny(bytes, { fileName: `${c.id}.txt` });
        expect(r.text, c.id).toBe(c.text.replace(/\r\n?/g, '\n'));
      }
    }
    expect(gbkCount).toBeGreaterThan(cases.length / 2);
  });

  it('attaches a speaker to the lines of chats and phone transcripts, and not to letters', async () => {
    for (const c of cases) {
      const r = await extractAny(new TextEncoder().encode(c.text), { fileName: `${c.id}.txt` });
      const withSender =
        r.provenance.filter((s) => s.source.sender).length / Math.max(1, r.provenance.length);
      if (c.channel === 'wechat' || c.channel === 'phone_transcript')
        expect(withSender, c.id).toBeGreaterThan(0.9);
      if (c.channel === 'contract' || c.channel === 'purchase_order') expect(withSender, c.id).toBe(0);
    }
  });
});
