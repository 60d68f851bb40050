// `shixu intake FILE… [--json]`: files from the command line go through the same path as uploads —
// original stored, record created, extracted, analysed and persisted — but in this process, one
// after the other, so the command returns when everything is done.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { createEngines, type Engines } from '../../intake/engines.js';
import { FileStore } from '../../intake/file-store.js';
import { getIntake } from '../../intake/intake-repository.js';
import { acceptIntake, type IntakeDeps, processIntake } from '../../intake/intake-service.js';
import { SYSTEM_ACTORS } from '../../store/audit.js';
import { CliError } from '../cli-error.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

interface IntakeCliOptions {
  json?: boolean;
  channel?: string;
  customer?: string;
  refDate?: string;
}

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? '找不到文件 / file not found'
        : code === 'EISDIR'
          ? '这是目录，不是文件 / is a directory'
          : `无法读取 / cannot read (${code ?? String(err)})`,
    );
  }
}

// OCR of many pages or a long call takes far longer than reading a document.
const MEDIA_TIMEOUT_MS = 30 * 60_000;

export const registerIntake: RegisterCommand = (program: Command, ctx) => {
  program
    .command('intake')
    .argument('<files...>', '要处理的文件（邮件、Word、Excel、PDF、文本…）/ files to take in')
    .description(
      '收件：保存原文件，提取文字与来源并分析，结果存入数据库 / take in files: keep the original, extract text with provenance, analyse and store',
    )
    .option(
      '--json',
      '每个文件输出一行 JSON {file, mediaType, text, provenance, analysis} / one JSON line per file',
    )
    .option('--channel <channel>', '渠道：email, wechat, purchase_order … / channel')
    .option('--customer <name>', '已知的客户名称 / the customer when already known')
    .option('--ref-date <YYYY-MM-DD>', '收到日期（默认今天）/ day received (default today)')
    .action(async (files: string[], opts: IntakeCliOptions) => {
      if (opts.refDate && (!ISO_DAY.test(opts.refDate) || Number.isNaN(Date.parse(opts.refDate))))
        throw new CliError(`--ref-date 须为 YYYY-MM-DD / must be YYYY-MM-DD, got ${opts.refDate}`);
      await withStore(async (store, config) => {
        let engines: Engines;
        try {
          engines = createEngines(config.engines);
        } catch (err) {
          throw new CliError(err instanceof Error ? err.message : String(err));
        }
        const deps = {
          store,
          files: new FileStore(config.uploadDir),
          engines,
          limits: { timeoutMs: MEDIA_TIMEOUT_MS },
        };
        try {
          await takeIn(deps);
        } finally {
          await engines.close();
        }
      });
      async function takeIn(deps: IntakeDeps) {
        const { store } = deps;
        let failed = 0;
        for (const [index, file] of files.entries()) {
          const name = path.basename(file);
          if (!opts.json) process.stderr.write(`[${index + 1}/${files.length}] ${file} …\n`);
          let problem: { code: string; message: string };
          let recordId: string | undefined;
          try {
            const bytes = await readInput(file);
            recordId = await acceptIntake(deps, {
              bytes: new Uint8Array(bytes),
              fileName: name,
              channel: opts.channel ?? null,
              customerName: opts.customer ?? null,
              refDate: opts.refDate ?? null,
              actor: SYSTEM_ACTORS.cli,
            });
            await processIntake(deps, recordId);
            const record = (await getIntake(store.db, recordId))!;
            if (record.status === 'done' && record.analysis) {
              const out = {
                file,
                id: record.id,
                mediaType: record.mediaType,
                text: record.text,
                provenance: record.provenance,
                warnings: record.warnings,
                analysis: record.analysis,
              };
              if (opts.json) process.stdout.write(`${JSON.stringify(out)}\n`);
              else {
                const a = record.analysis;
                process.stdout.write(
                  `${file}: 完成 / done — ${a.intent.label}, ${a.items.length} 项 items, ${a.requirements.length} 条要求 requirements, 合同类别 class ${a.contract.class ?? '-'} (id ${record.id})\n`,
                );
              }
              continue;
            }
            problem = record.error ?? { code: 'failed', message: '处理失败 / processing failed' };
          } catch (err) {
            problem = { code: 'unreadable', message: err instanceof Error ? err.message : String(err) };
          }
          failed++;
          process.stderr.write(`错误 / error: ${file}: [${problem.code}] ${problem.message}\n`);
          if (opts.json) {
            process.stdout.write(
              `${JSON.stringify({ file, ...(recordId ? { id: recordId } : {}), error: problem })}\n`,
            );
          }
        }
        if (failed > 0) {
          process.stderr.write(`${failed}/${files.length} 个文件未能处理 / file(s) failed\n`);
          ctx.setExit(1);
        }
      }
    });
};
