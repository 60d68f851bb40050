// The order under review, as sales must check it ("价格是否确认", "订单内容是否正确"): the items
// with quantities, prices and amounts (with tax, where the order says 含税/不含税), the totals, delivery, payment and the PO and contract
// numbers. When the user corrected the analysed order on the intake page, the case says so and
// lists each corrected field beside what the analysis read.
import { Card, Descriptions, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { type LineAmounts, orderAmounts } from '../../../../src/review/order-amounts';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatAmount } from '../ledger/query';
import { CardTitle } from './CardTitle';
import type { ContractCase, ContractLine } from './types';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    const line = value as { product?: string; quantity?: number | null; unit?: string | null };
    if (line.product) return `${line.product} ${line.quantity ?? ''}${line.unit ?? ''}`.trim();
    return JSON.stringify(value);
  }
  return String(value);
}

const FIELD_KEYS: Record<string, MessageKey> = {
  customer: 'intake.customer',
  poNumber: 'review.order.poNumber',
  'delivery.date': 'review.order.deliveryDate',
  'delivery.place': 'review.order.deliveryPlace',
  'delivery.terms': 'review.order.deliveryTerms',
  paymentTerms: 'review.order.paymentTerms',
  product: 'review.order.product',
  catalogCode: 'intake.catalogCode',
  model: 'review.order.model',
  quantity: 'review.order.quantity',
  unit: 'review.order.unit',
  unitPrice: 'review.order.unitPrice',
  currency: 'review.order.currency',
};

/** `items[0].unitPrice` as a reader says it: 第 1 行 · 单价. */
function useFieldName() {
  const { t } = useI18n();
  return (path: string): string => {
    const m = /^items\[(\d+)\](?:\.(\w+))?$/.exec(path);
    if (!m) return FIELD_KEYS[path] ? t(FIELD_KEYS[path]) : path;
    const line = t('review.order.line', { n: Number(m[1]) + 1 });
    const field = m[2] ? FIELD_KEYS[m[2]] : undefined;
    return field ? `${line} · ${t(field)}` : line;
  };
}

function Corrections({ data }: { data: ContractCase }) {
  const { t } = useI18n();
  const fieldName = useFieldName();
  const corrections = data.order?.corrections ?? [];
  if (corrections.length === 0) return null;
  const person = (id: string) => data.people?.[id] ?? id;
  return (
    <details style={{ marginTop: 8 }} data-testid="order-corrections">
      <summary>{t('review.order.corrections', { n: corrections.length })}</summary>
      <Table
        rowKey="path"
        size="small"
        pagination={false}
        dataSource={corrections}
        columns={[
          {
            title: t('review.order.field'),
            dataIndex: 'path',
            render: (v: string) => <span title={v}>{fieldName(v)}</span>,
          },
          {
            title: t('review.order.analysed'),
            dataIndex: 'analysed',
            render: (v: unknown) => <del style={{ color: '#a8071a' }}>{show(v)}</del>,
          },
          {
            title: t('review.order.correctedValue'),
            dataIndex: 'corrected',
            render: (v: unknown) => <ins style={{ color: '#135200', textDecoration: 'none' }}>{show(v)}</ins>,
          },
          {
            title: t('review.order.correctedBy'),
            render: (_: unknown, c) => `${person(c.by)} ${dayjs(c.at).format('YYYY-MM-DD HH:mm')}`,
          },
        ]}
      />
    </details>
  );
}

/**
 * The items with quantity × unit price; where the order says whether its prices include VAT, the
 * tax basis, rate, amounts excluding and including tax and the tax, with totals (src/review/
 * order-amounts.ts, the same figures as the record).
 */
export function OrderItemsTable({ lines }: { lines: ContractLine[] }) {
  const { t } = useI18n();
  const a = orderAmounts(lines);
  const byLine = new Map(a.lines.map((l) => [l.line, l]));
  const of = (l: ContractLine): LineAmounts => byLine.get(l.line)!;
  const money = (n: number | null, testId?: string) =>
    n === null ? '—' : <span data-testid={testId}>{formatAmount(n)}</span>;
  const taxColumns: TableColumnsType<ContractLine> = a.hasTax
    ? [
        {
          title: t('review.order.taxBasis'),
          render: (_: unknown, l) => {
            const inc = of(l).taxIncluded;
            return inc === null ? '—' : t(inc ? 'review.order.taxIncluded' : 'review.order.taxExcluded');
          },
        },
        {
          title: t('review.order.taxRate'),
          align: 'right',
          render: (_: unknown, l) => (of(l).taxRate === null ? '—' : `${of(l).taxRate}%`),
        },
        {
          title: t('review.order.exclTax'),
          align: 'right',
          render: (_: unknown, l) => money(of(l).exclTax, `excl-tax-${l.line}`),
        },
        {
          title: t('review.order.taxAmount'),
          align: 'right',
          render: (_: unknown, l) => money(of(l).tax, `tax-${l.line}`),
        },
        {
          title: t('review.order.inclTax'),
          align: 'right',
          render: (_: unknown, l) => money(of(l).inclTax, `incl-tax-${l.line}`),
        },
      ]
    : [];
  const columns: TableColumnsType<ContractLine> = [
    { title: '#', dataIndex: 'line', width: 40 },
    { title: t('review.order.product'), dataIndex: 'product' },
    {
      title: t('review.order.model'),
      render: (_: unknown, l) =>
        [l.model, l.catalogCode !== l.model ? l.catalogCode : null].filter(Boolean).join(' / ') || '—',
    },
    {
      title: t('review.order.drawing'),
      render: (_: unknown, l) =>
        l.drawing ? `${l.drawing.number}${l.drawing.revision ? ` ${l.drawing.revision}` : ''}` : '—',
    },
    {
      title: t('review.order.quantity'),
      align: 'right',
      render: (_: unknown, l) => (l.quantity ? l.quantity.value.toLocaleString('zh-CN') : '—'),
    },
    { title: t('review.order.unit'), render: (_: unknown, l) => l.quantity?.unit ?? '—' },
    {
      title: t('review.order.unitPrice'),
      align: 'right',
      render: (_: unknown, l) =>
        l.unitPrice ? (
          <span data-testid={`unit-price-${l.line}`}>
            {formatAmount(l.unitPrice.amount)} {l.unitPrice.currency}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('review.order.amount'),
      align: 'right',
      render: (_: unknown, l) => money(of(l).amount, `amount-${l.line}`),
    },
    ...taxColumns,
  ];
  const totals = a.totals;
  return (
    <Table<ContractLine>
      rowKey="line"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={lines}
      locale={{ emptyText: <span style={{ color: '#595959' }}>{t('review.order.noItems')}</span> }}
      columns={columns}
      summary={() =>
        totals.amount === null ? null : (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={7}>
              <strong>{t('review.order.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong data-testid="order-total">
                {formatAmount(totals.amount)} {a.currency}
              </strong>
            </Table.Summary.Cell>
            {a.hasTax && (
              <>
                <Table.Summary.Cell index={2} colSpan={2} />
                <Table.Summary.Cell index={3} align="right">
                  <strong>{money(totals.exclTax, 'total-excl-tax')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  <strong>{money(totals.tax, 'total-tax')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <strong>{money(totals.inclTax, 'total-incl-tax')}</strong>
                </Table.Summary.Cell>
              </>
            )}
          </Table.Summary.Row>
        )
      }
    />
  );
}

export function CaseOrder({ data }: { data: ContractCase }) {
  const { t } = useI18n();
  const terms = data.terms;
  if (!terms) return null;
  const corrected = data.order?.versions.some((v) => v.source === 'correction') ?? false;
  return (
    <Card
      title={<CardTitle>{t('review.order.title')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="case-order"
      extra={corrected ? <Tag color="blue">{t('review.order.corrected')}</Tag> : null}
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('review.order.contractNumber')}>{data.number}</Descriptions.Item>
        <Descriptions.Item label={t('review.order.poNumber')}>
          <span data-testid="order-po">{data.order?.poNumber ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('review.order.deliveryDate')}>
          {terms.delivery.date ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.order.deliveryPlace')}>
          {terms.delivery.place ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.order.deliveryTerms')}>
          {terms.delivery.terms ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.order.paymentTerms')}>
          {terms.paymentTerms ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      <OrderItemsTable lines={terms.items} />
      {corrected && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('review.order.correctedHint')}
        </Typography.Paragraph>
      )}
      <Corrections data={data} />
    </Card>
  );
}
