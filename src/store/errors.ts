// Expected data-access failures that callers map to user messages (HTTP 404/409, CLI exit 1).
import { type Bilingual, joined } from '../shared/errors.js';

export class NotFoundError extends Error {
  readonly text: Bilingual;
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    const text = { zh: `未找到 ${entity} ${id}`, en: `${entity} ${id} not found` };
    super(joined(text));
    this.name = 'NotFoundError';
    this.text = text;
  }
}

export class ConflictError extends Error {
  readonly text: Bilingual;
  /** What conflicts, in both languages (a plain string is shown as is in both). */
  constructor(message: Bilingual | string) {
    const text = typeof message === 'string' ? { zh: message, en: message } : message;
    super(joined(text));
    this.name = 'ConflictError';
    this.text = text;
  }
}
