/**
 * The emulator's Skills API and Agent Status Reason API (Account Configuration, CSDS
 * `accountConfigReadOnly`), read-only. Pages (LivePersonInc/developer-center):
 * - administration-get-all-skills.html (`GET …/configuration/le-users/skills`), the entity in
 *   administration-skills-appendix.html (`canTransfer`, `skillTransferList`, `deleted`; `v`
 *   required; `include_deleted`; the revision in an `eTag` header);
 * - agent-status-reason-api-methods-agent-status-list.html (`GET …/configuration/le-agents/status-reasons`,
 *   `include_deleted`, `ac-revision`), the object in agent-status-reason-api-overview.html.
 * Our reading where they are silent: ids are numbers as in the examples; the skills are the
 * emulator agents' own (1 Sales, 2 Support) plus one that may only requeue (3) and one deleted (4);
 * Sales may transfer to Support only (its `skillTransferList`), Support to every skill (null).
 */

export const SKILLS_REVISION = '12';
export const STATUS_REASONS_REVISION = '5';

export const ACCOUNT_SKILLS = [
  { id: 1, name: 'Sales', description: 'Orders and offers', skillOrder: 1, maxWaitTime: 120, deleted: false, dateUpdated: '2026-11-02 09:12:44', canTransfer: true, skillTransferList: [2], lobIds: [] },
  { id: 2, name: 'Support', description: 'Help with orders', skillOrder: 2, maxWaitTime: 120, deleted: false, dateUpdated: '2026-11-02 09:13:02', canTransfer: true, skillTransferList: null, lobIds: [] },
  { id: 3, name: 'Escalations', description: 'Supervisors only', skillOrder: 3, maxWaitTime: 0, deleted: false, dateUpdated: '2026-11-02 09:14:30', canTransfer: false },
  { id: 4, name: 'Summer sale 2025', description: '', skillOrder: 4, maxWaitTime: 120, deleted: true, dateUpdated: '2025-09-01 18:00:00', canTransfer: true },
];

export const STATUS_REASONS = [
  { id: 725987312, text: 'Lunch', state: 'Away', enabled: true, deleted: false },
  { id: 725987412, text: 'Coffee', state: 'Away', enabled: true, deleted: false },
  { id: 725987512, text: 'Coaching', state: 'Away', enabled: true, deleted: false },
  { id: 725987612, text: 'Training (old)', state: 'Away', enabled: false, deleted: false },
  { id: 725987712, text: 'Back-office work', state: 'Occupied', enabled: true, deleted: false },
  { id: 725987812, text: 'Removed reason', state: 'Away', enabled: true, deleted: true },
];

export type AgentConfigAnswer = { status: number; body: unknown; headers: Record<string, string> } | { status: number; error: string };

/** `rest` is the path after `/api/account/{accountId}`; undefined for a resource this module does not serve. */
export function answerAgentConfig(rest: string, method: string, query: URLSearchParams): AgentConfigAnswer | undefined {
  const resource = rest.replace(/^\/configuration/, '');
  if (resource !== '/le-users/skills' && resource !== '/le-agents/status-reasons') return undefined;
  if (method !== 'GET') return { status: 405, error: `${method} is not served by this read-only emulator` };
  const version = query.get('v');
  if (!version || !Number.isFinite(Number(version))) return { status: 400, error: 'Missing or invalid API version (v)' };
  const withDeleted = query.get('include_deleted') === 'true';
  if (resource === '/le-users/skills') {
    return { status: 200, body: ACCOUNT_SKILLS.filter((s) => withDeleted || !s.deleted), headers: { eTag: SKILLS_REVISION } };
  }
  return { status: 200, body: STATUS_REASONS.filter((r) => withDeleted || !r.deleted), headers: { 'ac-revision': STATUS_REASONS_REVISION } };
}
