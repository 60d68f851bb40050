// `shixu extract --jsonl`: entities in Duckling's JSON format, one output line per input line, so
// tools and benchmarks written for Duckling can run against Shixu unchanged.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { extractOne } from '../../analysis/entities/extract-jsonl.js';
import { CliError } from '../cli-error.js';
import type { RegisterCommand } from './index.js';

/** One input line → one output line (the id carried over); a bad line reports its error in place. */
export function extractJsonLine(line: string, now: number = Date.now()): { line: string; failed: boolean } {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    return {
      line: JSON.stringify({
        id: null,
        entities: [],
        error: '该行不是合法的 JSON / the line is not valid JSON',
      }),
      failed: true,
    };
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    return {
      line: JSON.stringify({
        id: null,
        entities: [],
        error: '该行须为 JSON 对象 {"id","text","reftime"} / the line must be a JSON object',
      }),
      failed: true,
    };
  }
  const out = extractOne(row as Record<string, unknown>, { now });
  return { line: JSON.stringify(out), failed: out.error !== undefined };
}

export const registerExtract: RegisterCommand = (program: Command, ctx) => {
  program
    .command('extract')
    .description(
      '按 Duckling 格式抽取实体：标准输入逐行 {"id","text","reftime","locale"?,"dims"?} / Duckling-format entities from JSON lines on stdin',
    )
    .option('--jsonl', '逐行读取 JSON（目前唯一的输入格式）/ JSON lines on stdin (the only input format)')
    .addHelpText(
      'after',
      '\n输出 / output: {"id","entities":[{body,start,end,dim,latent,value}]}；reftime 为带时区的 ISO 8601。\n',
    )
    .action(async (opts: { jsonl?: boolean }) => {
      if (!opts.jsonl)
        throw new CliError('请加 --jsonl，从标准输入逐行读取 / use --jsonl and pipe JSON lines on stdin');
      const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
      let failed = 0;
      for await (const line of lines) {
        if (line.trim() === '') continue;
        const out = extractJsonLine(line);
        if (out.failed) failed++;
        process.stdout.write(`${out.line}\n`);
      }
      if (failed > 0) {
        process.stderr.write(`${failed} 行有错误 / line(s) had errors\n`);
        ctx.setExit(1);
      }
    });
};
