/** Derives the redacted `AgentView` from the background state: no token, csrf or URL leaves here. */
import type { AgentView, ChatView, LineView } from '../messaging/view';
import type { AgentState, StoredChat } from './state';
import { LOGIN_REFRESH_EVERY_MS } from './timing';

const MINUTE_MS = 60_000;
let timeFormat: Intl.DateTimeFormat | undefined;
/** Labels by minute: the views of a shift need a few hundred. Bounded, so memory stays flat. */
const clockByMinute = new Map<number, string>();

/** An ISO time as the agent reads it, in the browser's locale and time zone; '' when unreadable. */
export function clockOf(time: string | undefined): string {
  const at = time ? Date.parse(time) : Number.NaN;
  if (Number.isNaN(at)) return '';
  const minute = Math.floor(at / MINUTE_MS);
  let label = clockByMinute.get(minute);
  if (label === undefined) {
    timeFormat ??= new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });
    label = timeFormat.format(at);
    if (clockByMinute.size >= 2000) clockByMinute.clear();
    clockByMinute.set(minute, label);
  }
  return label;
}

export function toView(state: AgentState, version: number): AgentView {
  const connection = state.connection;
  return {
    version,
    auth: connection
      ? { status: 'signed-in', accountId: connection.accountId, agentName: connection.agentName, kind: connection.apiKeys ? 'bot' : 'agent', ...(connection.protocol === 'messaging' ? { protocol: 'messaging' as const } : {}) }
      : { status: state.signingIn ? 'signing-in' : 'signed-out', reason: state.signedOutReason },
    agent: connection ? state.profile : undefined,
    availability: connection ? state.availability : null,
    ringing: { count: state.ringing.count, since: state.ringing.since },
    chats: state.chats.map((chat) => chatView(chat, connection?.agentName ?? 'You', state.profile?.skills)),
    health: {
      lastPollAt: state.health.lastPollAt,
      problem: state.health.problem,
      ...(connection ? { nextLoginRefreshAt: connection.refreshedAt + LOGIN_REFRESH_EVERY_MS } : {}),
    },
    presence: { draining: !!(connection && state.presence?.draining), awayNotice: state.presence?.awayNotice },
  };
}

/** LivePerson's "no skill" (Messaging routing, Engagement History's "Unassigned"). */
const NO_SKILL = '-1';

/** The chat's skill for the view: the name the protocol sent, else the agent's own skill of that id. */
export function skillOf(chat: Pick<StoredChat, 'skillId' | 'skillName'>, agentSkills: ReadonlyArray<{ id: string; name: string }> = []): ChatView['skill'] {
  if (chat.skillId === NO_SKILL) return undefined;
  const id = chat.skillId || undefined;
  const name = chat.skillName || (id ? agentSkills.find((s) => s.id === id)?.name : undefined);
  if (!id && !name) return undefined;
  return { ...(id ? { id } : {}), ...(name ? { name } : {}) };
}

function chatView(chat: StoredChat, agentName: string, agentSkills?: ReadonlyArray<{ id: string; name: string }>): ChatView {
  const skill = skillOf(chat, agentSkills);
  const queued: LineView[] = chat.outbox.map((entry) => ({
    id: `pending:${entry.localId}`,
    source: 'agent',
    by: agentName,
    text: entry.text,
    textType: 'plain',
    time: '',
    clock: '',
    delivery: entry.status === 'failed' ? 'failed' : 'pending',
    ...(entry.problem ? { problem: entry.problem } : {}),
    ...(entry.private ? { private: true } : {}),
  }));
  return {
    id: chat.id,
    state: chat.state,
    visitorName: chat.visitorName,
    startTime: chat.startTime,
    ...(chat.startTime ? { startClock: clockOf(chat.startTime) } : {}),
    visitorId: chat.visitorId,
    chatTimeout: chat.chatTimeout,
    ...(skill ? { skill } : {}),
    visitorTyping: chat.visitorTyping,
    ...readLine(chat),
    visitor: chat.visitor,
    ...(chat.draft ? { draft: chat.draft } : {}),
    agentSurvey: chat.surveySubmitted ? 'submitted' : chat.links['agent-survey'] ? 'pending' : 'none',
    lines: [...chat.lines.map((line) => ({ ...line, clock: clockOf(line.time) })), ...queued],
  };
}

/** The agent's last line (to the visitor, delivered) that the visitor's read receipts cover. */
function readLine(chat: StoredChat): { visitorReadLineId?: string } {
  const upTo = chat.visitorReadUpTo;
  if (upTo === undefined) return {};
  const line = chat.lines.findLast((l) => l.source === 'agent' && !l.private && Number(l.id) <= upTo);
  return line ? { visitorReadLineId: line.id } : {};
}
