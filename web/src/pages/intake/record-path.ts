// The address of one intake record's result on the intake page: the record id in the query keeps the
// result across Back, reload and a shared link.
export function intakeRecordPath(id: string): string {
  return `/intake?record=${encodeURIComponent(id)}`;
}
