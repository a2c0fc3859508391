/**
 * OAuth 1.0 request signing (RFC 5849, HMAC-SHA1), as LivePerson's API keys use it: bots sign
 * every Chat Agent API request instead of carrying a bearer and the agent-session cookies.
 * WebCrypto only, so it runs in a service worker and in Node alike.
 */

export interface ApiKeys {
  appKey: string;
  secret: string;
  accessToken: string;
  accessTokenSecret: string;
}

/** RFC 3986 percent-encoding, which OAuth requires (stricter than encodeURIComponent). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The signature base string: method, base URL, and every query and oauth parameter, sorted. */
export function signatureBaseString(method: string, url: string, oauthParams: Record<string, string>): string {
  const parsed = new URL(url);
  const pairs: Array<[string, string]> = [...parsed.searchParams.entries(), ...Object.entries(oauthParams)].map(([k, v]) => [percentEncode(k), percentEncode(v)]);
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const normalized = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  return [method.toUpperCase(), percentEncode(baseUrlOf(parsed)), percentEncode(normalized)].join('&');
}

function baseUrlOf(url: URL): string {
  // Scheme and host in lower case, default ports dropped (URL does that), path as is.
  return `${url.protocol.toLowerCase()}//${url.host.toLowerCase()}${url.pathname}`;
}

async function hmacSha1Base64(key: string, text: string): Promise<string> {
  const encoder = new TextEncoder();
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(text)));
  let binary = '';
  for (const byte of signature) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export async function oauthSignature(method: string, url: string, oauthParams: Record<string, string>, keys: ApiKeys): Promise<string> {
  const key = `${percentEncode(keys.secret)}&${percentEncode(keys.accessTokenSecret)}`;
  return hmacSha1Base64(key, signatureBaseString(method, url, oauthParams));
}

/** The `Authorization: OAuth …` header for one request. */
export async function oauthHeader(method: string, url: string, keys: ApiKeys, now = Date.now(), nonce = crypto.randomUUID()): Promise<string> {
  const params: Record<string, string> = {
    oauth_consumer_key: keys.appKey,
    oauth_nonce: nonce,
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(Math.floor(now / 1000)),
    oauth_token: keys.accessToken,
    oauth_version: '1.0',
  };
  const signature = await oauthSignature(method, url, params, keys);
  const all = { ...params, oauth_signature: signature };
  return `OAuth ${Object.entries(all)
    .map(([k, v]) => `${k}="${percentEncode(v)}"`)
    .join(', ')}`;
}
