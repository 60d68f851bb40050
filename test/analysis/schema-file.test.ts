import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { analysisJsonSchemaText } from '../../src/analysis/json-schema.js';
import * as M from './messages.js';

const committed = readFileSync(new URL('../../docs/analysis.schema.json', import.meta.url), 'utf8');

describe('docs/analysis.schema.json', () => {
  it('is the schema generated from the zod contract (run `npm run schema` after changing it)', () => {
    expect(committed).toBe(analysisJsonSchemaText());
  });

  it('accepts a real analysis result', () => {
    const ajv = new Ajv2020.default({ strict: false });
    const validate = ajv.compile(JSON.parse(committed));
    const result = analyze(M.poEmail, { refDate: '2026-11-20', catalog: M.catalog, customers: M.customers });
    expect(validate(JSON.parse(JSON.stringify(result)))).toBe(true);
  });
});
