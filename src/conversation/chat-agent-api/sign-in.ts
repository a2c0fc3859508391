/**
 * Signing in over the Chat Agent API: the account's host from CSDS, the Login Service (password,
 * or API keys for bots), a new agent session, then who the agent is, their availability and the
 * chats they already hold.
 */
import type { ChatSnapshot, LivePersonClient } from '../../api/types';
import type { OpenedConnection, SignInRequest } from '../../agent/conversation-service';
import { explain } from '../../agent/command-result';
import type { Connection } from '../../agent/state';
import type { AgentProfile } from '../../messaging/view';
import { connectionFromLogin, logIn } from '../log-in';

export async function openConnection(
  client: LivePersonClient,
  input: SignInRequest,
  now: number,
): Promise<{ ok: true; value: OpenedConnection } | { ok: false; error: string }> {
  const loggedIn = await logIn(client, input);
  if (!loggedIn.ok) return loggedIn;
  const { origin, login, apiKeys } = loggedIn.value;
  const agentOrigin = login.serviceOrigins.agentVep ?? origin;
  const agent = client.agent({ ...(apiKeys ? { apiKeys } : { bearer: login.bearer }), origin: agentOrigin });
  const session = await agent.startSession({ origin: agentOrigin, accountId: input.accountId });
  if (!session.ok) return { ok: false, error: explain('Signed in, but the agent session could not start', session.error) };
  const sessionUrl = session.value.sessionUrl;
  const [info, availability, held] = await Promise.all([
    agent.getInfo(sessionUrl),
    agent.getAvailability(sessionUrl),
    agent.getChatSessions(sessionUrl),
  ]);
  const connection: Connection = {
    ...connectionFromLogin(input, loggedIn.value, now),
    origin: agentOrigin,
    ...(apiKeys ? { apiKeys } : {}),
    agentName: info.ok ? info.value.nickname || info.value.name : login.loginName,
    sessionUrl,
  };
  // Continuity: chats this agent already holds (another device, a lost worker) come back.
  const chats: ChatSnapshot[] = [];
  if (held.ok) {
    for (const ref of held.value) {
      const chat = await agent.getChat(ref.chatUrl);
      if (chat.ok) chats.push(chat.value);
    }
  }
  const profile: AgentProfile | undefined = info.ok
    ? { id: info.value.id, name: connection.agentName, skills: info.value.skills, maxChats: info.value.maxChats }
    : undefined;
  return { ok: true, value: { connection, profile, availability: availability.ok ? availability.value.chat : 'Offline', chats } };
}
