// `shixu user add|passwd|list|deactivate`: account administration from the server's shell.
import type { Command } from 'commander';
import { DEPARTMENT_LABELS, DEPARTMENTS, isDepartment } from '../../auth/roles.js';
import {
  createUser,
  deactivateUser,
  listUsers,
  setPassword,
  setUserEmail,
} from '../../auth/user-repository.js';
import { SYSTEM_ACTORS } from '../../store/audit.js';
import { CliError } from '../cli-error.js';
import { readPassword } from '../read-password.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

export const registerUser: RegisterCommand = (program) => {
  const user: Command = program.command('user').description('用户管理 / manage user accounts');

  user
    .command('add <username>')
    .description('新建用户 / create a user')
    .requiredOption('--department <dept>', `部门 / department: ${DEPARTMENTS.join(', ')}`)
    .option('--name <name>', '显示名称 / display name')
    .option('--deputy-for <dept>', '代理的部门 / department this user deputises for')
    .option('--email <address>', '接收评审通知的邮箱 / e-mail address for review notifications')
    .option('--password-stdin', '从标准输入读取密码 / read the password from stdin')
    .action(
      async (
        username: string,
        opts: {
          department: string;
          name?: string;
          deputyFor?: string;
          email?: string;
          passwordStdin?: boolean;
        },
      ) => {
        if (!isDepartment(opts.department)) {
          throw new CliError(
            `未知部门 ${opts.department}，可选：${DEPARTMENTS.join(', ')} / unknown department`,
          );
        }
        const password = await readPassword(Boolean(opts.passwordStdin));
        const created = await withStore((store) =>
          createUser(
            store.db,
            {
              username,
              password,
              department: opts.department,
              ...(opts.name ? { displayName: opts.name } : {}),
              ...(opts.deputyFor ? { deputyFor: opts.deputyFor } : {}),
              ...(opts.email ? { email: opts.email } : {}),
            },
            SYSTEM_ACTORS.cli,
          ),
        );
        const label = DEPARTMENT_LABELS[created.department];
        process.stdout.write(
          `已创建用户 ${created.username}（${label.zh}）/ created user ${created.username} (${label.en})\n`,
        );
      },
    );

  user
    .command('passwd <username>')
    .description('修改密码（并注销其所有会话）/ set a new password (ends their sessions)')
    .option('--password-stdin', '从标准输入读取密码 / read the password from stdin')
    .action(async (username: string, opts: { passwordStdin?: boolean }) => {
      const password = await readPassword(Boolean(opts.passwordStdin));
      await withStore((store) => setPassword(store.db, username, password, SYSTEM_ACTORS.cli));
      process.stdout.write(`已更新 ${username} 的密码 / password of ${username} updated\n`);
    });

  user
    .command('email <username> [address]')
    .description('设置接收评审通知的邮箱 / set the e-mail address for review notifications')
    .option('--clear', '清除邮箱（只留站内通知）/ remove the address (in-app inbox only)')
    .action(async (username: string, address: string | undefined, opts: { clear?: boolean }) => {
      if (!address && !opts.clear)
        throw new CliError('请给出邮箱地址或 --clear / give an address or --clear');
      await withStore((store) =>
        setUserEmail(store.db, username, opts.clear ? null : (address ?? null), SYSTEM_ACTORS.cli),
      );
      process.stdout.write(
        opts.clear
          ? `已清除 ${username} 的邮箱 / e-mail of ${username} removed\n`
          : `已设置 ${username} 的邮箱为 ${address} / e-mail of ${username} set\n`,
      );
    });

  user
    .command('deactivate <username>')
    .description('停用用户 / deactivate a user')
    .action(async (username: string) => {
      await withStore((store) => deactivateUser(store.db, username, SYSTEM_ACTORS.cli));
      process.stdout.write(`已停用 ${username} / ${username} deactivated\n`);
    });

  user
    .command('list')
    .description('列出用户 / list users')
    .option('--all', '包括已停用用户 / include deactivated users')
    .option('--json', '输出 JSON / print JSON')
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      const users = await withStore((store) => listUsers(store.db, { includeInactive: Boolean(opts.all) }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
        return;
      }
      if (users.length === 0) {
        process.stdout.write('没有用户 / no users\n');
        return;
      }
      for (const u of users) {
        const label = DEPARTMENT_LABELS[u.department];
        process.stdout.write(
          `${u.username}\t${u.displayName}\t${u.department} (${label.zh})${u.active ? '' : '\t已停用 / inactive'}\n`,
        );
      }
    });
};
