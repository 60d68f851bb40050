// The one way the web application talks to the server: JSON over fetch with the session cookie.
// Every failure becomes an ApiError carrying the server's problem+json, so pages show the
// server's own message, in the interface language, instead of inventing one.

export interface FieldError {
  in: string;
  path: string;
  message: string;
}

/** A server text in both languages (src/shared/errors.ts `Bilingual`). */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface Problem {
  type?: string;
  /** `message` and `detailMessage` joined "中文 / English", for generic clients. */
  title: string;
  status: number;
  detail?: string;
  code?: string;
  /** What `code` means, in both languages. */
  message?: Bilingual;
  /** The specific explanation, in both languages. */
  detailMessage?: Bilingual;
  /** On a server fault: the id under which the server logged the cause. */
  requestId?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

const NETWORK_MESSAGE: Bilingual = { zh: '无法连接服务器', en: 'Cannot reach the server' };
const NETWORK_DETAIL: Bilingual = {
  zh: '请检查网络连接或确认识需服务正在运行，然后重试。',
  en: 'Check the network or that Shixu is running, then retry.',
};
const NETWORK_PROBLEM: Problem = {
  title: `${NETWORK_MESSAGE.zh} / ${NETWORK_MESSAGE.en}`,
  detail: `${NETWORK_DETAIL.zh} / ${NETWORK_DETAIL.en}`,
  status: 0,
  code: 'NETWORK',
  message: NETWORK_MESSAGE,
  detailMessage: NETWORK_DETAIL,
};

/** Called when any request answers 401, so the application can return to the sign-in page. */
let onUnauthenticated: (() => void) | undefined;
export function setUnauthenticatedHandler(fn: (() => void) | undefined): void {
  onUnauthenticated = fn;
}

async function problemOf(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      if (typeof body.title === 'string') return { ...body, title: body.title, status: res.status };
    } catch {
      // fall through to the generic problem below
    }
  }
  // Not a problem+json (a proxy's error page): the status is all there is to say.
  const message = { zh: `服务器返回错误 ${res.status}`, en: `Server answered ${res.status}` };
  return {
    title: `${message.zh} / ${message.en}`,
    detail: res.statusText || undefined,
    status: res.status,
    message,
  };
}

export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError(NETWORK_PROBLEM);
  }
  if (!res.ok) {
    const problem = await problemOf(res);
    if (res.status === 401 && !url.startsWith('/api/auth/login')) onUnauthenticated?.();
    throw new ApiError(problem);
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
};

/** Query string from defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** True when the server has no such route yet (an API another feature has not shipped). */
export function isMissingRoute(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404 && err.code === 'NOT_FOUND';
}
