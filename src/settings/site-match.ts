/**
 * Where the panel runs: matching a page's URL against site rules. No zod here, so the content
 * script can import it (it must stay small); the schemas live in ./site-rules.ts.
 *
 * A rule's `match` is either
 * - an origin, `https://crm.example.com` or `http://127.0.0.1:8091`: that origin exactly (port included), or
 * - a URL pattern, `https://*.zendesk.com/agent/*`: scheme `http`, `https` or `*`; host `*`, `*.domain`
 *   or a name; an optional port (none = any port); a path where `*` matches anything.
 * When several rules match a page, the most specific one wins (see `specificity`).
 */

export interface SitePattern {
  scheme: 'http' | 'https' | '*';
  /** Lower-case host, without a leading `*.` when `subdomains` is true; `*` for any host. */
  host: string;
  subdomains: boolean;
  /** `undefined` = any port. Origins pin it (the scheme's default when omitted). */
  port: string | undefined;
  /** Path pattern, `*` wildcards; `/*` for a bare origin. */
  path: string;
  isOrigin: boolean;
}

const PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?(\/.*)?$/i;

/**
 * A rule's `match` as a pattern; undefined when it is neither an origin nor a URL pattern. Without
 * the sentences of `parseSitePattern`: every CRM page loads the matching, never the explaining.
 */
export function sitePattern(match: string): SitePattern | undefined {
  const m = PATTERN.exec(match.trim());
  if (!m) return undefined;
  const [, scheme, rawHost, port, path] = m;
  const lowerScheme = scheme!.toLowerCase() as SitePattern['scheme'];
  const host = rawHost!.toLowerCase();
  const isOrigin = path === undefined || path === '' || path === '/';
  // An origin names one: a wildcard needs the pattern form, with a path.
  if (isOrigin && (lowerScheme === '*' || host.includes('*'))) return undefined;
  const subdomains = host.startsWith('*.');
  return {
    scheme: lowerScheme,
    host: subdomains ? host.slice(2) : host,
    subdomains,
    port: port ?? (isOrigin ? (lowerScheme === 'https' ? '443' : '80') : undefined),
    path: isOrigin ? '/*' : path!,
    isOrigin,
  };
}

/** Parses a rule's `match`; a sentence when it is neither an origin nor a URL pattern. */
export function parseSitePattern(match: string): SitePattern | string {
  const pattern = sitePattern(match);
  if (pattern) return pattern;
  if (!PATTERN.test(match.trim())) {
    return `"${match}" is not an origin (https://crm.example.com) or a URL pattern (https://*.example.com/app/*)`;
  }
  return `"${match}" has a wildcard: write it as a URL pattern with a path, e.g. ${match.replace(/\/$/, '')}/*`;
}

/**
 * Whether `text` matches `glob`, where `*` matches anything. Without a RegExp: every CRM page
 * matches its URL before the panel's first paint, and compiling two regular expressions there
 * cost more than this loop (`npm run bench`'s start-up).
 */
export function globMatches(glob: string, text: string): boolean {
  const parts = glob.split('*');
  const first = parts[0]!;
  if (parts.length === 1) return text === first;
  const last = parts[parts.length - 1]!;
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  // Each middle part at its leftmost place after the previous one: leaves the most room for the rest.
  let at = first.length;
  const end = text.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

export function patternMatchesUrl(pattern: SitePattern, url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const scheme = u.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return false;
  if (pattern.scheme !== '*' && pattern.scheme !== scheme) return false;
  const host = u.hostname.toLowerCase();
  if (pattern.host !== '*') {
    const sameHost = host === pattern.host;
    if (!sameHost && !(pattern.subdomains && host.endsWith(`.${pattern.host}`))) return false;
  }
  const port = u.port || (scheme === 'https' ? '443' : '80');
  if (pattern.port !== undefined && pattern.port !== port) return false;
  return globMatches(pattern.path, u.pathname + u.search);
}

/**
 * Higher is more specific: a named host beats a subdomain wildcard (longer domains beat shorter
 * ones), which beats `*`; then the longer literal path; then a pinned port; then a named scheme.
 */
export function specificity(pattern: SitePattern): number {
  const hostScore = pattern.host === '*' ? 0 : (pattern.subdomains ? 1000 : 100_000) + pattern.host.length * 10;
  const pathScore = Math.min(pattern.path.replaceAll('*', '').length, 9999);
  return hostScore * 1_000_000 + pathScore * 10 + (pattern.port !== undefined ? 2 : 0) + (pattern.scheme === '*' ? 0 : 1);
}

/** The rule that applies to `url`: the most specific match; on a tie, the later rule. */
export function effectiveRule<R extends { match: string }>(rules: readonly R[], url: string): R | undefined {
  let best: R | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    const pattern = sitePattern(rule.match);
    if (!pattern || !patternMatchesUrl(pattern, url)) continue;
    const score = specificity(pattern);
    if (score >= bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The host permission and content-script match pattern a rule needs: its whole host, any port.
 * The script is registered for the host and decides on each URL itself, so History API navigation
 * into or out of a rule's path shows or hides the panel without a reload.
 */
export function hostPatternOf(match: string): string | undefined {
  const pattern = sitePattern(match);
  if (!pattern) return undefined;
  const host = pattern.host === '*' ? '*' : pattern.subdomains ? `*.${pattern.host}` : pattern.host;
  return `${pattern.scheme}://${host}/*`;
}

/** The origin rule a user means by "this site": `https://crm.example.com` (port kept). */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}
