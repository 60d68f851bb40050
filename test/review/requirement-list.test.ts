// The requirement list of the case page, rendered on its own (React server rendering, no browser):
// the owner sees 编辑 / 新增需求 / 驳回 / 合并 only while the server allows corrections, a merged
// duplicate reads as merged, and each dialog sends the edit the workflow expects.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// The web app is its own TypeScript project (DOM types, bundler resolution); it and React are loaded
// at run time so that this project's type check takes in neither (React's types declare DOM globals
// that change how the browser tests type-check). These are the shapes the test uses.
const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src');
const load = (file: string) => import(/* @vite-ignore */ path.join(WEB, file));
const runtime = (name: string) => import(/* @vite-ignore */ name);

type Component = (props: Record<string, unknown>) => unknown;
let createElement: (type: Component, props: object | null, ...children: unknown[]) => unknown;
let renderToString: (element: unknown) => string;

interface CaseRequirement {
  id: string;
  text: string;
  category: string;
  kind: string;
  special: boolean;
  priority: string;
  status: 'proposed' | 'accepted' | 'rejected';
  mergedInto?: string;
  version: number;
  source: { intakeId: string | null; start: number; end: number; quote: string } | null;
}
type CorrectionEdit = (mode: object, values: object) => Record<string, unknown>;

let I18nProvider: Component;
let RequirementList: Component;
let correctionEdit: CorrectionEdit;

beforeAll(async () => {
  ({ createElement } = await runtime('react'));
  ({ renderToString } = await runtime('react-dom/server'));
  ({ I18nProvider } = await load('i18n/i18n.tsx'));
  ({ RequirementList } = await load('pages/review/RequirementList.tsx'));
  ({ correctionEdit } = await load('pages/review/requirement-edits.ts'));
});

const requirement = (over: Partial<CaseRequirement>): CaseRequirement => ({
  id: 'R1',
  text: '每批提供材质证明',
  category: 'documentation',
  kind: 'explicit',
  special: false,
  priority: 'normal',
  status: 'accepted',
  version: 1,
  source: null,
  ...over,
});

const CASE = {
  requirements: [
    requirement({}),
    requirement({
      id: 'R2',
      text: '按汽车行业惯例保证零件按批次可追溯',
      kind: 'implied',
      source: { intakeId: 'i', start: 0, end: 2, quote: '汽车' },
    }),
    requirement({
      id: 'R3',
      text: '2027年1月30日前送到',
      category: 'logistics',
      status: 'rejected',
      mergedInto: 'R4',
    }),
    requirement({ id: 'R4', text: '2027年1月30日前送到', category: 'delivery' }),
  ],
};

/** The page as HTML, without React's text-boundary comments. */
function render(canCorrect: boolean): string {
  const html = renderToString(
    createElement(
      I18nProvider,
      null,
      createElement(RequirementList, {
        data: CASE,
        canConfirm: false,
        canCorrect,
        busy: false,
        act: async () => true,
      }),
    ),
  );
  return html.replaceAll('<!-- -->', '');
}

const buttons = (html: string) =>
  [...html.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1]).filter((l) => /R\d/.test(l!));

describe('requirement list on the case page', () => {
  it('offers edit, merge and reject on every open requirement, and adding one, while corrections are allowed', () => {
    const html = render(true);
    expect(html).toContain('新增需求');
    expect(buttons(html)).toEqual([
      '编辑 R1',
      '合并 R1',
      '驳回 R1',
      '编辑 R2',
      '合并 R2',
      '驳回 R2',
      '编辑 R4',
      '合并 R4',
      '驳回 R4',
    ]);
    expect(html).toContain('已并入 R4');
  });

  it('offers nothing once the server refuses corrections, and still reads the implied requirement and its source', () => {
    const html = render(false);
    expect(html).not.toContain('新增需求');
    expect(buttons(html)).toEqual([]);
    expect(html).toContain('按汽车行业惯例保证零件按批次可追溯');
    expect(html).toContain('客户原文：「汽车」');
  });

  it('sends what the workflow expects from each dialog', () => {
    expect(correctionEdit({ op: 'reject', id: 'R2' }, { reason: ' 非汽车项目 ' })).toEqual({
      op: 'reject',
      requirementId: 'R2',
      reason: '非汽车项目',
    });
    expect(
      correctionEdit(
        { op: 'add' },
        { text: ' 每捆不超过1吨 ', category: 'packaging', kind: 'explicit', reason: '' },
      ),
    ).toEqual({ op: 'add', text: '每捆不超过1吨', category: 'packaging', kind: 'explicit', special: false });
    expect(
      correctionEdit({ op: 'merge', id: 'R4' }, { duplicateId: 'R3', text: '  ', reason: '重复' }),
    ).toEqual({
      op: 'merge',
      requirementId: 'R4',
      duplicateId: 'R3',
      reason: '重复',
    });
    expect(
      correctionEdit(
        { op: 'edit', id: 'R1' },
        { text: '每批提供EN 10204 3.1材质证明', category: 'documentation', kind: 'explicit', special: true },
      ),
    ).toEqual({
      op: 'edit',
      requirementId: 'R1',
      text: '每批提供EN 10204 3.1材质证明',
      category: 'documentation',
      kind: 'explicit',
      special: true,
    });
  });
});
