import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type IntakeErrorCode, intakeCatalogueCode } from '../../src/intake/intake-errors.js';
import { REFUSALS } from '../../src/review/refusals.js';
import {
  DECLARED_ERROR_ENTRIES,
  ERROR_CATALOGUE,
  ERROR_CODES,
  INTAKE_FAILURES,
  REVIEW_REFUSALS,
  renderErrorsMarkdown,
} from '../../src/shared/errors.js';

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
      expect((e.log ?? e.en).length, code).toBeGreaterThan(5);
    }
  });

  it('holds the review refusals and the intake failures, no code declared twice', () => {
    expect(ERROR_CODES).toHaveLength(DECLARED_ERROR_ENTRIES);
    expect(REFUSALS).toBe(REVIEW_REFUSALS);
    for (const code of ['STALE_VERSION', 'WRONG_DEPARTMENT', 'INTERNAL_ERROR'] as const) {
      expect(ERROR_CATALOGUE[code]).toBe(REVIEW_REFUSALS[code]);
    }
    for (const code of Object.keys(INTAKE_FAILURES)) {
      const kind = code.replace(/^INTAKE_/, '').toLowerCase() as IntakeErrorCode;
      expect(intakeCatalogueCode(kind)).toBe(code);
    }
    // Request failures log what happened for operators; only expected refusals may fall back to English.
    for (const code of ERROR_CODES.filter((c) => !(c in REVIEW_REFUSALS))) {
      expect(ERROR_CATALOGUE[code].log, code).toBeTruthy();
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
