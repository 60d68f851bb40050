// `shixu serve`: configuration → database → migrations → demo data on an empty database → listen.
import { seedDemo } from '../../demo/seed-demo.js';
import { listen } from '../../server/serve.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

export const registerServe: RegisterCommand = (program) => {
  program
    .command('serve')
    .description('启动网页服务 / start the web server')
    .option('--port <port>', '端口（默认 PORT 或 3000）/ port (default PORT or 3000)')
    .option('--host <host>', '监听地址（默认 HOST 或 0.0.0.0）/ address to listen on')
    .action(async (opts: { port?: string; host?: string }) => {
      // The options go through the same validation as the environment (loadConfig).
      const settings = { PORT: opts.port, HOST: opts.host };
      await withStore(
        async (store, config) => {
          if (config.demoOnEmpty) {
            const seeded = await seedDemo(store);
            if (seeded.seeded) {
              process.stdout.write(
                `已创建演示数据（${seeded.company}），演示账号 / demo accounts: ${seeded.users.join(', ')}\n`,
              );
            }
          }
          const server = await listen(config, store, { closeStore: false });
          process.stdout.write(`识需已启动：${server.url}  / Shixu is running at ${server.url}\n`);
          process.stdout.write(`API 文档 / API docs: ${server.url}/api/docs\n`);
          await server.closed;
        },
        { settings },
      );
    });
};
