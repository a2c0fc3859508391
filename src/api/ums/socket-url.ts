/**
 * The agent socket's URL (docs/reference/messaging.md §2):
 * `wss://{asyncMessagingEnt host}/ws_api/account/{accountId}/messaging/brand/{bearer}?v=2`.
 * Browsers cannot set headers on a WebSocket, so the bearer travels in the path: the URL is a
 * secret, never logged (redactSocketUrl), and only ever built for a host CSDS named and the
 * caller's allow-list accepted.
 */
import type { Result } from '../types';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function umsAgentSocketUrl(p: {
  /** The asyncMessagingEnt origin from CSDS (`https://host`), already checked against the allow-list. */
  origin: string;
  accountId: string;
  bearer: string;
  /** The sandbox build only: plain `ws:` to a loopback host. */
  allowInsecureLoopback?: boolean;
  apiVersion?: string;
}): Result<string> {
  let origin: URL;
  try {
    origin = new URL(p.origin);
  } catch {
    return { ok: false, error: { kind: 'bad-response', message: 'The Messaging host from the Domain API is not a URL' } };
  }
  let scheme: 'wss:' | 'ws:';
  if (origin.protocol === 'https:' || origin.protocol === 'wss:') scheme = 'wss:';
  else if ((origin.protocol === 'http:' || origin.protocol === 'ws:') && p.allowInsecureLoopback && LOOPBACK.has(origin.hostname)) scheme = 'ws:';
  else return { ok: false, error: { kind: 'bad-response', message: `Refusing to send the bearer to ${origin.protocol}//${origin.host}: Messaging needs wss://` } };
  if (!/^[\w-]+$/.test(p.accountId)) return { ok: false, error: { kind: 'bad-response', message: 'Bad account id' } };
  const url = `${scheme}//${origin.host}/ws_api/account/${p.accountId}/messaging/brand/${encodeURIComponent(p.bearer)}?v=${p.apiVersion ?? '2'}`;
  return { ok: true, value: url };
}

/** The URL with its bearer replaced, for logs and error messages. */
export function redactSocketUrl(url: string): string {
  return url.replace(/(\/messaging\/brand\/)[^/?#]+/, '$1…');
}
