// The departments a person works in, from the server's own list: src/auth/roles.ts has no imports,
// so Vite bundles it. Admin is a role there, not a department that owns work or attends a meeting.
import { DEPARTMENTS } from '../../src/auth/roles';
import type { Department } from './api/types';

/** Every department a user may belong to, administrator included, in the organisation's order. */
export const ALL_DEPARTMENTS: readonly Department[] = DEPARTMENTS;

export const WORKING_DEPARTMENTS: readonly Department[] = DEPARTMENTS.filter((d) => d !== 'admin');
