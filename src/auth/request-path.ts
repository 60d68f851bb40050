// How a request path reads once every lenient layer has had its say. The router decodes
// percent-escapes before matching (so `/%61pi/contracts` matches `/api/contracts`), and proxies or
// clients may collapse slashes, fold case or drop trailing dots. The sign-in gate must never be
// weaker than the most lenient of them, so it reads the path this way when deciding whether a
// request is aimed at the API.

/** Decodes percent-escapes repeatedly (double-encoded `%2561` too); malformed escapes stay as they are. */
function decodeFully(path: string): string {
  let current = path;
  for (let i = 0; i < 4; i += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      next = current.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
    }
    if (next === current) break;
    current = next;
  }
  return current;
}

/**
 * The canonical form of a URL's path: decoded, lower-case, `\` read as `/`, empty, `.` and `..`
 * segments resolved, matrix parameters (`;x`) and trailing dots or spaces of a segment dropped.
 */
export function canonicalPath(url: string): string {
  const raw = url.split('?')[0] ?? '';
  const decoded = decodeFully(raw).replace(/\\/g, '/').toLowerCase();
  const out: string[] = [];
  for (const part of decoded.split('/')) {
    const trimmed = part.replace(/;.*$/, '').trim();
    if (trimmed === '..') {
      out.pop();
      continue;
    }
    const segment = trimmed.replace(/[.\s\0]+$/, '');
    if (segment !== '') out.push(segment);
  }
  return `/${out.join('/')}`;
}

/** True when any lenient reading of the path names the API (`/api` or below). */
export function isApiPath(url: string): boolean {
  const path = canonicalPath(url);
  return path === '/api' || path.startsWith('/api/');
}
