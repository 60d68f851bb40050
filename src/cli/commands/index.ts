import type { Command } from 'commander';

export interface CommandContext {
  /** Sets the process exit code without throwing (for commands that report partial failure). */
  setExit(code: number): void;
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

// One line per command module; keep alphabetical.
export const COMMANDS: RegisterCommand[] = [];
