// Shows an API error in the interface language: the server's title, its detail and the fields it
// named, so the user knows what to correct.
import { Alert } from 'antd';
import { describeError, useI18n } from '../i18n/i18n';

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  if (!error) return null;
  const { title, detail, fields } = describeError(error, i18n);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={title}
      description={
        detail || fields.length > 0 ? (
          <>
            {detail && <div>{detail}</div>}
            {fields.length > 0 && (
              <>
                <div>{i18n.t('error.fields')}</div>
                <ul>
                  {fields.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        ) : undefined
      }
      action={
        onRetry ? (
          <button type="button" className="link-button" onClick={onRetry}>
            {i18n.t('common.retry')}
          </button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
