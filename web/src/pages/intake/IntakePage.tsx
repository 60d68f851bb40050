// 需求录入: paste a customer message (or drop a file), let the server identify it, check what it
// found — marked text, order, requirements, contract class with the rules that fired — and open
// the contract review case. The record shown is in the address (?record=ID), so Back, reload and the
// links from the workbench and the intake history show its result again.
import { InboxOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Progress,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api, isMissingRoute } from '../../api/client';
import type { AnalysisResult, Contract, Entity, IntakeRecord } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewCustomerBanner } from '../../components/NewCustomerBanner';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { contractCasePath } from '../review/route';
import { AnnotatedText } from './AnnotatedText';
import { MailboxStatusCard } from './MailboxStatusCard';
import { NeedsReview, OrderForm, type OrderValues, orderBodyOf } from './OrderForm';
import { intakeRecordPath } from './record-path';
import { VoiceNoteButton } from './VoiceNoteButton';

const POLL_MS = 700;
const POLL_LIMIT_MS = 180_000;
const CLASS_COLOURS: Record<string, string> = { regular: 'green', special: 'red', temporary: 'orange' };
/** A long message yields hundreds of requirement rows; the table shows them a page at a time. */
const REQUIREMENTS_PAGE = 20;

interface Outcome {
  intakeId: string | null;
  text: string;
  analysis: AnalysisResult;
  record: IntakeRecord | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function intakeFailure(rec: IntakeRecord): ApiError {
  const message = rec.error?.message ?? rec.errorMessage ?? '识别失败 / processing failed';
  return new ApiError({ title: message, status: 422, code: rec.error?.code ?? 'INTAKE_FAILED' });
}

type RawIntake = IntakeRecord & { result?: unknown; extractedText?: string | null };

/** The analysis may come as `analysis` or inside `result`; the text as `text` or `extractedText`. */
function normaliseRecord(raw: RawIntake): IntakeRecord {
  const result = raw.result as { analysis?: AnalysisResult; intent?: unknown } | null | undefined;
  const analysis =
    raw.analysis ?? result?.analysis ?? (result?.intent ? (result as unknown as AnalysisResult) : null);
  return { ...raw, analysis, text: raw.text ?? raw.extractedText ?? null };
}

/** Waits for an intake record to finish processing. */
async function waitForIntake(id: string, onProgress: (rec: IntakeRecord) => void): Promise<IntakeRecord> {
  const started = Date.now();
  for (;;) {
    const rec = normaliseRecord(await api.get<RawIntake>(`/api/intake/${encodeURIComponent(id)}`));
    if (rec.analysis) return rec;
    if (rec.status === 'failed' || rec.status === 'error' || rec.error) throw intakeFailure(rec);
    onProgress(rec);
    if (Date.now() - started > POLL_LIMIT_MS)
      throw intakeFailure({ ...rec, errorMessage: '处理超时 / timed out' });
    await sleep(POLL_MS);
  }
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('\n');
}

export default function IntakePage() {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const { navigate, search } = useRouter();
  const recordId = search.get('record');
  // The record whose result is on screen (or being loaded), so the address change made after an
  // analysis does not load it a second time.
  const shown = useRef<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  // Share of pages read when the server reports them (scanned PDFs); null = no count known yet.
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [selectedEntity, setSelectedEntity] = useState<number | null>(null);
  const [selectedRequirement, setSelectedRequirement] = useState<number | null>(null);
  const [opening, setOpening] = useState(false);
  const [requirementPage, setRequirementPage] = useState(1);
  const [requirementPageSize, setRequirementPageSize] = useState(REQUIREMENTS_PAGE);
  const valueRef = useRef<HTMLDivElement>(null);
  const [orderForm] = Form.useForm<OrderValues>();

  const run = async (submit: () => Promise<Outcome>) => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    setSelectedEntity(null);
    setSelectedRequirement(null);
    setRequirementPage(1);
    setProgress(t('intake.processing'));
    setPercent(null);
    try {
      const done = await submit();
      setOutcome(done);
      if (done.intakeId && shown.current !== done.intakeId) {
        shown.current = done.intakeId;
        navigate(intakeRecordPath(done.intakeId));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const showProgress = (r: IntakeRecord) => {
    const pages = r.progress && r.progress.total > 0 ? r.progress : null;
    setProgress(`${t('intake.processing')} (${pages ? pages.label : label('status', r.status)})`);
    setPercent(pages ? Math.min(99, Math.round((pages.done / pages.total) * 100)) : null);
  };

  const viaIntake = async (body: { text: string } | FormData): Promise<Outcome | null> => {
    let id: string;
    try {
      id = (await api.post<{ id: string }>('/api/intake', body)).id;
    } catch (err) {
      if (isMissingRoute(err)) return null;
      throw err;
    }
    const rec = await waitForIntake(id, showProgress);
    return {
      intakeId: id,
      text: rec.text ?? (body instanceof FormData ? '' : body.text),
      analysis: rec.analysis!,
      record: rec,
    };
  };

  // The record in the address: shown again after Back or reload, or opened from a link.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of address loads a record
  useEffect(() => {
    if (!recordId) {
      // Back to the bare page: the result of the record left behind goes with it.
      if (shown.current && !busy) {
        shown.current = null;
        setOutcome(null);
        setError(null);
      }
      return;
    }
    if (shown.current === recordId) return;
    shown.current = recordId;
    void run(async () => {
      const rec = await waitForIntake(recordId, showProgress);
      setText(rec.text ?? '');
      return { intakeId: recordId, text: rec.text ?? '', analysis: rec.analysis!, record: rec };
    });
  }, [recordId]);

  const analyseText = () => {
    const message = text.trim();
    if (!message) {
      setError(new ApiError({ title: t('intake.textRequired'), status: 400 }));
      return;
    }
    void run(async () => {
      const fromIntake = await viaIntake({ text });
      if (fromIntake) return fromIntake;
      // The intake service is not installed: analyse without saving (no review can be opened).
      const analysis = await api.post<AnalysisResult>('/api/analyze', { text });
      return { intakeId: null, text, analysis, record: null };
    });
  };

  const analyseFile = (file: File) => {
    const form = new FormData();
    form.append('file', file);
    void run(async () => {
      const fromIntake = await viaIntake(form);
      if (!fromIntake) throw new ApiError({ title: t('intake.openReviewNeedsIntake'), status: 404 });
      setText(fromIntake.text);
      return fromIntake;
    });
  };

  const openReview = async () => {
    if (!outcome?.intakeId) return;
    try {
      await orderForm.validateFields();
    } catch (err) {
      const first = (err as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      void message.error(t('intake.orderInvalid'));
      if (first) orderForm.scrollToField(first.name, { block: 'center' });
      return;
    }
    setOpening(true);
    try {
      // What the user checked and corrected in the order form is the order the review runs on.
      const order = orderBodyOf(orderForm.getFieldsValue(true) as OrderValues);
      const contract = await api.post<Contract>('/api/contracts', { intakeId: outcome.intakeId, order });
      void message.success(t('intake.reviewOpened', { number: contract.number ?? contract.id }));
      navigate(contractCasePath(contract.id));
    } catch (err) {
      setError(err);
    } finally {
      setOpening(false);
    }
  };

  const a = outcome?.analysis;
  const entity: Entity | undefined = selectedEntity !== null ? a?.entities[selectedEntity] : undefined;
  const evaluations = outcome?.record?.classification?.evaluations ?? [];
  const routing = outcome?.record?.classification?.reviewRouting;

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('intake.title')}
      </Typography.Title>
      <Typography.Paragraph>
        <a
          href="/intake-history"
          onClick={(ev) => {
            ev.preventDefault();
            navigate('/intake-history');
          }}
        >
          {t('nav.intakeHistory')}
        </a>
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <label htmlFor="intake-text" style={{ display: 'block', marginBottom: 8 }}>
            {t('intake.textLabel')}
          </label>
          <Input.TextArea
            id="intake-text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('intake.textPlaceholder')}
            autoSize={{ minRows: 5, maxRows: 12 }}
            maxLength={500_000}
          />
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" onClick={analyseText} loading={busy}>
              {t('intake.analyse')}
            </Button>
            <Button
              onClick={() => {
                setText('');
                setOutcome(null);
                setError(null);
                if (recordId) {
                  shown.current = null;
                  navigate('/intake');
                }
              }}
              disabled={busy}
            >
              {t('intake.clear')}
            </Button>
            <VoiceNoteButton disabled={busy} onRecorded={analyseFile} />
          </Space>
        </Col>
        {/* The drop zone fills what the mailbox card below leaves of the row's height. */}
        <Col
          xs={24}
          lg={8}
          style={{ display: 'grid', gridTemplateRows: '1fr auto', gridTemplateColumns: 'minmax(0, 1fr)' }}
        >
          <Upload.Dragger
            multiple={false}
            showUploadList={false}
            disabled={busy}
            accept=".eml,.msg,.docx,.doc,.wps,.pdf,.xlsx,.xls,.et,.csv,.txt,.html,.png,.jpg,.jpeg,.webp,.tif,.tiff,.wav,.mp3,.m4a,.amr,.ogg,.webm"
            beforeUpload={(file) => {
              analyseFile(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p>{t('intake.dropHint')}</p>
          </Upload.Dragger>
          <MailboxStatusCard />
        </Col>
      </Row>

      <div style={{ marginTop: 16 }}>
        {progress && (
          <div role="status" aria-live="polite">
            <Progress percent={percent ?? 99} status="active" showInfo={percent !== null} />
            {progress}
          </div>
        )}
        <ErrorAlert error={error} />
      </div>

      {outcome && a && (
        <>
          {outcome.intakeId && (
            <NewCustomerBanner
              proposal={outcome.record?.newCustomer}
              confirmUrl={`/api/intake/${encodeURIComponent(outcome.intakeId)}/new-customer`}
              onConfirmed={(customer) =>
                setOutcome((o) =>
                  o?.record
                    ? { ...o, record: { ...o.record, customerId: customer.id, newCustomer: null } }
                    : o,
                )
              }
            />
          )}
          <Row gutter={16} style={{ marginTop: 8 }}>
            <Col xs={24} lg={16}>
              <Card title={t('intake.highlighted')} size="small">
                <Typography.Paragraph type="secondary">{t('intake.clickHint')}</Typography.Paragraph>
                <AnnotatedText
                  text={outcome.text}
                  entities={a.entities}
                  requirements={a.requirements}
                  selectedEntity={selectedEntity}
                  onSelectEntity={(i) => {
                    setSelectedEntity(i);
                    valueRef.current?.focus();
                  }}
                  onSelectRequirement={(i) => {
                    setSelectedRequirement(i);
                    // The row may be on another page of the table: turn to it, then bring it into view.
                    setRequirementPage(Math.floor(i / requirementPageSize) + 1);
                    setTimeout(() =>
                      document.getElementById(`requirement-${i}`)?.scrollIntoView({ block: 'nearest' }),
                    );
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={t('intake.entityValue')} size="small">
                <div ref={valueRef} tabIndex={-1} aria-live="polite" data-testid="entity-value">
                  {entity ? (
                    <Descriptions column={1} size="small">
                      <Descriptions.Item label={t('intake.kind')}>
                        {label('entity', entity.type)}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('intake.sourceText')}>{entity.text}</Descriptions.Item>
                      <Descriptions.Item label={t('intake.entityValue')}>
                        <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{formatValue(entity.value)}</pre>
                      </Descriptions.Item>
                    </Descriptions>
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.clickHint')} />
                  )}
                </div>
              </Card>
              <Card title={t('intake.classification')} size="small" style={{ marginTop: 16 }}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('intake.contractClass')}>
                    <Tag
                      color={CLASS_COLOURS[a.contract.class ?? ''] ?? 'default'}
                      data-testid="contract-class"
                    >
                      {label('contractClass', a.contract.class ?? 'unknown')}
                    </Tag>
                  </Descriptions.Item>
                  {a.contract.totalWeightTonnes !== null && (
                    <Descriptions.Item label={t('intake.totalWeight')}>
                      {t('intake.tonnes', { n: a.contract.totalWeightTonnes })}
                    </Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('intake.intent')}>
                    {label('intent', a.intent.label)} ({Math.round(a.intent.confidence * 100)}%){' '}
                    <NeedsReview analysis={a} path="intent" />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('intake.sentiment')}>
                    {label('sentiment', a.sentiment.label)} <NeedsReview analysis={a} path="sentiment" />
                  </Descriptions.Item>
                  {routing && (
                    <Descriptions.Item label={t('intake.routing')}>
                      {routing.departments.map((d) => label('department', d)).join('、')}
                    </Descriptions.Item>
                  )}
                </Descriptions>
                <Typography.Title level={2} style={{ fontSize: 14, marginTop: 8 }}>
                  {t('intake.reasons')}
                </Typography.Title>
                {a.contract.reasons.length === 0 ? (
                  <Typography.Paragraph>{t('intake.noReasons')}</Typography.Paragraph>
                ) : (
                  <List
                    size="small"
                    dataSource={a.contract.reasons}
                    renderItem={(r) => (
                      <List.Item>
                        <div>
                          <Tag color="volcano">{label('reason', r.code)}</Tag>
                          <div>{r.explanation}</div>
                        </div>
                      </List.Item>
                    )}
                  />
                )}
                {evaluations.length > 0 && (
                  <details>
                    <summary>{t('intake.evaluations')}</summary>
                    <ul>
                      {evaluations.map((e) => (
                        <li key={e.ruleId}>
                          {e.ruleId}: {e.outcome}
                          {e.explanation ? ` — ${e.explanation}` : ''}
                          {e.missing?.length ? ` (${e.missing.join(', ')})` : ''}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
                <Tooltip title={outcome.intakeId ? undefined : t('intake.openReviewNeedsIntake')}>
                  <Button
                    type="primary"
                    style={{ marginTop: 12 }}
                    disabled={!outcome.intakeId}
                    loading={opening}
                    onClick={() => void openReview()}
                  >
                    {t('intake.openReview')}
                  </Button>
                </Tooltip>
              </Card>
            </Col>
          </Row>
          <Card title={t('intake.order')} size="small" style={{ marginTop: 16 }}>
            <OrderForm key={`${outcome.intakeId}-${outcome.text.length}`} analysis={a} form={orderForm} />
          </Card>
          <Card
            title={t('intake.requirements')}
            size="small"
            style={{ marginTop: 16 }}
            data-testid="requirements"
          >
            <Table
              rowKey="index"
              size="small"
              scroll={{ x: 'max-content' }}
              pagination={{
                current: requirementPage,
                pageSize: requirementPageSize,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100],
                showTotal: (n) => t('common.total', { n }),
                hideOnSinglePage: false,
                onChange: (page, size) => {
                  setRequirementPage(size === requirementPageSize ? page : 1);
                  setRequirementPageSize(size);
                },
              }}
              dataSource={a.requirements.map((r, i) => ({ ...r, index: i }))}
              onRow={(r) => ({
                id: `requirement-${r.index}`,
                style: r.index === selectedRequirement ? { background: '#e6f4ff' } : undefined,
              })}
              columns={[
                {
                  title: t('intake.reqText'),
                  dataIndex: 'text',
                  render: (v: string, r) => (
                    <span>
                      {/* An implied requirement reads as what it requires; its trigger words are highlighted in the text. */}
                      {r.statement ?? v}
                      {r.basis && <Typography.Text type="secondary"> — {r.basis}</Typography.Text>}
                    </span>
                  ),
                },
                {
                  title: t('intake.category'),
                  dataIndex: 'category',
                  render: (v: string) => <Tag>{label('category', v)}</Tag>,
                  // Long lists are read a category at a time.
                  filters: [...new Set(a.requirements.map((r) => r.category))].map((c) => ({
                    text: label('category', c),
                    value: c,
                  })),
                  onFilter: (value, r) => r.category === value,
                },
                { title: t('intake.kind'), dataIndex: 'kind', render: (v: string) => label('kind', v) },
                {
                  title: t('intake.special'),
                  dataIndex: 'special',
                  filters: [
                    { text: t('intake.special'), value: true },
                    { text: t('common.no'), value: false },
                  ],
                  onFilter: (value, r) => r.special === value,
                  render: (v: boolean, r) =>
                    v ? (
                      <Tag color="red">
                        {t('intake.special')}
                        {r.specialRule ? ` · ${r.specialRule}` : ''}
                      </Tag>
                    ) : (
                      t('common.no')
                    ),
                },
                {
                  title: t('intake.priority'),
                  dataIndex: 'priority',
                  render: (v: string) => label('priority', v),
                },
              ]}
            />
          </Card>
        </>
      )}
      {!outcome && !busy && !error && (
        <Empty description={t('intake.textPlaceholder')} style={{ marginTop: 32 }} />
      )}
    </div>
  );
}
