// Walks the whole permission matrix through HTTP: every route the server registered × every
// department (and a deputy, and nobody signed in). Anonymous callers get 401 on every protected
// route in every spelling of its path; a department the matrix refuses gets 403 and changes
// nothing; a department it lets in is never answered 401 or 403. Beside the walk, the rules the
// matrix must keep are stated here on their own (the menu each department sees, the general
// manager away from administration, the administrator away from business writes), so a wrong row
// fails even though the server obeys it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type Access,
  accessOf,
  departmentMay,
  PUBLIC,
  ROUTE_PERMISSIONS,
  SIGNED_IN,
} from '../../src/auth/permissions.js';
import { DEPARTMENTS, type Department } from '../../src/auth/roles.js';
import { createUser } from '../../src/auth/user-repository.js';
import { buildApp, ROUTE_MODULES } from '../../src/server/app.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { describeEachDatabase } from '../support/databases.js';
import { appFor, login, testConfig } from './helpers.js';

interface Role {
  name: string;
  department: Department;
  deputyFor: Department | null;
}

const ROLES: Role[] = [
  ...DEPARTMENTS.map((d) => ({ name: d, department: d, deputyFor: null })),
  // A production engineer standing in for quality while its head is away.
  { name: 'production-for-quality', department: 'production', deputyFor: 'quality' },
];

/** What each department's menu shows, and the read behind each page (web/src/navigation.ts). */
const MENU: Record<string, { route: string; departments: readonly Department[] | 'all' }> = {
  workbench: { route: 'GET /api/workbench', departments: 'all' },
  intake: {
    route: 'GET /api/intake',
    departments: ['sales', 'technical', 'quality', 'general_manager', 'admin'],
  },
  ledger: { route: 'GET /api/contracts', departments: 'all' },
  customers: {
    route: 'GET /api/customers',
    departments: ['sales', 'technical', 'quality', 'finance', 'general_manager', 'admin'],
  },
  catalogue: { route: 'GET /api/catalog/products', departments: 'all' },
  rules: {
    route: 'GET /api/rules',
    departments: ['sales', 'technical', 'quality', 'general_manager', 'admin'],
  },
  dashboard: {
    route: 'GET /api/dashboard',
    departments: ['sales', 'quality', 'finance', 'general_manager', 'admin'],
  },
  feedback: { route: 'GET /api/feedback', departments: 'all' },
  capability: {
    route: 'GET /api/capability-evaluations',
    departments: ['sales', 'technical', 'quality', 'general_manager', 'admin'],
  },
  laws: { route: 'GET /api/laws', departments: 'all' },
  settings: { route: 'GET /api/settings/review-policy', departments: ['admin', 'general_manager'] },
};

/** Administration: the administrator's alone; the general manager passes none of it. */
const ADMINISTRATION = [
  'GET /api/users',
  'POST /api/users',
  'PUT /api/users/:username',
  'POST /api/users/:username/password',
  'POST /api/users/:username/deactivate',
  'POST /api/users/:username/reactivate',
  'PUT /api/settings/review-policy',
  'PUT /api/settings/review-routing',
  'GET /api/settings/mail',
  'POST /api/settings/mail/retry',
  'PUT /api/capability/settings',
];

/** The only writes the administrator makes: administration, the rule set, his own account. */
const ADMIN_WRITES = new Set([
  ...ADMINISTRATION.filter((r) => !r.startsWith('GET ')),
  'POST /api/rules',
  'PUT /api/rules/:id',
  'POST /api/rules/:id/enabled',
  'POST /api/rules/:id/restore',
  'POST /api/rules/dry-run',
  'POST /api/rules/test',
  'POST /api/rules/evaluate',
  'POST /api/analyze',
  // Computes an evaluation from the data and stores nothing (like a rule dry run).
  'POST /api/capability-evaluations/preview',
  // The laws register is the administrator's to keep with quality; everyone confirms reading it.
  'POST /api/laws',
  'PUT /api/laws/:id',
  'POST /api/laws/:id/supersede',
  'POST /api/laws/import',
  'POST /api/laws/:id/attachment',
  'POST /api/laws/:id/confirm',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/notifications/read',
  'POST /parse',
]);

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

/** A request path for a route pattern: parameters filled in, wildcards given a name. */
function concrete(url: string): string {
  return url
    .replace(/:username/g, 'nobody.here')
    .replace(/:version/g, '1')
    .replace(/:code/g, 'ZZ-000')
    .replace(/:[A-Za-z]+/g, SAMPLE_ID)
    .replace(/\*$/, 'x');
}

const spellingsOf = (path: string) => [
  path,
  path.replace(/^\/api/, '/%61pi'),
  `/${path}`,
  path.toUpperCase(),
  path.replace(/^\/api\//, '/api/./'),
];

const key = (method: string, url: string) => `${method} ${url}`;

describeEachDatabase('permission matrix', (t) => {
  let app: App;
  const cookies = new Map<string, string>();

  const signIn = async (role: Role) => {
    cookies.set(role.name, await login(app, `pm.${role.name}`, `Matrix-${role.name}-2026!`));
  };

  beforeAll(async () => {
    app = await appFor(t.store());
    for (const role of ROLES) {
      await createUser(
        t.store().db,
        {
          username: `pm.${role.name}`,
          password: `Matrix-${role.name}-2026!`,
          department: role.department,
          deputyFor: role.deputyFor,
        },
        SYSTEM_ACTORS.cli,
      );
      await signIn(role);
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const auditRows = async () =>
    Number(
      (
        await t
          .store()
          .db.selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('has one row for every route the server registered, and no row without a route', () => {
    // A HEAD route shares the row of the GET route of its path.
    const registered = new Set(app.routeTable.map((r) => key(r.method === 'HEAD' ? 'GET' : r.method, r.url)));
    expect([...registered].filter((k) => !(k in ROUTE_PERMISSIONS))).toEqual([]);
    expect(Object.keys(ROUTE_PERMISSIONS).filter((k) => !registered.has(k))).toEqual([]);
    for (const r of app.routeTable) expect(r.access, key(r.method, r.url)).toBe(accessOf(r.method, r.url));
  });

  it('refuses to start with a route that is missing from the matrix', async () => {
    const unlisted = (a: App) => {
      a.get('/api/unlisted-report', async () => ({ secret: true }));
    };
    ROUTE_MODULES.unshift(unlisted);
    try {
      await expect(buildApp({ config: testConfig(), store: t.store() })).rejects.toThrow(
        /GET \/api\/unlisted-report.*permission matrix|permission matrix.*GET \/api\/unlisted-report/,
      );
    } finally {
      ROUTE_MODULES.splice(ROUTE_MODULES.indexOf(unlisted), 1);
    }
  });

  it('keeps each department to its menu, the GM out of administration and admin out of business writes', () => {
    const rows = ROUTE_PERMISSIONS as Record<string, Access>;
    for (const [page, { route, departments }] of Object.entries(MENU)) {
      for (const d of DEPARTMENTS) {
        const shown = departments === 'all' || departments.includes(d);
        expect(departmentMay(rows[route]!, d, null), `${d} reading ${page}`).toBe(shown);
      }
    }
    for (const route of ADMINISTRATION) {
      expect(departmentMay(rows[route]!, 'general_manager', null), route).toBe(false);
      expect(departmentMay(rows[route]!, 'admin', null), route).toBe(true);
    }
    const adminBusinessWrites = Object.entries(rows)
      .filter(
        ([k, access]) =>
          !k.startsWith('GET ') && !ADMIN_WRITES.has(k) && departmentMay(access, 'admin', null),
      )
      .map(([k]) => k);
    expect(adminBusinessWrites).toEqual([]);
    // A deputy passes as the department they stand in for, and not as the administrator.
    expect(departmentMay(rows['DELETE /api/feedback/:id']!, 'production', 'quality')).toBe(true);
    expect(departmentMay(rows['GET /api/users']!, 'production', 'admin')).toBe(false);
  });

  it('answers 401 to every protected route in every spelling without a session', async () => {
    const leaks: string[] = [];
    let tried = 0;
    for (const r of app.routeTable) {
      if (r.method === 'HEAD' || r.access === PUBLIC) continue;
      expect(r.url.startsWith('/api/'), r.url).toBe(true);
      for (const url of spellingsOf(concrete(r.url))) {
        tried += 1;
        const res = await app.inject({
          method: r.method as 'GET',
          url,
          ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
        });
        if (res.statusCode !== 401) leaks.push(`${r.method} ${url} → ${res.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(tried).toBeGreaterThan(500);
  }, 60_000);

  it('walks every route × every role: 403 and nothing changed where refused, never 401/403 where allowed', async () => {
    const wrong: string[] = [];
    let refused = 0;
    let allowed = 0;
    for (const r of app.routeTable) {
      if (r.method === 'HEAD') continue;
      const url = concrete(r.url);
      for (const role of ROLES) {
        const may = departmentMay(r.access, role.department, role.deputyFor);
        const before = may ? 0 : await auditRows();
        const res = await app.inject({
          method: r.method as 'GET',
          url,
          headers: { cookie: cookies.get(role.name)! },
          ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
        });
        const label = `${role.name} ${r.method} ${url} → ${res.statusCode}`;
        if (may) {
          allowed += 1;
          if (res.statusCode === 401 || res.statusCode === 403)
            wrong.push(`${label} (matrix allows) ${res.body}`);
        } else {
          refused += 1;
          if (res.statusCode !== 403) wrong.push(`${label} (matrix refuses)`);
          else if (res.json().code !== 'FORBIDDEN') wrong.push(`${label} ${res.body}`);
          if ((await auditRows()) !== before) wrong.push(`${label} changed the audit trail`);
        }
        // Signing out ends that session; sign the role in again for the rest of the walk.
        if (r.method === 'POST' && r.url === '/api/auth/logout') await signIn(role);
      }
    }
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(300);
    expect(allowed).toBeGreaterThan(500);
  }, 180_000);

  it('names the departments that may act when it refuses', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: cookies.get('general_manager')! },
      payload: { username: 'gm.made.admin', password: 'Promoted-Myself-2026!', department: 'admin' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('系统管理员');
    expect(res.json().requiredDepartments).toEqual(['admin']);
    expect(
      await t
        .store()
        .db.selectFrom('users')
        .select('id')
        .where('username', '=', 'gm.made.admin')
        .executeTakeFirst(),
    ).toBeUndefined();
    expect(SIGNED_IN).toBe('signed-in');
  });
});
