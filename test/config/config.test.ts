import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration', () => {
  it('takes the command line over the environment and validates it the same way', () => {
    expect(loadConfig({ PORT: '4000' }, { PORT: '5000', HOST: '127.0.0.1' })).toMatchObject({
      port: 5000,
      host: '127.0.0.1',
    });
    expect(loadConfig({ PORT: '4000' }, { PORT: undefined }).port).toBe(4000);
    expect(problemsOf(() => loadConfig({}, { PORT: 'eighty' })).join('\n')).toMatch(/^PORT: /m);
  });

  it('holds the mail, engine and PDF font settings', () => {
    const c = loadConfig({
      SHIXU_SMTP_URL: 'smtp://u:p@mail.example.test:587',
      SHIXU_SMTP_FROM: 'shixu@example.test',
      SHIXU_OCR: 'off',
      SHIXU_ASR_ENGINE: 'http',
      SHIXU_ASR_URL: 'http://asr.example.test',
      SHIXU_CJK_FONT: '/fonts/cjk.ttc',
    });
    expect(c.mail).toMatchObject({ describe: 'smtp://mail.example.test:587', from: 'shixu@example.test' });
    expect(c.engines).toMatchObject({
      ocr: { enabled: false },
      asr: { engine: 'http', url: 'http://asr.example.test' },
    });
    expect(c.cjkFont).toBe('/fonts/cjk.ttc');
    expect(loadConfig({})).toMatchObject({ mail: null, engines: { asr: { engine: 'none' } }, cjkFont: null });
  });

  it('reports every wrong setting at once, whichever part it belongs to', () => {
    const problems = problemsOf(() =>
      loadConfig({
        PORT: 'x',
        SHIXU_SMTP_URL: 'http://mail.example.test',
        SHIXU_ASR_ENGINE: 'whisperx',
        SHIXU_OCR_WORKERS: '-1',
      }),
    );
    for (const name of [
      'PORT',
      'SHIXU_SMTP_URL',
      'SHIXU_SMTP_FROM',
      'SHIXU_ASR_ENGINE',
      'SHIXU_OCR_WORKERS',
    ]) {
      expect(
        problems.some((p) => p.startsWith(name)),
        name,
      ).toBe(true);
    }
  });

  it('is the one module that reads the environment', () => {
    const files = fs
      .readdirSync('src', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'));
    const readers = files.filter((f) => {
      const text = fs.readFileSync(path.join('src', f), 'utf8');
      // The package version npm sets is build metadata; the OCR worker hands its thread count, and the
      // catdoc runner the time zone xls2csv writes dates in, to their child processes through the
      // environment they pass on (nothing is read from it).
      const uses = text.match(/process\.env(\.\w+)?/g) ?? [];
      return uses.some(
        (u) => u !== 'process.env.npm_package_version' && u !== 'process.env.SHIXU_OCR_THREADS',
      );
    });
    expect(readers.map((f) => f.split(path.sep).join('/')).sort()).toEqual([
      'config/config.ts',
      'intake/extractors/catdoc.ts',
      'intake/ocr/worker-pool.ts',
    ]);
  });
});
