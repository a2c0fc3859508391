/** What the alerts show: badge text and colour, when a ring is new, the ring notification's text; the keyboard commands. */
import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeFor, isNewRing, ringMessage } from '../../src/agent/alerts';
import { runCommand, type CommandTarget } from '../../src/agent/commands';
import { emptyView, type AgentView, type ChatView } from '../../src/messaging/view';

const chat = (id: string, state: string): ChatView => ({ id, state, visitorName: 'V', visitorTyping: false, lines: [] });
const signedIn = (extra: Partial<AgentView> = {}): AgentView => ({
  ...emptyView,
  auth: { status: 'signed-in', agentName: 'Alex', accountId: '1' },
  availability: 'Online',
  ...extra,
});

describe('badge', () => {
  it('shows the ringing count in the alert colour first, then an unhealthy mark, then open chats', () => {
    expect(badgeFor(emptyView)).toMatchObject({ text: '' });
    expect(badgeFor(signedIn())).toMatchObject({ text: '', color: BADGE_COLORS.chats });
    expect(badgeFor(signedIn({ chats: [chat('1', 'chatting'), chat('2', 'ended')] }))).toMatchObject({ text: '1', color: BADGE_COLORS.chats });
    const unhealthy = signedIn({ chats: [chat('1', 'chatting')], health: { problem: 'LivePerson is not answering' } });
    expect(badgeFor(unhealthy)).toMatchObject({ text: '!', color: BADGE_COLORS.unhealthy });
    expect(badgeFor(unhealthy).title).toContain('LivePerson is not answering');
    expect(badgeFor({ ...unhealthy, ringing: { count: 2, since: 1 } })).toMatchObject({ text: '2', color: BADGE_COLORS.ringing });
  });
});

describe('rings', () => {
  it('tells a new ring from the same one polled again', () => {
    expect(isNewRing(undefined, { count: 1, since: 5 })).toBe(true);
    expect(isNewRing({ count: 0 }, { count: 1, since: 5 })).toBe(true);
    expect(isNewRing({ count: 1, since: 5 }, { count: 1, since: 5 })).toBe(false);
    expect(isNewRing({ count: 1, since: 5 }, { count: 2, since: 5 })).toBe(true);
    expect(isNewRing({ count: 2, since: 5 }, { count: 1, since: 5 })).toBe(false);
    expect(isNewRing({ count: 1, since: 5 }, { count: 0 })).toBe(false);
  });

  it('counts the 20 seconds down in the notification', () => {
    expect(ringMessage(signedIn({ ringing: { count: 1, since: 1_000 } }), 6_000)).toBe('A chat is ringing. Accept within 15 s or LivePerson sets you Away.');
    expect(ringMessage(signedIn({ ringing: { count: 2, since: 1_000 } }), 60_000)).toBe('2 chats are ringing. Accept within 0 s or LivePerson sets you Away.');
  });
});

describe('keyboard commands', () => {
  function target(availability: string | null) {
    const calls: string[] = [];
    const t: CommandTarget = {
      view: () => signedIn({ availability }),
      setAvailability: async (state) => (calls.push(`set ${state}`), { ok: true }),
      acceptChat: async () => (calls.push('accept'), { ok: true }),
      focusPanel: async () => void calls.push('focus'),
    };
    return { t, calls };
  }

  it('toggles Online and Away, accepts and shows the chat, focuses the panel', async () => {
    const online = target('Online');
    await runCommand('toggle-availability', online.t);
    expect(online.calls).toEqual(['set Away']);
    const occupied = target('Occupied');
    await runCommand('toggle-availability', occupied.t);
    expect(occupied.calls).toEqual(['set Online']);
    const ringing = target('Online');
    await runCommand('accept-chat', ringing.t);
    await runCommand('focus-panel', ringing.t);
    expect(ringing.calls).toEqual(['accept', 'focus', 'focus']);
    expect(await runCommand('format-disk', ringing.t)).toEqual({ ok: false, message: 'Unknown command format-disk' });
  });
});
