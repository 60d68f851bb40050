import type { Command } from 'commander';
import { registerAnalyze } from './analyze.js';
import { registerAudit } from './audit.js';
import { registerBackup } from './backup.js';
import { registerContracts } from './contracts.js';
import { registerExport } from './export.js';
import { registerExtract } from './extract.js';
import { registerFeedback } from './feedback.js';
import { registerImport } from './import.js';
import { registerIntake } from './intake.js';
import { registerMail } from './mail.js';
import { registerMailbox } from './mailbox.js';
import { registerMigrate } from './migrate.js';
import { registerModels } from './models.js';
import { registerRules } from './rules.js';
import { registerSeed } from './seed.js';
import { registerServe } from './serve.js';
import { registerSettings } from './settings.js';
import { registerUser } from './user.js';

export interface CommandContext {
  /** Sets the process exit code without throwing (for commands that report partial failure). */
  setExit(code: number): void;
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

// One line per command module; keep alphabetical.
export const COMMANDS: RegisterCommand[] = [
  registerAnalyze,
  registerAudit,
  registerBackup,
  registerContracts,
  registerExport,
  registerExtract,
  registerFeedback,
  registerImport,
  registerIntake,
  registerMail,
  registerMailbox,
  registerMigrate,
  registerModels,
  registerRules,
  registerSeed,
  registerServe,
  registerSettings,
  registerUser,
];
