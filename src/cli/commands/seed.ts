// `shixu seed --demo [--force]`: creates the fictional demo company in an empty database.
import { DEMO_PASSWORD } from '../../demo/demo-data.js';
import { seedDemo } from '../../demo/seed-demo.js';
import { CliError } from '../cli-error.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

export const registerSeed: RegisterCommand = (program) => {
  program
    .command('seed')
    .description('创建演示数据（仅限空数据库）/ create demo data (empty database only)')
    .option('--demo', '虚构的演示公司：产品目录、客户、CSR、各部门用户 / the fictional demo company')
    .option('--force', '数据库非空时也补充缺少的演示数据 / add missing demo data to a non-empty database')
    .action(async (opts: { demo?: boolean; force?: boolean }) => {
      if (!opts.demo) throw new CliError('请指定要创建的数据：--demo / specify what to seed: --demo');
      const result = await withStore((store) => seedDemo(store, { force: Boolean(opts.force) }));
      if (!result.seeded) throw new CliError(`${result.reason}（可加 --force / use --force to add anyway）`);
      process.stdout.write(
        `已创建演示数据「${result.company}」：产品 ${result.products}，客户 ${result.customers}，CSR ${result.csrEntries}，法规 ${result.laws}，用户 ${result.users.length} / demo data created\n` +
          (result.users.length > 0
            ? `用户 / users: ${result.users.join(', ')}（密码 / password: ${DEMO_PASSWORD}）\n`
            : ''),
      );
    });
};
