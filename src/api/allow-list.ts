/**
 * Where anything that carries the agent's credentials may go: LivePerson's own https hosts, and
 * nothing else. LivePerson documents its domains as `.liveperson.net`, `.liveperson.com`,
 * `.lprnd.net` and `.lpsnmedia.net` ("Whitelist your domains",
 * https://knowledge.liveperson.com/security-regulations-security-whitelist-your-domains-for-lp-monitoring.html).
 * The Domain API (CSDS, `api.liveperson.net`) answers hosts under these (e.g.
 * `va.agentvep.liveperson.net`); an answer naming any other host is refused, not followed.
 *
 * Loopback (`http://127.0.0.1`, `http://localhost`) is allowed only when the caller opts in
 * explicitly: the sandbox and test builds, never a store build (wxt.config.ts, entrypoints/background.ts).
 */

/** LivePerson's registrable domains: a host is LivePerson's when it is one of these or under one. */
export const LIVEPERSON_DOMAINS = ['liveperson.net', 'liveperson.com', 'lprnd.net', 'lpsnmedia.net'] as const;

/** The same list as match patterns, for the manifest's host permissions and the pages' `connect-src`. */
export const LIVEPERSON_HOST_PATTERNS = LIVEPERSON_DOMAINS.flatMap((d) => [`https://${d}/*`, `https://*.${d}/*`]);
/** The sandbox build's extra hosts (the local emulator): match patterns and CSP sources. */
export const LOOPBACK_HOST_PATTERNS = ['http://127.0.0.1/*', 'http://localhost/*'];
export const LOOPBACK_CSP_SOURCES = ['http://127.0.0.1:*', 'http://localhost:*'];
/** CSP sources for LivePerson Messaging's socket (wss only), and the sandbox emulator's (ws on loopback). */
export const LIVEPERSON_WSS_SOURCES = LIVEPERSON_DOMAINS.flatMap((d) => [`wss://${d}`, `wss://*.${d}`]);
export const LOOPBACK_WS_SOURCES = ['ws://127.0.0.1:*', 'ws://localhost:*'];

export interface AllowList {
  /** Whether loopback http hosts are allowed (sandbox and tests only). */
  allowLoopback?: boolean;
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export function isLivePersonHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return LIVEPERSON_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`));
}

/**
 * Whether `url` may receive the agent's credentials: https on LivePerson's default port, or (opted
 * in) loopback over http or https. No user info in the URL, nothing else.
 */
export function isAllowedUrl(url: string, allow: AllowList = {}): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (allow.allowLoopback && isLoopbackHost(parsed.hostname) && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) return true;
  return parsed.protocol === 'https:' && parsed.port === '' && isLivePersonHost(parsed.hostname);
}

/** The sentence a refused host becomes (shown to the agent). */
export function refusedHostMessage(url: string): string {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep what was given
  }
  return `Refused to contact ${host}: Agent Dock only talks to LivePerson’s own https hosts.`;
}
