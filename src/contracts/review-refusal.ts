// A refusal of the review workflow, raised by the repository so adapters answer it as problem+json
// (status and Chinese-first message from src/review/refusals.ts, the stable refusal code in `reason`).

import type { Refusal } from '../review/refusals.js';
import { REFUSALS } from '../review/refusals.js';
import { AppError, type ErrorCode } from '../shared/errors.js';

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'REVIEW_POLICY_UNMET',
  500: 'INTERNAL',
};

export function refusalError(refusal: Pick<Refusal, 'code' | 'message' | 'departments'>): AppError {
  const status = REFUSALS[refusal.code].status;
  return new AppError(CODE_OF_STATUS[status] ?? 'CONFLICT', `${refusal.message.zh} / ${refusal.message.en}`, {
    reason: refusal.code,
    ...(refusal.departments ? { departments: refusal.departments } : {}),
  });
}
