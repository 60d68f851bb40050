// Every write route refuses values no database should hold. The OpenAPI document lists the write
// operations; each has a valid sample body below, and every leaf of that sample is spoiled in
// turn — a NUL byte in text, a negative or huge quantity or price, an infinite number, the year
// 0000 or 9999 — and must come back 400 problem+json naming that field, on SQLite and PostgreSQL,
// with nothing written.
import { beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/auth/user-repository.js';
import { DEFAULT_CAPABILITY_SETTINGS } from '../../src/feedback/index.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import { multipartFile } from '../rules/store-support.js';
import { describeEachDatabase } from '../support/databases.js';
import { snapshot } from '../support/snapshot.js';
import { appFor, login } from './helpers.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const ITEM = {
  line: 1,
  product: '6063-T5 铝型材',
  catalogCode: 'EX-6063-40',
  model: '40×40',
  quantity: { value: 12, unit: 't' },
  unitPrice: { amount: 23800, currency: 'CNY', per: 't', taxIncluded: true },
  material: '6063-T5',
  tolerance: '±0.1',
  drawing: { number: 'DWG-1001', revision: 'B' },
  packaging: '木箱',
};
const TERMS = {
  items: [ITEM],
  delivery: { date: '2026-12-20', place: '苏州工厂', terms: 'DAP' },
  paymentTerms: '月结60天',
  requirements: [
    { id: 'r1', text: '孔径公差±0.02mm', category: 'technical', kind: 'explicit', special: true },
  ],
};

const LAW = {
  title: '中华人民共和国环境保护法',
  number: '主席令第九号',
  issuer: '全国人民代表大会常务委员会',
  scope: { all: false, categories: [], processes: ['阳极氧化'] },
  departments: ['production'],
  effectiveDate: '2015-01-01',
  reviewDue: '2027-06-30',
  obligations: '污染物排放符合排放标准。',
  sourceUrl: 'https://www.mee.gov.cn/',
};

/** A valid body for each write operation ("METHOD /openapi/path"); {contract} is a real case. */
function samples(contract: string): Record<string, Json> {
  return {
    'POST /api/auth/login': { username: 'values.sales', password: 'values-pass-2026' },
    'POST /api/auth/password': {
      currentPassword: 'values-pass-2026',
      newPassword: 'Quite-Unusual-Phrase-42',
    },
    'POST /api/users': {
      username: 'new.user',
      password: 'a-long-unusual-passphrase',
      department: 'technical',
      displayName: '新用户',
    },
    'POST /api/analyze': {
      text: '下周三交货五千件',
      refDate: '2026-03-02',
      channel: 'email',
      customerName: '凯途',
    },
    'POST /parse': {
      text: '下周三交货五千件',
      locale: 'zh_CN',
      reftime: '1767225600000',
      tz: 'Asia/Shanghai',
    },
    'POST /api/rules': {
      rule: {
        id: 'values-rule',
        name: '测试规则',
        priority: 5,
        enabled: true,
        conditions: { all: [{ fact: 'totalWeightTonnes', operator: 'greaterThan', value: 100 }] },
        event: { type: 'special', params: { code: 'BIG', explanationTemplate: '大批量', severity: 'low' } },
      },
      changeNote: '新增',
    },
    'POST /api/laws': LAW,
    'PUT /api/laws/{id}': { ...LAW, expectedRevision: 1 },
    'POST /api/laws/{id}/supersede': { supersededBy: 'x2' },
    'POST /api/rules/dry-run': {
      messages: [{ id: 'm1', text: '五千件', refDate: '2026-03-02', channel: 'email', customerName: '凯途' }],
    },
    'POST /api/rules/evaluate': {
      text: '五千件',
      refDate: '2026-03-02',
      channel: 'email',
      customerName: '凯途',
    },
    'PUT /api/rules/{id}': {
      rule: { id: 'x', name: '改名', priority: 1, enabled: true, conditions: { all: [] } },
      changeNote: '改',
      expectedVersion: 1,
    },
    'POST /api/rules/{id}/enabled': { enabled: false, changeNote: '停用' },
    'POST /api/rules/{id}/restore': { version: 1, changeNote: '恢复' },
    'POST /api/catalog/products': {
      code: 'VAL-1',
      name: '支架',
      model: 'BRK',
      category: '件',
      unit: '件',
      unitWeightKg: 0.5,
      listPriceCny: 18.5,
    },
    'PUT /api/catalog/products/{code}': {
      name: '支架',
      unit: '件',
      unitWeightKg: 0.5,
      listPriceCny: '18.50',
    },
    'POST /api/customers': {
      name: '凯途汽车',
      shortName: '凯途',
      firstOrderYear: 2020,
      industry: '汽车',
      notes: '老客户',
      timezone: 'Asia/Shanghai',
      contacts: [{ name: '周婷', title: '采购', phone: '138', email: 'a@b.cn', wechat: 'zt' }],
    },
    'PUT /api/customers/{id}': { name: '凯途汽车', firstOrderYear: 2021, notes: '改' },
    'POST /api/customers/{id}/contacts': { name: '周婷', phone: '138' },
    'PUT /api/customers/{id}/contacts/{contactId}': { name: '周婷', email: 'a@b.cn' },
    'POST /api/customers/{id}/csr': {
      text: '每批附材质证明',
      category: 'quality',
      clause: '4.1',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-12-31',
    },
    'PUT /api/customers/{id}/csr/{csrId}': { text: '每批附材质证明', effectiveFrom: '2026-01-01' },
    'POST /api/contracts': {
      customerName: '凯途汽车',
      contractClass: 'regular',
      receivedAt: '2026-03-02T08:00:00+08:00',
      items: [ITEM],
      delivery: TERMS.delivery,
      paymentTerms: '月结60天',
      requirements: [{ text: '每批附材质证明', category: 'quality', kind: 'explicit' }],
    },
    'POST /api/contracts/{id}/events': {
      type: 'ASK_CUSTOMER',
      question: '是否接受替代材料？',
      expectedVersion: 1,
    },
    'POST /api/contracts/{id}/requirements': {
      edits: [{ op: 'add', text: '包装防潮', category: 'quality', kind: 'explicit' }],
    },
    'POST /api/contracts/{id}/requirements/confirm': { expectedVersion: 1 },
    'POST /api/contracts/{id}/questions': { question: '是否接受替代材料？' },
    'POST /api/contracts/{id}/questions/answer': { questionId: 'q1', answer: '接受' },
    'POST /api/contracts/{id}/reviews/sign': {
      department: 'technical',
      contractVersion: 1,
      answers: { 'tech-1': 'ok' },
      outcome: 'can_meet_with_conditions',
      conditions: '需样件确认',
    },
    'POST /api/contracts/{id}/meeting': {
      heldAt: '2026-03-03T10:00:00+08:00',
      participants: [{ userId: 'u1', department: 'technical' }],
      minutes: '会议纪要',
      decisions: [{ requirementId: 'r1', outcome: 'can_meet', note: '可以', departments: ['technical'] }],
    },
    'POST /api/contracts/{id}/meeting/confirm': { expectedVersion: 1 },
    'POST /api/contracts/{id}/negotiations': {
      issueId: 'i1',
      contact: { name: '周婷', channel: '电话' },
      outcome: 'agreed',
      summary: '同意放宽',
      requirementUpdate: { requirementId: 'r1', text: '孔径公差±0.05mm' },
    },
    'POST /api/contracts/{id}/gm-decision': { issueId: 'i1', decision: 'decline', rationale: '风险高' },
    'POST /api/contracts/{id}/conclusion': {
      decision: 'accept_with_deviations',
      deviations: '偏差',
      contractVersion: 1,
    },
    'POST /api/contracts/{id}/feedback-sent': { expectedVersion: 1 },
    'POST /api/contracts/{id}/customer-confirmation': { reference: '邮件 2026-03-05', sampleSignedOff: true },
    'POST /api/contracts/{id}/amendments': { kind: 'change_record', terms: TERMS, reason: '客户改量' },
    'POST /api/contracts/{id}/departments': { department: 'finance', reason: '账期需评估' },
    'POST /api/contracts/{id}/departments/remove': { department: 'finance', reason: '不需要' },
    'POST /api/contracts/{id}/void': { reason: '重复建立' },
    'PUT /api/contracts/{id}/requirements/{requirementId}/assessment': { urgency: 2, importance: 3, cost: 1 },
    'POST /api/contracts/{id}/requirements/{requirementId}/plan': {
      ownerId: 'u1',
      department: 'production',
      dueDate: '2026-12-01',
      link: 'SC-2026-118',
      notes: '首批',
    },
    'PUT /api/plan-items/{id}': { status: 'in_progress', dueDate: '2026-12-05', notes: '进行中' },
    'POST /api/contracts/{id}/requirements/{requirementId}/suppliers': { supplier: '南通铝业', note: '随货' },
    'POST /api/supplier-requirements/{id}/passed': { on: '2026-12-01', note: '随采购订单发出' },
    'POST /api/notifications/read': { ids: ['n1'] },
    'PUT /api/settings/review-policy': {
      expectedVersion: 0,
      policy: {
        clock: {
          budgetHours: 48,
          reminderHours: [24],
          escalations: [{ atHours: 48, to: ['owner'] }],
          pauseWhileAwaitingCustomer: true,
          businessHours: {
            startHour: 8,
            endHour: 17,
            utcOffsetMinutes: 480,
            excludeWeekends: true,
            closedDays: ['2026-10-01'],
          },
        },
        meetingQuorum: { minDepartments: 3, mustInclude: ['technical'] },
        conclusionAuthority: {
          regular: 'sales_manager',
          special: 'general_manager',
          temporary: 'sales_manager',
        },
        financeAlwaysReviews: false,
      },
    },
    'PUT /api/settings/review-routing': {
      expectedVersion: 0,
      routing: {
        regular: {
          required: ['sales', 'technical', 'production', 'quality'],
          conditional: [{ department: 'purchasing', when: ['materials'] }],
        },
        special: {
          required: ['sales', 'technical', 'purchasing', 'production', 'quality', 'general_manager'],
          conditional: [],
        },
        temporary: { required: ['sales', 'production'], conditional: [] },
        largeOrderTonnes: 100,
      },
    },
    'POST /api/settings/mail/retry': { ids: ['m1'] },
    'POST /api/feedback': {
      customerId: 'c1',
      contractId: contract,
      productCode: 'EX-1',
      channel: 'email',
      text: '毛刺太多',
      receivedAt: '2026-03-02T08:00:00+08:00',
      kind: 'complaint',
      dueAt: '2026-03-09T08:00:00+08:00',
    },
    'PUT /api/feedback/{id}': { text: '毛刺太多', rootCause: '模具磨损', receivedAt: '2026-03-02T08:00:00Z' },
    'POST /api/feedback/{id}/void': { reason: '重复登记的投诉' },
    'POST /api/feedback/{id}/transition': { to: 'investigating', containment: '隔离库存' },
    'POST /api/satisfaction': {
      customerId: 'c1',
      period: '2026-Q1',
      scale: 100,
      scores: { quality: 90, delivery: 80 },
      respondent: '周婷',
      comment: '满意',
    },
    'POST /api/improvement-actions': {
      title: '更换模具',
      description: '本月内',
      ownerDepartment: 'production',
      dueDate: '2026-04-01',
    },
    'PUT /api/improvement-actions/{id}': { title: '更换模具', result: '已换', dueDate: '2026-04-02' },
    'POST /api/capability-evaluations': { from: '2026-01-01', to: '2026-03-31' },
    'POST /api/capability-evaluations/{id}/actions': { criterion: 'communication', dueDate: '2026-04-01' },
    'POST /api/capability-evaluations/preview': {
      from: '2026-01-01',
      to: '2026-03-31',
      note: '季度',
      assessment: { communication: { listening: 4 } },
    },
    'PUT /api/capability/settings': {
      version: 0,
      settings: { ...DEFAULT_CAPABILITY_SETTINGS, teams: [{ id: 'east', name: '华东组', members: [] }] },
    },
    'PUT /api/csr/{csrId}/evaluation': {
      feasible: 'conditional',
      conditions: '需外协试验',
      cost: '约 2000 元',
      timeNeeded: '两周',
      responsibleDepartment: 'quality',
      actions: '签订协议',
      status: 'open',
      nextReviewDate: '2026-05-01',
      version: 0,
    },
    'POST /api/intake': {
      text: '下周三交货五千件',
      channel: 'email',
      customerName: '凯途',
      refDate: '2026-03-02',
    },
  };
}

/** Uploads: the spoiled value is the file's name. */
const UPLOADS = new Set([
  'POST /api/catalog/import',
  'POST /api/customers/import',
  'POST /api/customers/{id}/csr/import',
  'POST /api/contracts/{id}/attachments',
  'POST /api/intake',
  'POST /api/laws/import',
  'POST /api/laws/{id}/attachment',
]);

/** Number fields whose sign and size are bounded: quantities, prices, weights, line numbers, scores. */
function isBounded(path: Path): boolean {
  const key = path.at(-1);
  return (
    (key === 'value' && path.at(-2) === 'quantity') ||
    (key === 'amount' && path.at(-2) === 'unitPrice') ||
    ['unitWeightKg', 'listPriceCny', 'line'].includes(String(key)) ||
    path.at(-2) === 'scores'
  );
}
const YEARS = new Set(['firstOrderYear']);
/** Days, instants and survey periods (2026-03-02, 2026-03-02T08:00, 2026-Q1). */
const DATE_LIKE = /^\d{4}-(\d{2}|Q\d)/;

const pointer = (path: Path) => `/${path.join('/')}`;

function leaves(value: Json, path: Path = []): { path: Path; value: Json }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value }];
}

function replaced(body: Json, path: Path, value: Json): Json {
  const copy = structuredClone(body);
  let at = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, Json>;
  at[path.at(-1)!] = value;
  return copy;
}

interface Spoiled {
  label: string;
  payload: string;
  field: string;
}

/** Each leaf of the sample spoiled in every way that applies to it. */
function spoiledBodies(body: Json): Spoiled[] {
  const out: Spoiled[] = [];
  const json = (b: Json) => JSON.stringify(b);
  for (const { path, value } of leaves(body)) {
    const field = pointer(path);
    const key = String(path.at(-1));
    if (typeof value === 'string') {
      out.push({ label: `NUL in ${field}`, payload: json(replaced(body, path, `${value}\u0000x`)), field });
      out.push({
        label: `control in ${field}`,
        payload: json(replaced(body, path, `${value}\u001b[2J`)),
        field,
      });
      if (DATE_LIKE.test(value)) {
        for (const year of ['0000', '9999']) {
          out.push({
            label: `year ${year} in ${field}`,
            payload: json(replaced(body, path, year + value.slice(4))),
            field,
          });
        }
      }
    }
    if (typeof value === 'number') {
      const marker = 424242.4242;
      out.push({
        label: `Infinity in ${field}`,
        payload: json(replaced(body, path, marker)).replace(String(marker), '1e999'),
        field,
      });
      if (isBounded(path)) {
        out.push({ label: `negative ${field}`, payload: json(replaced(body, path, -1)), field });
        out.push({ label: `huge ${field}`, payload: json(replaced(body, path, 1e15)), field });
      }
      if (YEARS.has(key)) {
        for (const year of [0, 9999])
          out.push({ label: `year ${year} in ${field}`, payload: json(replaced(body, path, year)), field });
      }
    }
  }
  return out;
}

describeEachDatabase('values checked on every write route', (t) => {
  let app: App;
  let cookie: string;
  let adminCookie: string;
  let qualityCookie: string;
  let purchasingCookie: string;
  let contractId: string;
  let customerId: string;

  beforeAll(async () => {
    await createUser(
      t.store().db,
      { username: 'values.sales', password: 'values-pass-2026', department: 'sales' },
      SYSTEM_ACTORS.cli,
    );
    await createUser(
      t.store().db,
      { username: 'values.admin', password: 'values-admin-2026', department: 'admin' },
      SYSTEM_ACTORS.cli,
    );
    await createUser(
      t.store().db,
      { username: 'values.quality', password: 'values-quality-2026', department: 'quality' },
      SYSTEM_ACTORS.cli,
    );
    await createUser(
      t.store().db,
      { username: 'values.purchasing', password: 'values-purchasing-2026', department: 'purchasing' },
      SYSTEM_ACTORS.cli,
    );
    app = await appFor(t.store());
    cookie = await login(app, 'values.sales', 'values-pass-2026');
    adminCookie = await login(app, 'values.admin', 'values-admin-2026');
    qualityCookie = await login(app, 'values.quality', 'values-quality-2026');
    purchasingCookie = await login(app, 'values.purchasing', 'values-purchasing-2026');
    const customer = await send('POST', '/api/customers', JSON.stringify({ name: '凯途汽车' }));
    expect(customer.statusCode, customer.body).toBe(201);
    customerId = customer.json().id;
    const opened = await send('POST', '/api/contracts', JSON.stringify(samples('')['POST /api/contracts']));
    expect(opened.statusCode, opened.body).toBe(201);
    contractId = opened.json().id;
    return () => app.close();
  });

  /** Each route as a department allowed to call it, so its own checks run, not just the refusal. */
  const cookieFor = (url: string) => {
    if (/^\/api\/(settings|users|capability\/settings)\b/.test(url)) return adminCookie;
    if (/^\/api\/(rules|laws|capability-evaluations|improvement-actions|satisfaction)\b/.test(url))
      return qualityCookie;
    if (/^\/api\/feedback\/[^/]+(\/void)?$/.test(url)) return qualityCookie;
    // Purchasing records what was passed on to a supplier.
    if (/^\/api\/supplier-requirements\/[^/]+\/passed$/.test(url)) return purchasingCookie;
    return cookie;
  };

  function send(method: string, url: string, payload?: string, headers: Record<string, string> = {}) {
    return app.inject({
      method: method as 'POST',
      url,
      headers: {
        cookie: cookieFor(url),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(payload === undefined ? {} : { payload }),
    });
  }

  /** Real cases and customers where a route reads them before the body; any id elsewhere. */
  const concrete = (template: string) =>
    template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      if (name === 'id' && template.startsWith('/api/contracts')) return contractId;
      if (name === 'id' && template.startsWith('/api/customers')) return customerId;
      return 'x1';
    });

  async function writeOperations(): Promise<{ method: string; path: string; hasParams: boolean }[]> {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    return Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path, hasParams: path.includes('{') })),
    );
  }

  it('refuses NUL, control characters, negative, huge and infinite numbers and years 0000/9999 with 400 naming the field, writing nothing', async () => {
    const operations = await writeOperations();
    expect(operations.length).toBeGreaterThan(55);
    const bodies = samples(contractId);
    const before = await snapshot(t.store());
    const wrong: string[] = [];
    let tried = 0;
    for (const { method, path, hasParams } of operations) {
      const key = `${method} ${path}`;
      const sample = bodies[key];
      const attempts: {
        label: string;
        url: string;
        payload?: string;
        headers?: Record<string, string>;
        where: string;
        field: string;
      }[] = [];
      if (sample !== undefined) {
        for (const s of spoiledBodies(sample)) {
          attempts.push({
            label: s.label,
            url: concrete(path),
            payload: s.payload,
            where: 'body',
            field: s.field,
          });
        }
      }
      if (UPLOADS.has(key)) {
        const upload = multipartFile('file', 'bad\u0000name.csv', 'code,name\n');
        attempts.push({
          label: 'NUL in the file name',
          url: concrete(path),
          payload: upload.payload.toString('latin1'),
          headers: upload.headers,
          where: 'body',
          field: '/file',
        });
      }
      if (hasParams) {
        const param = /\{([^}]+)\}/.exec(path)![1]!;
        const url = path.replace(`{${param}}`, 'a%00b').replace(/\{[^}]+\}/g, 'x1');
        attempts.push({
          label: `NUL in ${param}`,
          url,
          ...(sample !== undefined ? { payload: JSON.stringify(sample) } : {}),
          where: 'params',
          field: `/${param}`,
        });
      }
      if (attempts.length === 0 && key !== 'POST /api/auth/logout') wrong.push(`${key}: no sample to spoil`);
      for (const a of attempts) {
        tried += 1;
        const res = a.headers
          ? await app.inject({
              method: method as 'POST',
              url: a.url,
              headers: { cookie: cookieFor(a.url), ...a.headers },
              payload: Buffer.from(a.payload!, 'latin1'),
            })
          : await send(method, a.url, a.payload);
        const problem = res.statusCode === 400 ? res.json() : null;
        const named = problem?.errors?.some(
          (e: { in: string; path: string }) => e.path === a.field || e.path.startsWith(`${a.field}/`),
        );
        if (
          res.statusCode !== 400 ||
          !String(res.headers['content-type']).includes('problem+json') ||
          !named
        ) {
          wrong.push(`${key} — ${a.label} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(tried).toBeGreaterThan(400);
    const after = await snapshot(t.store());
    expect(after).toEqual(before);
  });

  it('refuses a line whose quantity × unit price, or an order whose total, exceeds 1e13', async () => {
    const big = {
      ...ITEM,
      quantity: { value: 1e7, unit: 't' },
      unitPrice: { ...ITEM.unitPrice, amount: 2e6 },
    };
    const body = samples(contractId)['POST /api/contracts'] as Record<string, Json>;
    const before = await snapshot(t.store());
    const line = await send('POST', '/api/contracts', JSON.stringify({ ...body, items: [big] }));
    expect(line.statusCode, line.body).toBe(400);
    expect(line.json().errors.map((e: { path: string }) => e.path)).toContain('/items/0/unitPrice/amount');
    const half = { ...big, unitPrice: { ...big.unitPrice, amount: 9e5 } };
    const total = await send(
      'POST',
      '/api/contracts',
      JSON.stringify({ ...body, items: [half, { ...half, line: 2 }] }),
    );
    expect(total.statusCode, total.body).toBe(400);
    expect(total.json().errors.map((e: { path: string }) => e.path)).toContain('/items');
    const amend = await send(
      'POST',
      `/api/contracts/${contractId}/amendments`,
      JSON.stringify({ kind: 'change_record', terms: { ...TERMS, items: [big] }, reason: '改量' }),
    );
    expect(amend.statusCode, amend.body).toBe(400);
    expect(amend.json().errors.map((e: { path: string }) => e.path)).toContain(
      '/terms/items/0/unitPrice/amount',
    );
    expect(await snapshot(t.store())).toEqual(before);
  });

  it('still accepts the largest values allowed', async () => {
    const item = {
      ...ITEM,
      quantity: { value: 1e6, unit: 't' },
      unitPrice: { ...ITEM.unitPrice, amount: 1e7 },
    };
    const body = samples(contractId)['POST /api/contracts'] as Record<string, Json>;
    const res = await send(
      'POST',
      '/api/contracts',
      JSON.stringify({
        ...body,
        receivedAt: '2026-03-02T08:00:00+08:00',
        items: [item],
        delivery: { ...TERMS.delivery, date: '2200-12-31' },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const row = await t
      .store()
      .db.selectFrom('contracts')
      .select('total_amount')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(Number(row.total_amount)).toBe(1e13);
  });
});
