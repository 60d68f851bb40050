// Entry of the `shixu` command. Each command lives in its own module under ./commands and
// registers itself here; main() returns the exit code instead of exiting so tests can call it.
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { COMMANDS } from './commands/index.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('shixu')
    .description(
      '识需 Shixu — 客户需求识别与合同评审 / customer requirement identification and contract review',
    )
    .version(process.env.npm_package_version ?? '0.1.0')
    .exitOverride()
    .showHelpAfterError('(使用 --help 查看用法 / use --help for usage)');
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  for (const register of COMMANDS) register(program, { setExit });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof CliError) {
      process.stderr.write(`错误 / error: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`错误 / error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
