import type { Command } from 'commander';
import { registerAnalyze } from './analyze.js';
import { registerBackup } from './backup.js';
import { registerExport } from './export.js';
import { registerExtract } from './extract.js';
import { registerImport } from './import.js';
import { registerMigrate } from './migrate.js';
import { registerRules } from './rules.js';
import { registerSeed } from './seed.js';
import { registerServe } from './serve.js';
import { registerUser } from './user.js';

export interface CommandContext {
  /** Sets the process exit code without throwing (for commands that report partial failure). */
  setExit(code: number): void;
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

// One line per command module; keep alphabetical.
export const COMMANDS: RegisterCommand[] = [
  registerAnalyze,
  registerBackup,
  registerExport,
  registerExtract,
  registerImport,
  registerMigrate,
  registerRules,
  registerSeed,
  registerServe,
  registerUser,
];
