import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, ERROR_CODES, renderErrorsMarkdown } from '../../src/shared/errors.js';

const DOC = path.resolve('docs/errors.md');
const HAN = /\p{Script=Han}/u;

describe('error catalogue', () => {
  it('gives every code an HTTP error status and a Chinese and an English message', () => {
    expect(ERROR_CODES.length).toBeGreaterThanOrEqual(12);
    for (const code of ERROR_CODES) {
      const e = ERROR_CATALOGUE[code];
      expect(code).toMatch(/^[A-Z][A-Z_]+$/);
      expect(e.status, code).toBeGreaterThanOrEqual(400);
      expect(e.status, code).toBeLessThan(600);
      expect(e.zh, code).toMatch(HAN);
      expect(e.en, code).toMatch(/^[A-Z][^\p{Script=Han}]+$/u);
      expect(e.log.length, code).toBeGreaterThan(5);
    }
  });

  it('keeps docs/errors.md in step with the catalogue (SHIXU_WRITE_DOCS=1 regenerates it)', () => {
    const expected = renderErrorsMarkdown();
    if (process.env.SHIXU_WRITE_DOCS === '1') fs.writeFileSync(DOC, expected);
    const actual = fs.readFileSync(DOC, 'utf8');
    expect(actual).toBe(expected);
    for (const code of ERROR_CODES) expect(actual).toContain(`\`${code}\``);
  });
});
