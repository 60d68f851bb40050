// Reads a password for the CLI: the first line of stdin (for scripts: --password-stdin), or a
// hidden prompt asked twice on a terminal. Never from an argument, which would land in shell history.
import readline from 'node:readline';
import { CliError } from './cli-error.js';

async function readStdinFirstLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let muted = false;
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    out._writeToOutput = (s: string) => {
      if (!muted || s.includes('\n')) process.stderr.write(muted ? '\n' : s);
    };
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
    muted = true;
  });
}

export async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdinFirstLine();
  if (!process.stdin.isTTY) {
    throw new CliError(
      '没有终端可输入密码，请使用 --password-stdin / no terminal for a password prompt; use --password-stdin',
    );
  }
  const first = await askHidden('密码 / Password: ');
  const second = await askHidden('再次输入 / Repeat: ');
  if (first !== second) throw new CliError('两次输入的密码不一致 / the passwords do not match');
  return first;
}
