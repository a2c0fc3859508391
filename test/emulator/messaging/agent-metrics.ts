/**
 * The emulator's Agent Metrics API, Agent Status (developers.liveperson.com
 * agent-metrics-api-methods-agent-status.html; CSDS `msgHist`, agent-metrics-api-overview.html):
 * `POST /messaging_history/api/account/{accountID}/agent-view/status` with a filter body (`status`,
 * `agentIds`, `skillIds`, `agentGroupIds`, `agentPresence`, `connectionStates`), answering
 * `{_metadata, accountID, agentStatusRecords: [...]}` with the page's field names and types (ids
 * and counts as the example sends them).
 * Our reading where the page is silent: "logged in" agents are those with a Messaging socket
 * subscribed to routing; `Status` is matched case-insensitively and also read as `status` (the
 * example clients send lower case); the overview asks for API keys, the Messaging agents list of
 * LivePerson's own workspace uses it with the agent's login — the server accepts both.
 */
import { STATUS_REASONS } from '../agent-config';
import type { MessagingStore } from './conversations';

type Filter = { status?: unknown; Status?: unknown; agentIds?: unknown; skillIds?: unknown };

const strings = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : undefined);

export function agentStatus(store: MessagingStore, filter: Filter, selfUrl: string) {
  const statuses = strings(filter.Status ?? filter.status)?.map((s) => s.toUpperCase());
  const agentIds = strings(filter.agentIds);
  const skillIds = strings(filter.skillIds);
  const now = Date.now();
  const records = [...store.agents.values()]
    .filter((a) => store.routable.has(a.userId))
    .filter((a) => !agentIds || agentIds.includes(a.userId))
    .filter((a) => !skillIds || a.skills.some((s) => skillIds.includes(s.id)))
    .map((a) => ({ agent: a, state: store.stateOf(a.userId) }))
    .filter(({ state }) => !statuses || statuses.includes(state.availability))
    .map(({ agent, state }) => {
      const pid = store.pidOf(agent.userId);
      const open = [...store.conversations.values()].filter((c) => c.state === 'OPEN' && c.participants.some((p) => p.id === pid && p.role === 'ASSIGNED_AGENT' && p.state === 'ACTIVE')).length;
      const reason = STATUS_REASONS.find((r) => r.text === state.description && state.description);
      return {
        agentId: agent.userId,
        lastUpdatedTimeL: now,
        currentStatusStartTimeL: now,
        agentName: agent.nickname,
        agentNickname: agent.nickname,
        agentLoginName: agent.loginName,
        agentSkills: agent.skills.map((s) => ({ skillId: s.id, skillName: s.name })),
        agentGroupId: -1,
        agentGroupName: 'Main Group',
        currentStatus: state.availability,
        currentStatusDuration: 0,
        ...(reason ? { currentStatusReason: String(reason.id) } : {}),
        load: agent.maxChats > 0 ? Math.round((open / agent.maxChats) * 100) : 0,
        ringingSlots: 0,
        configuredMaxSlots: agent.maxChats,
        busySlots: open,
        openAssignedConversations: open,
        intenseConversations: 0,
        agentPresence: 'true',
        currentConnectionState: 'CONNECTED',
      };
    });
  return {
    _metadata: { count: records.length, self: { rel: 'self', href: `${selfUrl}?limit=50&offset=0` }, shardsStatusResult: { partialResult: false } },
    accountID: store.opts.accountId,
    agentStatusRecords: records,
  };
}
