// The JSON Schema of the analysis result, generated from the zod contract (the single source).
import { z } from 'zod';
import { analysisResultSchema } from './result.js';

export const ANALYSIS_SCHEMA_ID = 'https://shixu.local/schemas/analysis.schema.json';

export function analysisJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(analysisResultSchema, { target: 'draft-2020-12', unrepresentable: 'any' });
  return { $id: ANALYSIS_SCHEMA_ID, title: 'Shixu analysis result (识需分析结果)', ...schema };
}

export function analysisJsonSchemaText(): string {
  return `${JSON.stringify(analysisJsonSchema(), null, 2)}\n`;
}
