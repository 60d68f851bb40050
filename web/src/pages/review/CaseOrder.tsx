// The order under review, as sales must check it ("价格是否确认", "订单内容是否正确"): the items
// with quantities, prices and amounts, the total, delivery, payment and the PO and contract
// numbers. When the user corrected the analysed order on the intake page, the case says so and
// lists each corrected field beside what the analysis read.
import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatAmount } from '../ledger/query';
import { CardTitle } from './CardTitle';
import type { ContractCase, ContractLine } from './types';

/** Quantity × unit price, in cents as the server totals it. */
export function lineAmount(l: ContractLine): number | null {
  if (!l.quantity || !l.unitPrice) return null;
  return (Math.round(l.unitPrice.amount * 100) * l.quantity.value) / 100;
}

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

export function OrderItemsTable({ lines, total }: { lines: ContractLine[]; total?: number | null }) {
  const { t } = useI18n();
  const currencies = new Set(lines.flatMap((l) => (l.unitPrice ? [l.unitPrice.currency] : [])));
  const currency = [...currencies][0] ?? 'CNY';
  // Without the server's total (an earlier round), lines in one currency are summed here.
  const sum =
    total !== undefined
      ? total
      : currencies.size === 1
        ? lines.reduce((s, l) => s + (lineAmount(l) ?? 0), 0)
        : null;
  return (
    <Table<ContractLine>
      rowKey="line"
      size="small"
      pagination={false}
      dataSource={lines}
      locale={{ emptyText: <span style={{ color: '#595959' }}>{t('review.order.noItems')}</span> }}
      columns={[
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
                {l.unitPrice.taxIncluded && <Tag style={{ marginLeft: 4 }}>{t('review.order.tax')}</Tag>}
              </span>
            ) : (
              '—'
            ),
        },
        {
          title: t('review.order.amount'),
          align: 'right',
          render: (_: unknown, l) => {
            const amount = lineAmount(l);
            return amount === null ? (
              '—'
            ) : (
              <span data-testid={`amount-${l.line}`}>{formatAmount(amount)}</span>
            );
          },
        },
      ]}
      summary={() =>
        sum === null ? null : (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={7}>
              <strong>{t('review.order.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong data-testid="order-total">
                {formatAmount(sum)} {currency}
              </strong>
            </Table.Summary.Cell>
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
  const total = data.totalAmount === null || data.totalAmount === undefined ? null : Number(data.totalAmount);
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
      <OrderItemsTable lines={terms.items} total={Number.isFinite(total) ? total : null} />
      {corrected && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('review.order.correctedHint')}
        </Typography.Paragraph>
      )}
      <Corrections data={data} />
    </Card>
  );
}
