/**
 * The conversation service over LivePerson's Chat Agent API (REST, relation links), its Login
 * Service and the Domain API: each call of the seam (src/agent/conversation-service.ts) mapped to
 * the REST client (src/api/), with the link fallbacks LivePerson's URL shapes allow.
 */
import type { AgentApi, AgentAuth, LivePersonClient } from '../../api/types';
import type { ConversationService } from '../../agent/conversation-service';
import type { Connection, StoredChat } from '../../agent/state';
import { openConnection } from './sign-in';

/** Bots sign their requests with their API keys; agents carry the bearer (and the cookies). */
export function agentAuth(connection: Connection): AgentAuth {
  // Pinned to the account's agentVep origin (src/api/types.ts AgentAuth).
  return { ...(connection.apiKeys ? { apiKeys: connection.apiKeys } : { bearer: connection.bearer }), origin: connection.origin };
}

const eventsUrl = (chat: StoredChat): string => chat.links.events ?? `${chat.chatUrl}/events`;
const transferUrl = (chat: StoredChat): string => chat.links.transfer ?? `${chat.chatUrl}/transfer`;
const surveyUrl = (chat: StoredChat): string => chat.links['agent-survey'] ?? `${chat.chatUrl}/survey`;

export function chatAgentApiService(client: LivePersonClient): ConversationService {
  const agent = (connection: Connection): AgentApi => client.agent(agentAuth(connection));
  const address = (connection: Connection) => ({ origin: connection.origin, accountId: connection.accountId, csrf: connection.csrf });
  return {
    signIn: (request, now) => openConnection(client, request, now),
    // The Chat Agent API has no call to end an agent session; logging out ends the login and,
    // with it, the agent session on LivePerson's side.
    signOut: (connection) => client.login.logout(address(connection)),
    keepSignedIn: (connection) => client.login.refresh(address(connection)),
    newSession: async (connection) => {
      const session = await agent(connection).startSession({ origin: connection.origin, accountId: connection.accountId });
      return session.ok ? { ok: true, value: session.value.sessionUrl } : session;
    },
    sessionAlive: async (connection, session) => {
      const links = await agent(connection).getSessionLinks(session);
      if (links.ok) return { ok: true, value: true };
      return links.error.kind === 'session-gone' ? { ok: true, value: false } : links;
    },
    heldChats: (connection) => agent(connection).getChatSessions(connection.sessionUrl),
    rehome: (chat, connection, ref) => {
      // Links into the old session are dead. Chats live under their session (`{session}/chat/{id}`);
      // where chatSessions says a chat is, that wins.
      chat.chatUrl = ref?.chatUrl ?? `${connection.sessionUrl}/chat/${encodeURIComponent(chat.id)}`;
      chat.links = {};
    },
    presence: async (connection) => {
      const availability = await agent(connection).getAvailability(connection.sessionUrl);
      return availability.ok ? { ok: true, value: availability.value.chat } : availability;
    },
    setPresence: async (connection, availability) =>
      availability === 'Back soon'
        ? { ok: false, error: { kind: 'http', status: 400, message: 'The Chat Agent API has no Back soon state: choose Away' } }
        : agent(connection).setAvailability(connection.sessionUrl, availability),
    incomingWork: async (connection) => {
      const incoming = await agent(connection).getIncoming(connection.sessionUrl);
      return incoming.ok ? { ok: true, value: { ringing: incoming.value.ringingCount, offer: incoming.value.acceptUrl } } : incoming;
    },
    accept: (connection, offer) => agent(connection).accept(offer),
    chat: (connection, ref) => agent(connection).getChat(ref.chatUrl),
    // A12: one request for every open chat.
    chatEvents: (connection, chats) =>
      agent(connection).getChats(
        connection.sessionUrl,
        chats.map((c) => ({ chatId: c.id, lastEventId: c.lastEventId })),
      ),
    sendLine: async (connection, chat, line) => {
      // A14: `textType` plain or html ("Iframes, scripts and DOM actions are not allowed"); `subType`
      // is optional and has one value, ONLY_TO_REP. The page's HTML example has no subType.
      const asHtml = !!line.html && !line.private;
      const posted = await agent(connection).addLine(eventsUrl(chat), {
        text: asHtml ? line.html! : line.text,
        textType: asHtml ? 'html' : 'plain',
        ...(line.private ? { subType: 'ONLY_TO_REP' as const } : {}),
      });
      return posted.ok ? { ok: true, value: { eventId: posted.value.eventId, ...(asHtml ? { asHtml } : {}) } } : posted;
    },
    setTyping: (connection, chat, typing) => agent(connection).setAgentTyping(chat.links['agent-typing'] ?? `${chat.chatUrl}/info/agentTyping`, typing),
    transferTargets: (connection, chat) => agent(connection).getTransferOptions(transferUrl(chat)),
    transfer: (connection, chat, target) => agent(connection).transfer(transferUrl(chat), target),
    end: (connection, chat) => agent(connection).endChat(eventsUrl(chat)),
    survey: (connection, chat) => agent(connection).getAgentSurvey(surveyUrl(chat)),
    submitSurvey: (connection, chat, surveyId, answers) => agent(connection).submitAgentSurvey(surveyUrl(chat), surveyId, answers),
    visit: async (connection, chat) => {
      const visitUrl = chat.links['visit-id'];
      return visitUrl ? agent(connection).getVisit(visitUrl) : undefined;
    },
    visitorIdentity: (connection, participantId) => agent(connection).getParticipantInfo(connection.sessionUrl, participantId),
    freeSlots: (connection, filter) => agent(connection).getAvailableSlots(connection.sessionUrl, filter),
    colleagues: (connection, filter) => agent(connection).getAvailableAgents(connection.sessionUrl, filter),
  };
}
