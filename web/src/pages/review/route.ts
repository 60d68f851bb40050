// Where a contract case lives in the web application: /contracts/<id or number>.

export function contractCasePath(idOrNumber: string): string {
  return `/contracts/${encodeURIComponent(idOrNumber)}`;
}

/** The case id of a /contracts/:id path, or null for any other path. */
export function caseIdOfPath(path: string): string | null {
  const m = /^\/contracts\/([^/]+)\/?$/.exec(path);
  return m ? decodeURIComponent(m[1]!) : null;
}
