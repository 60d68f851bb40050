// The customer's CSR register (every entry on file) and its row of the CSR matrix: per requirement
// category, how many entries are in force today out of all registered, with their clauses. Those who
// keep customers (sales, quality, the GM) register and edit entries here (CsrForm).
import { Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { CsrEntry } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { CsrForm } from './CsrForm';

interface MatrixCell {
  active: number;
  total: number;
  clauses: string[];
}

interface Matrix {
  on: string;
  categories: { key: string; zh: string; en: string }[];
  rows: { customerId: string; cells: Record<string, MatrixCell> }[];
}

function CsrMatrixRow({ customerId }: { customerId: string }) {
  const { t, lang } = useI18n();
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get<Matrix>('/api/csr/matrix').then(setMatrix, setError);
  }, []);
  if (error) return <ErrorAlert error={error} />;
  const row = matrix?.rows.find((r) => r.customerId === customerId);
  const cells = (matrix?.categories ?? [])
    .map((c) => ({ key: c.key, name: lang === 'en' ? c.en : c.zh, ...(row?.cells[c.key] ?? null) }))
    .filter((c): c is typeof c & MatrixCell => typeof c.total === 'number' && c.total > 0);
  return (
    <div data-testid="csr-matrix">
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('customers.csrMatrix')}
        {matrix ? `（${matrix.on}）` : ''}
      </Typography.Title>
      {matrix && cells.length === 0 ? (
        <Empty description={t('customers.noCsr')} />
      ) : (
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          loading={!matrix}
          dataSource={cells}
          columns={[
            { title: t('intake.category'), dataIndex: 'name' },
            {
              title: `${t('customers.csr')}`,
              key: 'count',
              render: (_: unknown, c: MatrixCell) => (
                <Tag color={c.active > 0 ? 'blue' : 'default'}>
                  {c.active}/{c.total}
                </Tag>
              ),
            },
            { title: t('customers.clause'), dataIndex: 'clauses', render: (v: string[]) => v.join('、') },
          ]}
        />
      )}
    </div>
  );
}

/**
 * Sorts the register in the browser: it holds one customer's entries, all of them already here.
 * Chinese text in pinyin order; empty cells last.
 */
function byText<T>(text: (row: T) => string | null | undefined) {
  return (a: T, b: T) => {
    const x = text(a) ?? '';
    const y = text(b) ?? '';
    if (!x || !y) return x ? -1 : y ? 1 : 0;
    return x.localeCompare(y, 'zh-CN', { numeric: true });
  };
}

export function CsrPanel({
  customerId,
  entries,
  editable,
  onChanged,
}: {
  customerId: string;
  entries: CsrEntry[];
  /** Whether the viewer may register and edit entries (the matrix's customer editors). */
  editable: boolean;
  onChanged(): void;
}) {
  const { t, label } = useI18n();
  const [editing, setEditing] = useState<CsrEntry | 'new' | null>(null);
  const validity = (e: CsrEntry) =>
    e.effectiveFrom || e.effectiveTo
      ? `${e.effectiveFrom ?? '…'} ~ ${e.effectiveTo ?? t('md.csrOpenEnded')}`
      : t('md.csrOpenEnded');
  const { navigate } = useRouter();
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {editable && (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('md.csrNew')}
          </Button>
        )}
        {/* Whether each entry can be met, by whom and when it is reviewed again: the evaluation table. */}
        <Button onClick={() => navigate(`/csr-evaluation?customer=${encodeURIComponent(customerId)}`)}>
          {t('csrEval.open')}
        </Button>
      </Space>
      <CsrForm
        customerId={customerId}
        open={editing !== null}
        entry={editing === 'new' ? null : editing}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          onChanged();
        }}
      />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={entries}
        locale={{ emptyText: t('customers.noCsr') }}
        columns={[
          {
            title: t('customers.source'),
            dataIndex: 'sourceDocument',
            sorter: byText<CsrEntry>((e) => e.sourceDocument),
          },
          { title: t('customers.clause'), dataIndex: 'clause', sorter: byText<CsrEntry>((e) => e.clause) },
          { title: t('intake.reqText'), dataIndex: 'text', sorter: byText<CsrEntry>((e) => e.text) },
          {
            title: t('intake.category'),
            dataIndex: 'category',
            sorter: byText<CsrEntry>((e) => label('category', e.category)),
            render: (v: string) => <Tag>{label('category', v)}</Tag>,
          },
          {
            title: t('customers.appliesTo'),
            dataIndex: 'appliesTo',
            sorter: byText<CsrEntry>((e) => e.appliesTo),
          },
          {
            title: t('customers.department'),
            dataIndex: 'department',
            sorter: byText<CsrEntry>((e) => (e.department ? label('department', e.department) : null)),
            render: (v: string | null) => (v ? label('department', v) : ''),
          },
          {
            title: t('md.csrValidity'),
            key: 'validity',
            sorter: byText<CsrEntry>((e) => e.effectiveFrom),
            render: (_: unknown, e: CsrEntry) => (
              <>
                {validity(e)}
                {e.status === 'inactive' && <Tag style={{ marginLeft: 4 }}>{t('md.inactive')}</Tag>}
              </>
            ),
          },
          ...(editable
            ? [
                {
                  title: t('md.actions'),
                  key: 'actions',
                  render: (_: unknown, e: CsrEntry) => (
                    <Button size="small" type="link" onClick={() => setEditing(e)}>
                      {t('md.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CsrMatrixRow customerId={customerId} />
    </>
  );
}
