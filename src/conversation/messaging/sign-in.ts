/**
 * Signing in for Messaging: the same Login Service as the Chat Agent API (host from CSDS
 * `agentVep`), then the socket's host — CSDS `asyncMessagingEnt` (docs/reference/messaging.md §1),
 * from the login's service list or the Domain API — which must pass the host allow-list before
 * the bearer goes anywhere near it. No agent session: the socket is the session.
 */
import type { LivePersonClient } from '../../api/types';
import { isAllowedUrl, refusedHostMessage } from '../../api/allow-list';
import type { OpenedConnection, SignInRequest } from '../../agent/conversation-service';
import { explain } from '../../agent/command-result';
import type { Connection } from '../../agent/state';
import { connectionFromLogin, logIn } from '../log-in';

export const MESSAGING_SERVICE = 'asyncMessagingEnt';

export async function openMessagingConnection(
  client: LivePersonClient,
  input: SignInRequest,
  now: number,
  allow: { allowLoopback: boolean },
): Promise<{ ok: true; value: Omit<OpenedConnection, 'availability' | 'chats'> } | { ok: false; error: string }> {
  const loggedIn = await logIn(client, input);
  if (!loggedIn.ok) return loggedIn;
  const { origin, login } = loggedIn.value;
  let messagingOrigin = login.serviceOrigins[MESSAGING_SERVICE];
  if (!messagingOrigin) {
    const found = await client.domain.lookup({ csdsUrl: input.csdsUrl, accountId: input.accountId, service: MESSAGING_SERVICE });
    if (!found.ok) return { ok: false, error: explain('This account has no LivePerson Messaging service', found.error) };
    messagingOrigin = found.value;
  }
  // The bearer travels in the socket URL: only to a host the allow-list accepts.
  if (!isAllowedUrl(messagingOrigin, allow)) return { ok: false, error: refusedHostMessage(messagingOrigin) };
  const connection: Connection = {
    ...connectionFromLogin(input, loggedIn.value, now),
    origin: login.serviceOrigins.agentVep ?? origin,
    agentName: login.loginName,
    // The socket's host stands where the Chat Agent API keeps its session URL.
    sessionUrl: messagingOrigin,
    protocol: 'messaging',
  };
  return { ok: true, value: { connection, profile: { id: login.userId, name: login.loginName, skills: [], maxChats: -1 } } };
}
