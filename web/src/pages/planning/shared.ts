// What the plan list and the case page's planning card share: the colour of each plan state and
// the permission check the buttons follow (the server's matrix, bundled as it is).
import {
  type Access,
  departmentMay,
  ROUTE_PERMISSIONS,
  type RouteKey,
} from '../../../../src/auth/permissions';
import { useSession } from '../../session';
import type { PlanState } from './types';

export const STATE_COLOURS: Record<PlanState, string> = {
  planned: 'blue',
  in_progress: 'gold',
  done: 'green',
  overdue: 'red',
};

/** Whether the signed-in user passes the matrix row of `route` (the server decides the same way). */
export function useMay() {
  const { user } = useSession();
  return (route: RouteKey) =>
    user ? departmentMay(ROUTE_PERMISSIONS[route] as Access, user.department, user.deputyFor) : false;
}
