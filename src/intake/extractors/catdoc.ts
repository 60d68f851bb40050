// The programs of Debian's catdoc package, which read the Office 97–2003 formats offline: catdoc for
// Word's .doc and WPS Writer's .wps, xls2csv for Excel's .xls and WPS Spreadsheets' .et. They are
// optional at run time: without them these uploads get a message saying what to install.
import { execFile } from 'node:child_process';
import { intakeErrors } from '../intake-errors.js';

/** The message when the catdoc package is not installed: the file is kept, the record can be retried after. */
export function catdocMissing(what: string, program: 'catdoc' | 'xls2csv', saveAs: '.docx' | '.xlsx') {
  return intakeErrors.unsupported(
    `旧版 ${what}`,
    `服务器未安装读取工具 ${program}（Debian 软件包 catdoc）：请管理员执行 apt-get install catdoc 后重试，或把文件另存为 ${saveAs} 后上传。`,
    `The server lacks the reader ${program} (Debian package catdoc): ask the administrator to run "apt-get install catdoc" and retry, or save the file as ${saveAs} and upload it.`,
  );
}

/** Runs one of the package's programs on a file; rejects with the process error and its stderr. */
export function runCatdocProgram(
  program: 'catdoc' | 'xls2csv',
  args: string[],
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      program,
      args,
      {
        encoding: 'utf8',
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        // xls2csv writes dates through gmtime/strftime; UTC keeps "%s" the plain count of seconds.
        env: { ...process.env, TZ: 'UTC' },
      },
      (err, stdout, stderr) => {
        if (err) reject(Object.assign(err, { stderr }));
        else resolve(stdout);
      },
    );
  });
}
