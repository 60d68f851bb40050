// A refusal that names form fields (problem+json `errors[].path`, "/password") is shown on those
// fields, in the interface language, instead of as a list above the form: the user sees what to
// correct where they type it.
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts the server's field messages of `err` on the fields of `form` named in `fields`; true when
 * at least one was placed (the caller then shows no separate alert).
 */
export function placeServerFieldErrors<T>(
  form: FormInstance<T>,
  err: unknown,
  fields: readonly string[],
  pick: (text: string) => string,
): boolean {
  if (!(err instanceof ApiError)) return false;
  const named = (err.problem.errors ?? [])
    .map((e) => ({ name: e.path.replace(/^\//, '').split('/')[0] ?? '', errors: [pick(e.message)] }))
    .filter((e) => fields.includes(e.name));
  if (named.length === 0) return false;
  form.setFields(named as Parameters<FormInstance<T>['setFields']>[0]);
  return true;
}
