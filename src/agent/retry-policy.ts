/**
 * LivePerson's Retry Policy, applied to the poll loop: 4xx is not retried as such (the cause is
 * handled: re-login, new session), 429 waits at least 1 s or `Retry-After`, 5xx and network
 * failures back off 5, 10, 15 s, then every 2 minutes. Jitter spreads many agents' retries apart.
 */
import { MAX_RETRY_AFTER_MS } from './timing';
import type { ApiError } from './conversation-service';

const SERVER_ERROR_DELAYS_MS = [5_000, 10_000, 15_000];
/** After the three: the poll loop's slow retry (a line is never retried this late: ./outbox.ts). */
export const SLOW_RETRY_MS = 120_000;
const MIN_RATE_LIMIT_MS = 1_000;
/** ±10 %. */
export const RETRY_JITTER = 0.1;

export function retryDelay(error: ApiError, consecutiveFailures: number, random: () => number = Math.random): number {
  // Retry-After comes from the network: at most 10 minutes (src/api/http.ts clamps it too).
  if (error.kind === 'rate-limited') return Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RATE_LIMIT_MS, error.retryAfterMs ?? 0));
  const base = SERVER_ERROR_DELAYS_MS[consecutiveFailures - 1] ?? SLOW_RETRY_MS;
  return Math.round(base * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()));
}

/** Worth trying again by itself: the network, a 5xx, or a rate limit. 4xx needs a fix, not a retry. */
export function isTransient(error: ApiError): boolean {
  if (error.kind === 'network' || error.kind === 'rate-limited') return true;
  return error.kind === 'http' && (error.status ?? 0) >= 500;
}

/** No answer or a server error: LivePerson may have applied the request before it failed. */
export function mayHaveBeenApplied(error: ApiError): boolean {
  return error.kind === 'network' || (error.kind === 'http' && (error.status ?? 0) >= 500);
}
