/**
 * The one place that does HTTP to LivePerson. Every call returns a `Result`: failures become typed,
 * readable `ApiError` values, never exceptions. No retries here: the retry policy belongs to the
 * background's poll loop, which knows what is safe to repeat.
 */
import { createFetch, type $Fetch } from 'ofetch';
import type { z } from 'zod';
import { isAllowedUrl, refusedHostMessage, type AllowList } from './allow-list';
import { oauthHeader, type ApiKeys } from './oauth1';
import type { ApiError, Result } from './types';
import { MAX_RETRY_AFTER_MS } from '../agent/timing';

export interface HttpOptions extends AllowList {
  /** A fetch to use instead of the global one (tests pass one with a cookie jar). */
  fetch?: typeof globalThis.fetch;
  /** Per-request timeout; stays under 30 s, after which an MV3 worker may be stopped mid-fetch. */
  timeoutMs?: number;
}

export interface HttpRequest<T> {
  method?: 'GET' | 'POST' | 'PUT';
  url: string;
  /** Chat Agent API calls carry `?v=1&NC=true`; hrefs returned by the API do not, so we add it. */
  chatAgentApi?: boolean;
  query?: Record<string, string>;
  /** A bearer (agents) or API keys that sign the request (bots: no cookies needed or sent). */
  auth?: RequestAuth;
  /** Send and keep LivePerson's cookies (the Login Service's; bearer calls always do); CSDS and signed calls need none. */
  cookies?: boolean;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Called with a 2xx answer's headers (e.g. the Account Configuration API's `ac-revision`). */
  onHeaders?: (headers: Headers) => void;
}

export type RequestAuth = ({ bearer: string } | { apiKeys: ApiKeys }) & { origin?: string };

export interface Http {
  request<T>(req: HttpRequest<T>): Promise<Result<T>>;
  /** Whether `url` is on this client's allow-list (./allow-list.ts). */
  allows(url: string): boolean;
}

const NO_BODY = Symbol('no-body');
const BAD_JSON = Symbol('bad-json');

export function withQuery(url: string, query: Record<string, string>): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(query)) parsed.searchParams.set(key, value);
  return parsed.toString();
}

/** The URL without its query, for logs and messages. */
function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

export { MAX_RETRY_AFTER_MS };

export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const clamp = (ms: number) => Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
  if (Number.isFinite(seconds)) return clamp(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : clamp(date - Date.now());
}

/** LivePerson's error envelope: `{"error":{"message",…}}`. */
function serverMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
    if (typeof error === 'string') return error;
  }
  return undefined;
}

function statusError(status: number, url: string, body: unknown, retryAfter: string | null): ApiError {
  const said = serverMessage(body);
  const because = said ? `: ${said}` : '';
  if (status === 401)
    return { kind: 'auth-expired', status, url, message: `LivePerson refused the credentials (401)${because}` };
  if (status === 403 || status === 404)
    return { kind: 'session-gone', status, url, message: `LivePerson no longer knows this session or chat (${status})${because}` };
  if (status === 429)
    return {
      kind: 'rate-limited',
      status,
      url,
      retryAfterMs: retryAfterMs(retryAfter),
      message: `LivePerson asked to slow down (429)${because}`,
    };
  return { kind: 'http', status, url, message: `LivePerson answered ${status}${because}` };
}

export function createHttp(options: HttpOptions = {}): Http {
  const $fetch: $Fetch = createFetch({ fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)) });
  const timeout = options.timeoutMs ?? 20_000;

  return {
    allows: (url) => isAllowedUrl(url, options),
    async request<T>(req: HttpRequest<T>): Promise<Result<T>> {
      let url = req.url;
      const query = { ...req.query, ...(req.chatAgentApi ? { v: '1', NC: 'true' } : {}) };
      if (Object.keys(query).length) url = withQuery(url, query);
      const method = req.method ?? 'GET';
      const headers: Record<string, string> = { Accept: 'application/json' };
      const wireMethod = method === 'PUT' ? 'POST' : method;
      const signed = !!req.auth && 'apiKeys' in req.auth;
      if (req.auth && 'bearer' in req.auth) headers.Authorization = `Bearer ${req.auth.bearer}`;
      if (req.auth && 'apiKeys' in req.auth) headers.Authorization = await oauthHeader(wireMethod, url, req.auth.apiKeys);
      if (req.body !== undefined) headers['Content-Type'] = 'application/json';
      // LivePerson documents its updates as PUT tunnelled through POST.
      if (method === 'PUT') headers['X-HTTP-Method-Override'] = 'PUT';
      const logUrl = shortUrl(url);
      // The allow-list (./allow-list.ts): nothing, credentials or not, goes to another host.
      if (!isAllowedUrl(url, options)) {
        return { ok: false, error: { kind: 'bad-response', url: logUrl, message: refusedHostMessage(url) } };
      }
      // An agent's requests go to the host LivePerson named for this account, and only there.
      if (req.auth?.origin && new URL(url).origin !== new URL(req.auth.origin).origin) {
        return { ok: false, error: { kind: 'bad-response', url: logUrl, message: `${refusedHostMessage(url)} (this account is served by ${new URL(req.auth.origin).host})` } };
      }

      let response: Awaited<ReturnType<$Fetch['raw']>>;
      try {
        response = await $fetch.raw(url, {
          method: wireMethod,
          headers,
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          // The agent-session and login cookies ride in the browser's jar; CSDS and signed requests need none.
          credentials: (req.cookies || (req.auth && 'bearer' in req.auth)) && !signed ? 'include' : 'omit',
          // A redirect could carry the bearer or the password's POST elsewhere: LivePerson's APIs do
          // not redirect, so none is followed ('manual': not followed, but seen, and refused below).
          redirect: 'manual',
          retry: 0,
          timeout,
          ignoreResponseError: true,
          responseType: 'text',
        });
      } catch (error) {
        const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
        return { ok: false, error: { kind: 'network', url: logUrl, message: `Could not reach LivePerson (${cause})` } };
      }

      // A browser shows a redirect not followed as an opaque one (status 0); Node as the 3xx itself.
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        return { ok: false, error: { kind: 'bad-response', status: response.status, url: logUrl, message: `${new URL(url).host} answered with a redirect: Agent Dock does not follow redirects, so nothing was sent on` } };
      }
      const text = typeof response._data === 'string' ? response._data : '';
      let body: unknown = NO_BODY;
      if (text.trim()) {
        try {
          body = JSON.parse(text);
        } catch {
          body = BAD_JSON;
        }
      }
      if (response.status < 200 || response.status > 299) {
        return { ok: false, error: statusError(response.status, logUrl, body, response.headers.get('retry-after')) };
      }
      if (body === BAD_JSON) {
        return { ok: false, error: { kind: 'bad-response', status: response.status, url: logUrl, message: 'LivePerson sent a response that is not JSON' } };
      }
      const parsed = req.schema.safeParse(body === NO_BODY ? undefined : body);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
        return {
          ok: false,
          error: {
            kind: 'bad-response',
            status: response.status,
            url: logUrl,
            issues,
            message: `LivePerson sent an unexpected response (${issues[0] ?? 'shape'})`,
          },
        };
      }
      req.onHeaders?.(response.headers);
      return { ok: true, value: parsed.data };
    },
  };
}
