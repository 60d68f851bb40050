// The administrator's part of the capability page: the five criteria's weights (summing to 100)
// and targets, each measure's target, how much of a criterion's score the data carries, how many
// criteria an overall grade needs, and the teams. Saved with the version last read (409 if stale).
import { Button, Card, Col, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import type { CapabilityModel, CapabilitySettings, CriterionKey, Subjects } from './types';

export function SettingsPanel({
  model,
  people,
  onSaved,
}: {
  model: CapabilityModel;
  people: Subjects['people'];
  onSaved(version: number): void;
}) {
  const { t, lang } = useI18n();
  const b = (x: { zh: string; en: string }) => (lang === 'en' ? x.en : x.zh);
  const [s, setS] = useState<CapabilitySettings>(model.settings);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const sum = model.criteria.reduce((a, c) => a + (s.weights[c.key] ?? 0), 0);
  const setCriterion = (field: 'weights' | 'targets', key: CriterionKey, v: number | null) =>
    setS((x) => ({ ...x, [field]: { ...x[field], [key]: v ?? 0 } }));
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const r = await api.put<{ version: number }>('/api/capability/settings', {
        settings: s,
        version: model.version,
      });
      onSaved(r.version);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card
      size="small"
      data-testid="capability-settings"
      style={{ marginTop: 24 }}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('cap.settings')}</h2>}
      extra={
        <Typography.Text type="secondary">
          {t('cap.settingsVersion', { version: model.version })}
        </Typography.Text>
      }
    >
      <ErrorAlert error={error} />
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={model.criteria}
        columns={[
          { title: t('cap.criterion'), key: 'name', render: (_: unknown, c) => `${c.no} ${b(c.name)}` },
          {
            title: t('cap.weight'),
            key: 'weight',
            render: (_: unknown, c) => (
              <InputNumber
                aria-label={`${b(c.name)} ${t('cap.weight')}`}
                min={0}
                max={100}
                precision={0}
                value={s.weights[c.key]}
                onChange={(v) => setCriterion('weights', c.key, v)}
              />
            ),
          },
          {
            title: t('cap.target'),
            key: 'target',
            render: (_: unknown, c) => (
              <InputNumber
                aria-label={`${b(c.name)} ${t('cap.target')}`}
                min={0}
                max={100}
                value={s.targets[c.key]}
                onChange={(v) => setCriterion('targets', c.key, v)}
              />
            ),
          },
        ]}
      />
      <Typography.Text type={sum === 100 ? 'secondary' : 'danger'}>
        {t('cap.weightSum', { n: sum })}
      </Typography.Text>
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('cap.measureTarget')}
      </Typography.Title>
      <Row gutter={[16, 8]}>
        {model.measures.map((m) => (
          <Col xs={24} md={12} key={m.key}>
            <Space>
              <span id={`mt-${m.key}`} style={{ display: 'inline-block', minWidth: 220 }}>
                {b(m.name)}
                {m.unit === 'count' ? t('cap.perPerson') : ''}
              </span>
              <InputNumber
                aria-labelledby={`mt-${m.key}`}
                min={0}
                value={s.measureTargets[m.key]}
                addonBefore={m.direction === 'higher' ? '≥' : '≤'}
                addonAfter={m.unit === '%' ? '%' : m.unit === 'h' ? t('cap.hoursUnit') : undefined}
                onChange={(v) =>
                  setS((x) => ({ ...x, measureTargets: { ...x.measureTargets, [m.key]: v ?? 0 } }))
                }
              />
            </Space>
          </Col>
        ))}
      </Row>
      <Space wrap style={{ marginTop: 16 }}>
        <span id="cap-share">{t('cap.evidenceShare')}</span>
        <InputNumber
          aria-labelledby="cap-share"
          min={0}
          max={100}
          value={s.evidenceShare}
          onChange={(v) => setS((x) => ({ ...x, evidenceShare: v ?? 0 }))}
        />
        <span id="cap-min">{t('cap.minEvaluated')}</span>
        <InputNumber
          aria-labelledby="cap-min"
          min={1}
          max={5}
          precision={0}
          value={s.minEvaluated}
          onChange={(v) => setS((x) => ({ ...x, minEvaluated: v ?? 1 }))}
        />
        <span id="cap-hours">{t('cap.questionHours')}</span>
        <InputNumber
          aria-labelledby="cap-hours"
          min={1}
          max={720}
          value={s.questionHours}
          onChange={(v) => setS((x) => ({ ...x, questionHours: v ?? 48 }))}
        />
      </Space>
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('cap.teams')}
      </Typography.Title>
      {s.teams.map((team, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a team being typed has no identity yet (its id is one of the fields); rows are only appended and removed, and every field is controlled.
        <Space key={i} wrap style={{ marginBottom: 8 }}>
          <Input
            aria-label={t('cap.teamId')}
            placeholder={t('cap.teamId')}
            value={team.id}
            style={{ width: 140 }}
            onChange={(e) =>
              setS((x) => ({
                ...x,
                teams: x.teams.map((y, j) => (j === i ? { ...y, id: e.target.value } : y)),
              }))
            }
          />
          <Input
            aria-label={t('cap.teamName')}
            placeholder={t('cap.teamName')}
            value={team.name}
            style={{ width: 160 }}
            onChange={(e) =>
              setS((x) => ({
                ...x,
                teams: x.teams.map((y, j) => (j === i ? { ...y, name: e.target.value } : y)),
              }))
            }
          />
          <Select
            aria-label={t('cap.teamMembers')}
            mode="multiple"
            style={{ minWidth: 260 }}
            placeholder={t('cap.teamMembers')}
            value={team.members}
            options={people.map((p) => ({ value: p.id, label: p.name }))}
            onChange={(v: string[]) =>
              setS((x) => ({ ...x, teams: x.teams.map((y, j) => (j === i ? { ...y, members: v } : y)) }))
            }
          />
          <Button onClick={() => setS((x) => ({ ...x, teams: x.teams.filter((_, j) => j !== i) }))}>
            {t('cap.removeTeam')}
          </Button>
        </Space>
      ))}
      <div>
        <Space style={{ marginTop: 8 }}>
          <Button
            onClick={() => setS((x) => ({ ...x, teams: [...x.teams, { id: '', name: '', members: [] }] }))}
          >
            {t('cap.addTeam')}
          </Button>
          <Button type="primary" loading={saving} disabled={sum !== 100} onClick={() => void save()}>
            {t('cap.saveSettings')}
          </Button>
        </Space>
      </div>
    </Card>
  );
}
