// Entry of the `shixu` command. Each command lives in its own module under ./commands, listed by
// name in ./commands/index.ts and imported only when it is the one asked for; main() returns the
// exit code instead of exiting so tests can call it.
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { COMMANDS, type CommandEntry } from './commands/index.js';

/** The command the arguments name (`shixu help X` names X); the root has no option taking a value. */
export function requestedCommand(argv: string[]): CommandEntry | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((c) => c.name === name);
}

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
  try {
    const requested = requestedCommand(argv);
    if (requested) {
      (await requested.load())(program, { setExit });
    } else {
      // The overview (`shixu`, `shixu --help`) and the suggestion for a mistyped name need only the names.
      for (const c of COMMANDS) program.command(c.name).description(c.summary);
    }
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
