/** What the alerts show: badge text and colour, when a ring is new, the ring notification's text; the keyboard commands; the alerts applied on the fake browser. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Alerts, AWAY_NOTIFICATION_ID, BADGE_COLORS, badgeFor, isNewRing, RING_NOTIFICATION_ID, ringMessage } from '../../src/agent/alerts';
import type { RingPlayer } from '../../src/agent/ring-player';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../../src/settings/alerts';
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

describe('Alerts on the fake browser', () => {
  const RING = signedIn({ ringing: { count: 1, since: Date.now() } });

  function setup(settings: Partial<AlertSettings> = {}) {
    const played: string[] = [];
    const player: RingPlayer = {
      ring: async (volume) => void played.push(`ring ${volume}`),
      test: async (volume) => void played.push(`test ${volume}`),
      stop: async () => void played.push('stop'),
    };
    const alerts = new Alerts({
      settings: async () => ({ ...DEFAULT_ALERT_SETTINGS, ...settings }),
      player,
      acceptChat: async () => ({ ok: true }),
      focusPanel: async () => {},
      notificationButtons: true,
      log: { warn: () => {} },
    });
    /** Applies views in order, as the runtime pushes them. */
    const show = async (...views: AgentView[]) => {
      for (const view of views) await alerts.onView(view);
    };
    return { alerts, played, show };
  }

  beforeEach(() => fakeBrowser.reset());

  it('rings with sound and a notification with Accept, and stops both when the ring ends', async () => {
    const { played, show } = setup({ volume: 0.5 });
    await show(signedIn(), RING);
    expect(played).toEqual(['stop', 'ring 0.5']); // a worker start first silences any leftover ring
    expect(await fakeBrowser.notifications.getAll()).toHaveProperty(RING_NOTIFICATION_ID);
    await show(RING); // the same ring polled again: nothing new
    expect(played).toEqual(['stop', 'ring 0.5']);
    await show(signedIn({ chats: [chat('1', 'chatting')] }));
    expect(played.at(-1)).toBe('stop');
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('respects sound and notifications turned off', async () => {
    const { played, show } = setup({ sound: false, notifications: false });
    await show(signedIn(), RING);
    expect(played).toEqual(['stop']);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('tells the agent why they were set Away or signed out, once, and not for what a previous worker told', async () => {
    const { show } = setup();
    const notice = { reason: 'Your computer was locked, so Agent Dock set you Away.', at: 5 };
    await show(signedIn({ availability: 'Away', presence: { draining: false, awayNotice: notice } }));
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    const later = { reason: 'The last CRM tab with the Agent Dock panel was closed…', at: 9 };
    await show(signedIn({ availability: 'Away', presence: { draining: false, awayNotice: later } }));
    expect(await fakeBrowser.notifications.getAll()).toHaveProperty(AWAY_NOTIFICATION_ID);
    await fakeBrowser.notifications.clear(AWAY_NOTIFICATION_ID);

    await show({ ...emptyView, auth: { status: 'signed-out', reason: 'Your LivePerson login expired. Sign in again.' } });
    expect(await fakeBrowser.notifications.getAll()).toHaveProperty(AWAY_NOTIFICATION_ID);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    expect(badgeFor({ ...emptyView, auth: { status: 'signed-out', reason: 'You signed out.' } }).text).toBe('');
  });
});
