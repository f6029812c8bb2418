/**
 * The one way the studio talks to the API: same-origin fetch with the session cookie, the CSRF token on every state
 * change, and errors turned into ApiError with the server's stable code (docs/errors/<CODE>.md).
 */

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;

/** Set from /api/auth/login and /api/auth/me; sent as x-csrf-token on POST/PUT/PATCH/DELETE. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** JSON body (objects) or a FormData/Blob sent as is. */
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as Partial<ApiErrorBody>;
    if (parsed.error?.code) return new ApiError(response.status, parsed.error.code, parsed.error.message ?? response.statusText, parsed.error.details);
  } catch {
    // not JSON: fall through
  }
  return new ApiError(response.status, response.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', text.slice(0, 300) || `${response.status} ${response.statusText}`);
}

/** The raw response (for downloads, audio, ranges); throws ApiError on a non-2xx answer. */
export async function apiFetch(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData || options.body instanceof Blob) body = options.body;
  else if (typeof options.body === 'string') {
    body = options.body;
    headers['content-type'] ??= 'text/plain';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** JSON in, JSON out. 204 answers resolve to undefined. */
export async function api<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(method, path, options);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

export const get = <T>(path: string, signal?: AbortSignal) => api<T>('GET', path, signal ? { signal } : {});
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body === undefined ? {} : { body });
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body === undefined ? {} : { body });
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body === undefined ? {} : { body });
export const del = <T>(path: string) => api<T>('DELETE', path);

/** A readable sentence for any thrown value (shown in error banners). */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Server-sent events from the API (job progress). EventSource sends the session cookie on same-origin requests.
 * Returns a function that closes the stream.
 */
export function subscribe(path: string, onEvent: (type: string, data: unknown) => void, types: readonly string[] = ['message']): () => void {
  const source = new EventSource(path, { withCredentials: true });
  for (const type of types) {
    source.addEventListener(type, (event) => {
      const raw = (event as MessageEvent<string>).data;
      let data: unknown = raw;
      try {
        data = JSON.parse(raw);
      } catch {
        // plain text event
      }
      onEvent(type, data);
    });
  }
  return () => source.close();
}
