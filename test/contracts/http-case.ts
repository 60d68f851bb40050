// A plant's people signed in to the real app, and one regular contract taken over HTTP from opening
// to the customer's confirmation: the starting point of the amendment and review-record tests.
import type { Response as InjectResponse } from 'light-my-request';
import { createUser } from '../../src/auth/user-repository.js';
import { grantReviewTitle } from '../../src/contracts/review-config.js';
import { createCustomer } from '../../src/customers/customer-repository.js';
import type { App } from '../../src/server/context.js';
import { SYSTEM_ACTORS } from '../../src/store/audit.js';
import type { Store } from '../../src/store/connect.js';
import { login } from '../server/helpers.js';

export const CUSTOMER = '苏州精工汽车部件有限公司';

/** Who signs in, with the names an auditor must read on the record. */
export const STAFF = {
  sales: { department: 'sales', name: '李晓梅' },
  manager: { department: 'sales', name: '王建国' },
  technical: { department: 'technical', name: '陈志强' },
  quality: { department: 'quality', name: '周丽华' },
  production: { department: 'production', name: '刘海涛' },
  purchasing: { department: 'purchasing', name: '何静' },
  finance: { department: 'finance', name: '钱文博' },
  gm: { department: 'general_manager', name: '马德明' },
} as const;
export type Who = keyof typeof STAFF;

export interface Plant {
  ids: Record<Who, string>;
  as: (who: Who) => { cookie: string };
  post: (who: Who, url: string, payload: object) => Promise<InjectResponse>;
  get: (who: Who, url: string) => Promise<InjectResponse>;
  /** Sessions last hours: after moving the clock a day on, everyone signs in again. */
  signInAgain: () => Promise<void>;
}

/** Users of every department (the manager holds the sales-manager title) and the customer on file. */
export async function seedPlant(app: App, store: Store): Promise<Plant> {
  const ids = {} as Record<Who, string>;
  const cookies = {} as Record<Who, string>;
  const password = (who: Who) => `Fz8#kP2q-${who.length}wR-Tm5`;
  const signIn = async () => {
    for (const who of Object.keys(STAFF) as Who[]) cookies[who] = await login(app, `r-${who}`, password(who));
  };
  for (const [who, p] of Object.entries(STAFF) as [Who, (typeof STAFF)[Who]][]) {
    const user = await createUser(
      store.db,
      { username: `r-${who}`, password: password(who), department: p.department, displayName: p.name },
      SYSTEM_ACTORS.cli,
    );
    ids[who] = user.id;
  }
  await signIn();
  await grantReviewTitle(store.db, ids.manager, 'sales_manager');
  await createCustomer(store.db, SYSTEM_ACTORS.cli, {
    name: CUSTOMER,
    shortName: '精工',
    firstOrderYear: 2018,
    industry: '汽车零部件',
    notes: null,
  });
  const as = (who: Who) => ({ cookie: cookies[who] });
  return {
    ids,
    as,
    post: (who, url, payload) => app.inject({ method: 'POST', url, headers: as(who), payload }),
    get: (who, url) => app.inject({ method: 'GET', url, headers: as(who) }),
    signInAgain: signIn,
  };
}

export const ITEMS = [
  {
    line: 1,
    product: '铝合金支架',
    catalogCode: null,
    model: 'BRK-07',
    quantity: { value: 5000, unit: '件' },
    unitPrice: { amount: 18.5, currency: 'CNY', per: '件', taxIncluded: true },
    material: '6061-T6',
    tolerance: null,
    drawing: { number: 'DWG-2002', revision: 'A' },
    packaging: '纸箱',
  },
  {
    line: 2,
    product: '6063-T5 铝型材',
    catalogCode: null,
    model: '40×40',
    quantity: { value: 12, unit: 't' },
    unitPrice: { amount: 23800, currency: 'CNY', per: 't', taxIncluded: true },
    material: '6063-T5',
    tolerance: null,
    drawing: { number: 'DWG-1001', revision: 'B' },
    packaging: '木箱',
  },
];

/** A plain repeat order the rules class as regular. */
export function regularOrder(receivedAt: string) {
  return {
    customerName: CUSTOMER,
    contractClass: 'regular',
    // The routing table's departments for a regular order whose line names a material.
    departments: ['sales', 'technical', 'purchasing', 'production', 'quality'],
    receivedAt,
    items: ITEMS,
    delivery: { date: '2027-01-20', place: '苏州工厂', terms: null },
    paymentTerms: '月结60天',
    requirements: [
      {
        text: '每批提供材质证明',
        category: 'documentation',
        kind: 'explicit',
        special: false,
        priority: 'normal',
      },
    ],
  };
}

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API under test
type Json = Record<string, any>;

/**
 * Opens the order and runs it to the customer's confirmation: sales, technical, purchasing,
 * production and quality sign (quality with a condition), the sales manager accepts, sales answers the customer, who confirms.
 * `tick(h)` sets the app clock h hours past `start`, when the order was received.
 */
export async function confirmedRegularCase(
  plant: Plant,
  start: Date,
  tick: (hours: number) => void,
): Promise<Json> {
  const { post, get } = plant;
  tick(0);
  const opened = await post('sales', '/api/contracts', regularOrder(start.toISOString()));
  if (opened.statusCode !== 201) throw new Error(`open: ${opened.statusCode} ${opened.body}`);
  let c: Json = opened.json();
  const url = `/api/contracts/${c.id}`;
  const edits = c.requirements.map((r: { id: string }) => ({ op: 'accept', requirementId: r.id }));
  c = (await post('sales', `${url}/requirements`, { edits })).json();
  c = (await post('sales', `${url}/requirements/confirm`, {})).json();
  tick(2);
  for (const who of ['sales', 'technical', 'purchasing', 'production', 'quality'] as const) {
    const mine = (await get(who, url)).json().myChecklist;
    const res = await post(who, `${url}/reviews/sign`, {
      department: who,
      contractVersion: c.contractVersion,
      answers: Object.fromEntries(mine.items.map((i: { id: string }) => [i.id, 'ok'])),
      outcome: who === 'quality' ? 'can_meet_with_conditions' : 'can_meet',
      ...(who === 'quality' ? { conditions: '首批全检' } : {}),
    });
    if (res.statusCode !== 200) throw new Error(`sign ${who}: ${res.body}`);
    c = res.json();
  }
  tick(3);
  c = (
    await post('manager', `${url}/conclusion`, { decision: 'accept', contractVersion: c.contractVersion })
  ).json();
  tick(5.5);
  c = (
    await post('sales', `${url}/feedback-sent`, {
      content: '评审通过，接受订单，首批全检',
      channel: '电子邮件',
      contact: '张经理 zhang@jinggong.example',
    })
  ).json();
  tick(8);
  c = (await post('sales', `${url}/customer-confirmation`, { reference: 'PO-8812' })).json();
  if (c.stage !== 'confirmed') throw new Error(`not confirmed: ${JSON.stringify(c).slice(0, 300)}`);
  return c;
}
