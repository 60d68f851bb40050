// Why the "高级: JSON" text is not JSON, in the interface language: the browser's JSON.parse speaks
// English only ("Expected ',' or '}' after property value in JSON at position 45"), so its message is
// read for the kind of mistake and the place, and said again through the message catalogue.
import type { MessageKey } from '../../i18n/messages';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const REASONS: [RegExp, MessageKey][] = [
  [/Unterminated string/i, 'rules.json.string'],
  [/Unexpected end of JSON|end of data/i, 'rules.json.end'],
  [/property name/i, 'rules.json.propertyName'],
  [/Expected ',' or '}'/i, 'rules.json.commaBrace'],
  [/Expected ',' or ']'/i, 'rules.json.commaBracket'],
  [/Expected ':'|colon/i, 'rules.json.colon'],
  [/control character/i, 'rules.json.control'],
];

/** The parse error of `text` as one sentence in the interface language. */
export function describeJsonError(text: string, err: unknown, t: Translate): string {
  const message = err instanceof Error ? err.message : String(err);
  const known = REASONS.find(([re]) => re.test(message));
  const token = /Unexpected (?:token|character|non-whitespace character)[^'"“]*['"“]?([^'"”,\s]?)/i.exec(
    message,
  );
  const reason = known
    ? t(known[1])
    : token
      ? t('rules.json.token', { token: token[1] || text.trim().slice(-1) })
      : t('rules.json.other');
  const at = /position (\d+)/i.exec(message);
  let position = at ? Number(at[1]) : null;
  if (position === null && /end of JSON|end of data/i.test(message)) position = text.length;
  if (position === null) return t('rules.json.errorNoPlace', { reason });
  const before = text.slice(0, position).split('\n');
  return t('rules.json.error', {
    line: before.length,
    column: (before[before.length - 1]?.length ?? 0) + 1,
    reason,
  });
}
