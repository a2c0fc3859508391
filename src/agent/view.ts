/** Derives the redacted `AgentView` from the background state: no token, csrf or URL leaves here. */
import type { AgentView, ChatView, LineView } from '../messaging/view';
import type { AgentState, StoredChat } from './state';
import { LOGIN_REFRESH_EVERY_MS } from './timing';

export function toView(state: AgentState, version: number): AgentView {
  const connection = state.connection;
  return {
    version,
    auth: connection
      ? { status: 'signed-in', accountId: connection.accountId, agentName: connection.agentName, kind: connection.apiKeys ? 'bot' : 'agent' }
      : { status: state.signingIn ? 'signing-in' : 'signed-out', reason: state.signedOutReason },
    agent: connection ? state.profile : undefined,
    availability: connection ? state.availability : null,
    ringing: { count: state.ringing.count, since: state.ringing.since },
    chats: state.chats.map((chat) => chatView(chat, connection?.agentName ?? 'You')),
    health: {
      lastPollAt: state.health.lastPollAt,
      problem: state.health.problem,
      ...(connection ? { nextLoginRefreshAt: connection.refreshedAt + LOGIN_REFRESH_EVERY_MS } : {}),
    },
    presence: { draining: !!(connection && state.presence?.draining), awayNotice: state.presence?.awayNotice },
  };
}

function chatView(chat: StoredChat, agentName: string): ChatView {
  const queued: LineView[] = chat.outbox.map((entry) => ({
    id: `pending:${entry.localId}`,
    source: 'agent',
    by: agentName,
    text: entry.text,
    textType: 'plain',
    time: '',
    delivery: entry.status === 'failed' ? 'failed' : 'pending',
    ...(entry.problem ? { problem: entry.problem } : {}),
    ...(entry.private ? { private: true } : {}),
  }));
  return {
    id: chat.id,
    state: chat.state,
    visitorName: chat.visitorName,
    startTime: chat.startTime,
    visitorId: chat.visitorId,
    chatTimeout: chat.chatTimeout,
    visitorTyping: chat.visitorTyping,
    visitor: chat.visitor,
    ...(chat.draft ? { draft: chat.draft } : {}),
    agentSurvey: chat.surveySubmitted ? 'submitted' : chat.links['agent-survey'] ? 'pending' : 'none',
    lines: queued.length ? [...chat.lines, ...queued] : chat.lines,
  };
}
