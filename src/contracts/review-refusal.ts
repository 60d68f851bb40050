// A refusal of the review workflow, raised by the repository so adapters answer it as problem+json
// with the refusal's own code, status and texts from the one catalogue (src/shared/errors.ts).

import type { Refusal } from '../review/refusals.js';
import { AppError } from '../shared/errors.js';

export function refusalError(
  refusal: Pick<Refusal, 'code' | 'message' | 'departments' | 'internal'>,
): AppError {
  return new AppError(
    refusal.code,
    refusal.message,
    {
      // Clients written when refusals came as a generic code matched on `reason`; same value as `code`.
      reason: refusal.code,
      ...(refusal.departments ? { departments: refusal.departments } : {}),
    },
    refusal.internal === undefined ? undefined : { cause: refusal.internal },
  );
}
