// The `shixu` commands by name. Each command's module is imported only when that command runs (or
// its help is asked for), so `shixu --help` loads none of them — not the server, the database
// drivers or the analysis models — and `shixu analyze` loads only what analysing needs.
import type { Command } from 'commander';

export interface CommandContext {
  /** Sets the process exit code without throwing (for commands that report partial failure). */
  setExit(code: number): void;
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

export interface CommandEntry {
  /** The top-level command as typed. */
  name: string;
  /** One line for the `shixu --help` overview; the command's own help has the details. */
  summary: string;
  /** Imports the module that registers the command (with its options and subcommands). */
  load(): Promise<RegisterCommand>;
}

// One line per top-level command; keep alphabetical. A module registering several top-level
// commands (backup/restore, contracts/review, feedback/kpi/capability) is listed under each.
export const COMMANDS: CommandEntry[] = [
  {
    name: 'analyze',
    summary: '分析客户消息，输出 JSON 结果 / analyse a message into a JSON result',
    load: async () => (await import('./analyze.js')).registerAnalyze,
  },
  {
    name: 'audit',
    summary: '审核追溯 / the audit trail',
    load: async () => (await import('./audit.js')).registerAudit,
  },
  {
    name: 'backup',
    summary: '备份数据库和全部上传文件 / back up the database and every uploaded file',
    load: async () => (await import('./backup.js')).registerBackup,
  },
  {
    name: 'capability',
    summary: '需求识别能力评价 / requirement-identification capability',
    load: async () => (await import('./feedback.js')).registerFeedback,
  },
  {
    name: 'contracts',
    summary: '合同台账 / the contract ledger',
    load: async () => (await import('./contracts.js')).registerContracts,
  },
  {
    name: 'export',
    summary: '导出产品目录或客户 / export catalogue or customers',
    load: async () => (await import('./export.js')).registerExport,
  },
  {
    name: 'extract',
    summary: '按 Duckling 格式抽取实体 / Duckling-format entities from JSON lines',
    load: async () => (await import('./extract.js')).registerExtract,
  },
  {
    name: 'feedback',
    summary: '客户反馈与投诉 / customer feedback and complaints',
    load: async () => (await import('./feedback.js')).registerFeedback,
  },
  {
    name: 'import',
    summary: '导入产品目录或客户 / import catalogue or customers',
    load: async () => (await import('./import.js')).registerImport,
  },
  {
    name: 'intake',
    summary: '收件：保存原文件，提取文字并分析 / take in files: keep, extract, analyse',
    load: async () => (await import('./intake.js')).registerIntake,
  },
  {
    name: 'kpi',
    summary: '客户侧 KPI / customer-side KPIs',
    load: async () => (await import('./feedback.js')).registerFeedback,
  },
  {
    name: 'mail',
    summary: '邮件发件箱 / the mail outbox',
    load: async () => (await import('./mail.js')).registerMail,
  },
  {
    name: 'mailbox',
    summary: '销售邮箱（IMAP）收取 / the sales inbox over IMAP',
    load: async () => (await import('./mailbox.js')).registerMailbox,
  },
  {
    name: 'migrate',
    summary: '升级数据库结构到最新版本 / migrate the database schema',
    load: async () => (await import('./migrate.js')).registerMigrate,
  },
  {
    name: 'models',
    summary: '识别模型 / recognition models',
    load: async () => (await import('./models.js')).registerModels,
  },
  {
    name: 'restore',
    summary: '把备份恢复到新建的空数据库 / restore a backup into a new, empty database',
    load: async () => (await import('./backup.js')).registerBackup,
  },
  {
    name: 'review',
    summary: '合同评审：待办、查看、签署、评审表 / contract review: to-do, show, sign, record',
    load: async () => (await import('./contracts.js')).registerContracts,
  },
  {
    name: 'rules',
    summary: '合同分类规则 / contract-classification rules',
    load: async () => (await import('./rules.js')).registerRules,
  },
  {
    name: 'seed',
    summary: '创建演示数据（仅限空数据库）/ create demo data (empty database only)',
    load: async () => (await import('./seed.js')).registerSeed,
  },
  {
    name: 'serve',
    summary: '启动网页服务 / start the web server',
    load: async () => (await import('./serve.js')).registerServe,
  },
  {
    name: 'settings',
    summary: '系统设置 / run-time settings',
    load: async () => (await import('./settings.js')).registerSettings,
  },
  {
    name: 'user',
    summary: '用户管理 / manage user accounts',
    load: async () => (await import('./user.js')).registerUser,
  },
];
