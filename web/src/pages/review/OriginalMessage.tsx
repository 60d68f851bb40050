// The customer's message the case was opened from, inline, with the sentences the requirements
// were taken from marked, and the original file to download under its own name.
import { DownloadOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { CardTitle } from './CardTitle';
import type { ContractCase } from './types';

/** The text cut at the requirement spans (non-overlapping, in order), the spans marked. */
function marked(text: string, spans: { start: number; end: number; id: string }[]): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at || s.end > text.length || s.end <= s.start) continue;
    if (s.start > at) out.push(text.slice(at, s.start));
    out.push(
      <mark key={`${s.id}-${s.start}`} title={s.id} style={{ background: '#fff1b8', padding: 0 }}>
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function OriginalMessage({ data }: { data: ContractCase }) {
  const { t } = useI18n();
  const original = data.original;
  if (!original) return null;
  const spans = data.requirements.flatMap((r) =>
    r.source && r.source.intakeId === original.intakeId
      ? [{ start: r.source.start, end: r.source.end, id: r.id }]
      : [],
  );
  const href = original.attachmentId
    ? `/api/contracts/${encodeURIComponent(data.id)}/attachments/${encodeURIComponent(original.attachmentId)}`
    : null;
  return (
    <Card
      title={<CardTitle>{t('review.original.title')}</CardTitle>}
      size="small"
      style={{ marginTop: 16 }}
      extra={
        href && original.fileName ? (
          <a href={href} download={original.fileName} data-testid="original-download">
            <DownloadOutlined aria-hidden /> {t('review.original.download')}：{original.fileName}
          </a>
        ) : null
      }
    >
      {original.text ? (
        // A focusable region: the text scrolls, and keyboard users must be able to scroll it too.
        <section
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus (WCAG 2.1.1)
          tabIndex={0}
          aria-label={t('review.original.title')}
          data-testid="original-text"
          style={{ whiteSpace: 'pre-wrap', maxHeight: 320, overflowY: 'auto', lineHeight: 1.8 }}
        >
          {marked(original.text, spans)}
        </section>
      ) : (
        <Typography.Text type="secondary">{t('review.original.noText')}</Typography.Text>
      )}
    </Card>
  );
}
