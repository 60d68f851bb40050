// 审计日志: the audit trail for the administrator and quality — filtered by user, action, object and
// dates and paged on the server, each entry with its time, who (by name), the action and the object
// by name (a contract links to its case), what changed, and the full before/after on expanding. The
// export takes the same filter; "校验完整性" recomputes the hash chain and names the entry it breaks at.
import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  type AuditLang,
  auditActionLabel,
  auditActorLabel,
  auditEntityLabel,
  summariseAuditChange,
} from '../../../../src/shared/audit-labels';
import { api, query } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTable } from '../../components/PagedTable';
import { usePaged } from '../../hooks/usePaged';
import { useI18n } from '../../i18n/i18n';
import { ContractLink } from '../ledger/ContractLink';

interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorDepartment: string | null;
  action: string;
  entityType: string;
  entityId: string;
  entityName: string | null;
  before: unknown;
  after: unknown;
  hash: string | null;
}

interface Actor {
  id: string;
  name: string;
  department: string | null;
}

interface Verification {
  ok: boolean;
  rows: number;
  firstBroken: {
    id: number;
    at: string;
    action: string;
    entityType: string;
    entityId: string;
    reason: 'missing_hash' | 'hash_mismatch';
  } | null;
  headHash: string | null;
}

/** An id that is a code (a rule's `special.new_product`, a setting's name): shown on expanding only. */
const CODE = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/;

/** The time as people in the office read it, to the second, in the browser's zone. */
function localTime(iso: string, lang: AuditLang): string {
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

function Json({ value }: { value: unknown }) {
  return (
    <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
      {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </pre>
  );
}

function VerifyChain({ lang }: { lang: AuditLang }) {
  const { t } = useI18n();
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setResult(await api.get<Verification>('/api/audit/verify'));
    } catch (err) {
      setError(err);
    } finally {
      setRunning(false);
    }
  };
  const broken = result?.firstBroken;
  return (
    <div style={{ marginBottom: 16 }}>
      <Button onClick={() => void run()} loading={running}>
        {t('audit.verify')}
      </Button>
      <ErrorAlert error={error} />
      {result && (
        <Alert
          role="status"
          style={{ marginTop: 8 }}
          type={result.ok ? 'success' : 'error'}
          showIcon
          message={
            broken
              ? t('audit.verifyBroken', { id: broken.id, rows: result.rows })
              : result.rows === 0
                ? t('audit.verifyEmpty')
                : t('audit.verifyOk', { rows: result.rows, head: result.headHash?.slice(0, 16) ?? '' })
          }
          description={
            broken &&
            t('audit.verifyBrokenDetail', {
              at: localTime(broken.at, lang),
              action: auditActionLabel(broken.action, lang),
              object: `${auditEntityLabel(broken.entityType, lang)} ${broken.entityId}`,
              reason: t(`audit.reason.${broken.reason}`),
            })
          }
        />
      )}
    </div>
  );
}

function Labelled({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <label htmlFor={id} id={`${id}-label`} style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </label>
      {children}
    </div>
  );
}

export default function AuditPage() {
  const { t, lang: uiLang, label } = useI18n();
  const lang: AuditLang = uiLang === 'en' ? 'en' : 'zh';
  const [actors, setActors] = useState<Actor[]>([]);
  const [actorsError, setActorsError] = useState<unknown>(null);
  const [actor, setActor] = useState<string | undefined>();
  const [action, setAction] = useState<string | undefined>();
  const [entityType, setEntityType] = useState<string | undefined>();
  const [entityId, setEntityId] = useState('');
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);

  useEffect(() => {
    api.get<Actor[]>('/api/audit/actors').then(setActors, setActorsError);
  }, []);

  const filter = {
    actor,
    action,
    entityType,
    entityId: entityId || undefined,
    from: range?.[0].format('YYYY-MM-DD'),
    to: range?.[1].format('YYYY-MM-DD'),
  };
  const list = usePaged<AuditEntry>('/api/audit', { fixed: filter, pageSize: 50, inAddress: false });

  // Actions grouped by their object type, in the order the labels list them.
  const actionOptions = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const code of Object.keys(AUDIT_ACTION_LABELS)) {
      const type = code.slice(0, code.indexOf('.'));
      const group = groups.get(type) ?? [];
      group.push({ value: code, label: auditActionLabel(code, lang) });
      groups.set(type, group);
    }
    return [...groups].map(([type, options]) => ({ label: auditEntityLabel(type, lang), options }));
  }, [lang]);

  const clear = () => {
    setActor(undefined);
    setAction(undefined);
    setEntityType(undefined);
    setEntityId('');
    setRange(null);
  };

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('audit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <VerifyChain lang={lang} />
      <ErrorAlert error={actorsError} />
      <Space wrap align="end">
        <Labelled id="audit-actor" label={t('audit.user')}>
          <Select
            id="audit-actor"
            aria-labelledby="audit-actor-label"
            style={{ width: 200 }}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.all')}
            value={actor}
            onChange={setActor}
            options={actors.map((a) => ({
              value: a.id,
              label: a.department ? `${a.name}（${label('department', a.department)}）` : a.name,
            }))}
          />
        </Labelled>
        <Labelled id="audit-action" label={t('audit.action')}>
          <Select
            id="audit-action"
            aria-labelledby="audit-action-label"
            style={{ width: 220 }}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.all')}
            value={action}
            onChange={setAction}
            options={actionOptions}
          />
        </Labelled>
        <Labelled id="audit-entity-type" label={t('audit.objectType')}>
          <Select
            id="audit-entity-type"
            aria-labelledby="audit-entity-type-label"
            style={{ width: 160 }}
            allowClear
            placeholder={t('audit.all')}
            value={entityType}
            onChange={setEntityType}
            options={Object.keys(AUDIT_ENTITY_LABELS).map((type) => ({
              value: type,
              label: auditEntityLabel(type, lang),
            }))}
          />
        </Labelled>
        <Labelled id="audit-entity-id" label={t('audit.objectId')}>
          <Input.Search
            id="audit-entity-id"
            allowClear
            style={{ width: 260 }}
            placeholder={t('audit.objectIdPlaceholder')}
            // A named button: Ant Design's default takes its name from the icon ("search", in English).
            enterButton={
              <Button type="primary" icon={<SearchOutlined aria-hidden />} aria-label={t('common.search')} />
            }
            defaultValue={entityId}
            key={entityId === '' ? 'empty' : 'set'}
            onSearch={(v) => setEntityId(v.trim())}
          />
        </Labelled>
        <Labelled id="audit-dates" label={t('audit.dates')}>
          <DatePicker.RangePicker
            id={{ start: 'audit-dates' }}
            value={range}
            onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
          />
        </Labelled>
        <Space style={{ marginBottom: 16 }} wrap>
          <Button onClick={clear}>{t('audit.reset')}</Button>
          <Button href={`/api/audit/export${query({ ...filter, format: 'xlsx' })}`}>
            {t('audit.export')} XLSX
          </Button>
          <Button href={`/api/audit/export${query({ ...filter, format: 'csv' })}`}>
            {t('audit.export')} CSV
          </Button>
        </Space>
      </Space>
      <PagedTable<AuditEntry>
        list={list}
        data-testid="audit-table"
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (e) => (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
              <div>
                <Typography.Text strong>{t('audit.before')}</Typography.Text>
                <Json value={e.before} />
              </div>
              <div>
                <Typography.Text strong>{t('audit.after')}</Typography.Text>
                <Json value={e.after} />
              </div>
              <Typography.Text type="secondary" style={{ gridColumn: '1 / -1', fontSize: 12 }}>
                {t('audit.objectId')}: {e.entityId} · {t('audit.hash')}: {e.hash ?? '—'}
              </Typography.Text>
            </div>
          ),
        }}
        columns={[
          {
            title: t('audit.time'),
            dataIndex: 'at',
            render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{localTime(at, lang)}</span>,
          },
          {
            title: t('audit.user'),
            key: 'actor',
            render: (_: unknown, e: AuditEntry) => (
              <>
                {auditActorLabel(e.actorId, e.actorName, lang)}
                {e.actorDepartment && (
                  <Typography.Text type="secondary">
                    {' '}
                    · {label('department', e.actorDepartment)}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (a: string) => auditActionLabel(a, lang),
          },
          {
            title: t('audit.object'),
            key: 'object',
            render: (_: unknown, e: AuditEntry) => (
              <>
                <Typography.Text type="secondary">{auditEntityLabel(e.entityType, lang)} </Typography.Text>
                {e.entityType === 'contract' ? (
                  <ContractLink id={e.entityId} number={e.entityName ?? e.entityId} />
                ) : (
                  (e.entityName ?? (CODE.test(e.entityId) ? null : e.entityId))
                )}
              </>
            ),
          },
          {
            title: t('audit.change'),
            key: 'change',
            render: (_: unknown, e: AuditEntry) => (
              <span style={{ display: 'inline-block', maxWidth: 420, whiteSpace: 'normal' }}>
                {summariseAuditChange(e.before, e.after, lang)}
              </span>
            ),
          },
        ]}
      />
    </div>
  );
}
