// Whether customer mail is being collected from the sales inbox (IMAP), for the sales staff who work
// it and the administrator who configures it: the mailbox, the last poll and the last success, what
// was taken, and the last error as the server described it. Refreshed while the page is open, so a
// failing mailbox shows up without reloading. Other departments never see the card.
import { Alert, Card, Descriptions, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { type Access, departmentMay, ROUTE_PERMISSIONS } from '../../../../src/auth/permissions';
import { ApiError, api, isMissingRoute } from '../../api/client';
import type { MailboxStatus, User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import type { Lang } from '../../i18n/messages';
import { useSession } from '../../session';

const STATUS_URL = '/api/intake/mailbox' as const;
const REFRESH_MS = 30_000;
/** Spares the departments the permission matrix refuses a request that is bound to fail. */
function mayRead(user: User): boolean {
  return departmentMay(ROUTE_PERMISSIONS[`GET ${STATUS_URL}`] as Access, user.department, user.deputyFor);
}

type State = 'notConfigured' | 'waiting' | 'ok' | 'error' | 'stale';
const STATE_COLOURS: Record<State, string> = {
  notConfigured: 'default',
  waiting: 'default',
  ok: 'green',
  error: 'red',
  stale: 'orange',
};

/**
 * How long without a poll means the poller has stopped: it pauses pollSeconds after each poll ends
 * and a poll may wait 30 s for a slow server, so three intervals plus two minutes leaves room for
 * that and for some clock difference between browser and server.
 */
function staleAfterMs(pollSeconds: number): number {
  return (3 * pollSeconds + 120) * 1000;
}

function stateOf(s: MailboxStatus, now: number): State {
  if (!s.configured) return 'notConfigured';
  if (s.lastError) return 'error';
  if (!s.lastPollAt) return 'waiting';
  if (s.pollSeconds && now - Date.parse(s.lastPollAt) > staleAfterMs(s.pollSeconds)) return 'stale';
  return 'ok';
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

function relativeTime(iso: string, now: number, lang: Lang, justNow: string): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  // Within a few seconds — or slightly ahead when the browser's clock lags the server's.
  if (seconds < 5) return justNow;
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(-seconds, 'second');
}

function When({ iso, now }: { iso: string | null; now: number }) {
  const { t, lang } = useI18n();
  if (!iso) return <>{t('mailbox.never')}</>;
  const absolute = dayjs(iso).format('YYYY-MM-DD HH:mm:ss');
  return (
    <time dateTime={iso} title={absolute}>
      {relativeTime(iso, now, lang, t('mailbox.justNow'))}
      <Typography.Text type="secondary"> ({absolute})</Typography.Text>
    </time>
  );
}

export function MailboxStatusCard() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const allowed = user ? mayRead(user) : false;
  const [status, setStatus] = useState<MailboxStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  // A refusal (or a server without the route) hides the card for good instead of showing an error.
  const [hidden, setHidden] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!allowed) return;
    let live = true;
    const load = async () => {
      try {
        const next = await api.get<MailboxStatus>(STATUS_URL);
        if (!live) return;
        setStatus(next);
        setError(null);
      } catch (err) {
        if (!live) return;
        if ((err instanceof ApiError && err.status === 403) || isMissingRoute(err)) {
          setHidden(true);
          clearInterval(timer);
          return;
        }
        setError(err);
      }
      setNow(Date.now());
    };
    // A tab in the background is not looked at; it catches up as soon as it is shown again.
    const refresh = () => {
      if (document.visibilityState !== 'hidden') void load();
    };
    const timer = setInterval(refresh, REFRESH_MS);
    document.addEventListener('visibilitychange', refresh);
    void load();
    return () => {
      live = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [allowed]);

  if (!allowed || hidden) return null;
  const state = status ? stateOf(status, now) : null;

  return (
    <Card
      title={t('mailbox.title')}
      size="small"
      style={{ marginTop: 16 }}
      loading={!status && !error}
      data-testid="mailbox-status"
      extra={state && <Tag color={STATE_COLOURS[state]}>{t(`mailbox.state.${state}`)}</Tag>}
    >
      <ErrorAlert error={error} />
      {status && !status.configured && (
        // Only the administrator configures the server; the others are told whom to ask.
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t(user?.department === 'admin' ? 'mailbox.notConfigured' : 'mailbox.notConfiguredStaff')}
        </Typography.Paragraph>
      )}
      {status?.configured && (
        <>
          {state === 'stale' && status.pollSeconds && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              message={t('mailbox.stale', { n: Math.round(staleAfterMs(status.pollSeconds) / 60_000) })}
            />
          )}
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('mailbox.address')}>
              <span>
                <Typography.Text style={{ wordBreak: 'break-all' }}>{status.mailbox}</Typography.Text>
                {status.pollSeconds !== null && (
                  <Typography.Text type="secondary">
                    {' '}
                    · {t('mailbox.every', { n: status.pollSeconds })}
                  </Typography.Text>
                )}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('mailbox.lastPoll')}>
              <When iso={status.lastPollAt} now={now} />
            </Descriptions.Item>
            <Descriptions.Item label={t('mailbox.lastSuccess')}>
              <When iso={status.lastSuccessAt} now={now} />
            </Descriptions.Item>
            <Descriptions.Item label={t('mailbox.lastTaken')}>
              {t('mailbox.count', { n: status.lastTaken })}
            </Descriptions.Item>
            <Descriptions.Item label={t('mailbox.total')}>
              {t('mailbox.count', { n: status.messagesTaken })}
            </Descriptions.Item>
            {status.lastError && (
              <Descriptions.Item label={t('mailbox.lastError')}>
                <div data-testid="mailbox-error">
                  <Typography.Text type="danger">
                    {lang === 'en' ? status.lastError.en || status.lastError.zh : status.lastError.zh}
                  </Typography.Text>
                  {/* The error is the last poll's: it is cleared by the next successful one. */}
                  {status.lastPollAt && (
                    <div>
                      <Typography.Text type="danger">
                        {t('mailbox.errorAt')} <When iso={status.lastPollAt} now={now} />
                      </Typography.Text>
                    </div>
                  )}
                </div>
              </Descriptions.Item>
            )}
          </Descriptions>
        </>
      )}
    </Card>
  );
}
