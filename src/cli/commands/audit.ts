// `shixu audit verify`: recomputes the audit trail's hash chain and names the first row that was
// changed, removed or slipped in afterwards (exit 1), or prints the head hash to note elsewhere.
import { verifyAuditChain } from '../../store/audit-chain.js';
import { withStore } from '../with-store.js';
import type { RegisterCommand } from './index.js';

export const registerAudit: RegisterCommand = (program, ctx) => {
  const audit = program.command('audit').description('审核追溯 / the audit trail');

  audit
    .command('verify')
    .description('校验审核追溯的哈希链 / verify the audit trail’s hash chain')
    .option('--json', '输出 JSON / print JSON')
    .action(async (opts: { json?: boolean }) => {
      const result = await withStore((store) => verifyAuditChain(store.db));
      if (!result.ok) ctx.setExit(1);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      const b = result.firstBroken;
      process.stdout.write(
        b
          ? `审核追溯已被改动：第 ${b.id} 条记录（${b.at} ${b.action} ${b.entityType} ${b.entityId}）与哈希链不符 / ` +
              `the audit trail was altered: row ${b.id} (${b.at} ${b.action} ${b.entityType} ${b.entityId}) does not fit the hash chain (${b.reason})\n`
          : `审核追溯完整：${result.rows} 条记录，末条哈希 ${result.headHash ?? '—'} / ` +
              `the audit trail is intact: ${result.rows} rows, head hash ${result.headHash ?? '—'}\n`,
      );
    });
};
