/** The view the background hands the UIs: times already as the agent reads them. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialState, type StoredChat } from '../../src/agent/state';
import { clockOf, skillOf, toView } from '../../src/agent/view';
import { Transcripts } from '../../src/conversation/messaging/transcript';
import { applyInfo } from '../../src/agent/chat-events';

const chat: StoredChat = {
  id: 'K1',
  chatUrl: 'https://lp.example/chat/K1',
  links: {},
  lastEventId: 2,
  state: 'chatting',
  visitorName: 'Dana',
  startTime: '2026-11-24T09:58:10Z',
  visitorTyping: false,
  lines: [
    { id: '1', source: 'visitor', by: 'Dana', text: 'Hi', textType: 'plain', time: '2026-11-24T10:00:00Z' },
    { id: '2', source: 'visitor', by: 'Dana', text: 'Still there?', textType: 'plain', time: 'not a time' },
  ],
  outbox: [{ localId: 'a1', text: 'On it', status: 'pending', attempts: 0 } as StoredChat['outbox'][number]],
};

const asThePageWould = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

describe('clockOf', () => {
  it('reads a time as the page would (locale and time zone), and an unreadable one as nothing', () => {
    expect(clockOf('2026-11-24T10:00:00Z')).toBe(asThePageWould('2026-11-24T10:00:00Z'));
    expect(clockOf('2026-11-24T10:00:59.999Z')).toBe(asThePageWould('2026-11-24T10:00:59.999Z'));
    expect(clockOf('2026-11-24T10:01:00Z')).toBe(asThePageWould('2026-11-24T10:01:00Z'));
    expect(clockOf('not a time')).toBe('');
    expect(clockOf('')).toBe('');
    expect(clockOf(undefined)).toBe('');
  });
});

describe('toView', () => {
  it('gives every line and the chat start their clock; a line still in the outbox has none yet', () => {
    const state = { ...initialState(), chats: [chat] };
    const [view] = toView(state, 1).chats;
    expect(view!.startClock).toBe(asThePageWould('2026-11-24T09:58:10Z'));
    expect(view!.lines.map((l) => [l.id, l.clock])).toEqual([
      ['1', asThePageWould('2026-11-24T10:00:00Z')],
      ['2', ''],
      ['pending:a1', ''],
    ]);
  });
});

describe('the chat’s skill', () => {
  const agentSkills = [
    { id: '1', name: 'Sales' },
    { id: '2', name: 'Support' },
  ];

  it('is what the protocol told, the name else from the agent’s own skills; LivePerson’s -1 is no skill', () => {
    expect(skillOf({ skillId: '25975313', skillName: 'Sales' })).toEqual({ id: '25975313', name: 'Sales' });
    expect(skillOf({ skillId: '2' }, agentSkills)).toEqual({ id: '2', name: 'Support' });
    expect(skillOf({ skillId: '9' }, agentSkills)).toEqual({ id: '9' });
    expect(skillOf({ skillName: 'Sales' })).toEqual({ name: 'Sales' });
    expect(skillOf({ skillId: '-1', skillName: 'Unassigned' }, agentSkills)).toBeUndefined();
    expect(skillOf({})).toBeUndefined();
  });

  it('reaches the view from the Chat Agent API’s chat info (skillName, skillId)', () => {
    const held: StoredChat = { ...chat, lines: [], outbox: [] };
    applyInfo(held, { skillName: 'Sales', skillId: '25975313', extra: {} });
    const [view] = toView({ ...initialState(), chats: [held] }, 1).chats;
    expect(view!.skill).toEqual({ id: '25975313', name: 'Sales' });
    const [plain] = toView({ ...initialState(), chats: [chat] }, 1).chats;
    expect(plain!.skill).toBeUndefined();
  });

  it('reaches the view from a Messaging conversation’s skill id, named from the agent’s skills', () => {
    const transcripts = new Transcripts();
    transcripts.addMeta({ type: 'UPSERT', conversation: { conversationId: 'c1', state: 'OPEN', skillId: '2', participants: [] } });
    const held: StoredChat = { ...chat, id: 'c1', lines: [], outbox: [] };
    applyInfo(held, transcripts.snapshot('c1', -1).info);
    const state = { ...initialState(), chats: [held], profile: { id: '1001', name: 'Alex', skills: agentSkills, maxChats: 4 } };
    expect(toView(state, 1).chats[0]!.skill).toEqual({ id: '2', name: 'Support' });
  });
});

describe('the panel on a CRM page', () => {
  // The first Intl formatter in a page loads its locale data: about 50 ms, a long task on the CRM page.
  it('never formats with Intl: the background does', () => {
    const root = join(__dirname, '../../src/ui');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    const panelSide = [...files(join(root, 'panel')), ...files(join(root, 'dock'))];
    const offenders = panelSide.filter((file) => /\btoLocale\w*String\(|\bIntl\./.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('read receipts in the view', () => {
  const lines: StoredChat['lines'] = [
    { id: '0', source: 'visitor', by: 'Dana', text: 'Hi', textType: 'plain', time: '2026-11-24T10:00:00Z' },
    { id: '1', source: 'agent', by: 'Alex', text: 'Hello', textType: 'plain', time: '2026-11-24T10:00:01Z' },
    { id: '2', source: 'agent', by: 'Alex', text: 'note', textType: 'plain', time: '2026-11-24T10:00:02Z', private: true },
    { id: '4', source: 'agent', by: 'Alex', text: 'Checking', textType: 'plain', time: '2026-11-24T10:00:04Z' },
  ];
  const viewOf = (visitorReadUpTo?: number) => toView({ ...initialState(), chats: [{ ...chat, outbox: [], lines, visitorReadUpTo }] }, 1).chats[0]!;

  it('marks the agent’s last line to the visitor that the receipts cover (never a private note, never a visitor line)', () => {
    expect(viewOf(undefined).visitorReadLineId).toBeUndefined();
    expect(viewOf(0).visitorReadLineId).toBeUndefined();
    expect(viewOf(1).visitorReadLineId).toBe('1');
    expect(viewOf(3).visitorReadLineId).toBe('1'); // the private note at 2 is not the visitor's to read
    expect(viewOf(4).visitorReadLineId).toBe('4');
    expect(viewOf(99).visitorReadLineId).toBe('4');
  });
});
