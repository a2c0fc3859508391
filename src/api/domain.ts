/** Domain API (CSDS): which host serves a LivePerson service for an account. */
import { z } from 'zod';
import type { Http } from './http';
import { listOf } from './quirks';
import type { Result } from './types';

const baseUriSchema = z.object({ service: z.string().optional(), baseURI: z.string() });

// The one-service form answers `{service, account, baseURI}`; one current doc page prints the
// `baseURIs` list under the same URL (§9.6). Accept both.
const domainResponseSchema = z.union([baseUriSchema, z.object({ baseURIs: listOf(baseUriSchema) })]);

/**
 * CSDS answers a bare host. Our reading: it is to be reached with the scheme CSDS itself was
 * reached with — `https` for LivePerson's `https://api.liveperson.net`; the same rule lets a
 * sandbox on plain loopback HTTP work without the client knowing about it.
 */
export function hostToOrigin(baseURI: string, csdsUrl: string): string {
  if (/^https?:\/\//i.test(baseURI)) return new URL(baseURI).origin;
  return `${new URL(csdsUrl).protocol}//${baseURI}`;
}

export async function lookupDomain(
  http: Http,
  p: { csdsUrl: string; accountId: string; service: string },
): Promise<Result<string>> {
  const url = `${p.csdsUrl.replace(/\/+$/, '')}/api/account/${encodeURIComponent(p.accountId)}/service/${encodeURIComponent(p.service)}/baseURI.json`;
  const result = await http.request({ url, query: { version: '1.0' }, schema: domainResponseSchema });
  if (!result.ok) {
    // CSDS answers 400/401 ("invalid site") for an account it does not know: say so, not "session".
    const status = result.error.status ?? 0;
    if (status >= 400 && status < 500 && status !== 429) {
      return { ok: false, error: { kind: 'http', status, url: result.error.url, message: `LivePerson does not know account ${p.accountId} (${status})` } };
    }
    return result;
  }
  const found =
    'baseURIs' in result.value ? result.value.baseURIs.find((b) => b.service === p.service)?.baseURI : result.value.baseURI;
  if (!found) {
    return { ok: false, error: { kind: 'bad-response', url, message: `The account has no ${p.service} service in the Domain API` } };
  }
  const origin = hostToOrigin(found, p.csdsUrl);
  // A CSDS answer naming a host that is not LivePerson's gets nothing: no login, no password.
  if (!http.allows(origin)) {
    return { ok: false, error: { kind: 'bad-response', url, message: `The Domain API named a host that is not LivePerson’s (${found}): refused` } };
  }
  return { ok: true, value: origin };
}
