// Writes docs/analysis.schema.json from the zod contract, so the published JSON Schema cannot drift
// from the code. `npm run schema` after changing src/analysis/result.ts; a test checks they agree.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analysisJsonSchemaText } from '../src/analysis/json-schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(root, 'docs/analysis.schema.json');
const text = analysisJsonSchemaText();
writeFileSync(target, text);
console.log(JSON.stringify({ written: 'docs/analysis.schema.json', bytes: Buffer.byteLength(text) }));
