/** Reply-due timers: waits from line timestamps, thresholds, urgency, and when chats go red. */
import { describe, expect, it } from 'vitest';
import { decideRedAlerts, replyDueBadge, waitKey } from '../../../src/features/reply-due/alerts';
import { byUrgency, chatWait, chatWaits, formatWait, nextChangeAt, oldestUnansweredAt, type TimedChat, type TimedLine } from '../../../src/features/reply-due/waiting';

const T0 = Date.parse('2026-12-06T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const visitor = (s: number, extra: Partial<TimedLine> = {}): TimedLine => ({ source: 'visitor', time: at(s), ...extra });
const agent = (s: number, extra: Partial<TimedLine> = {}): TimedLine => ({ source: 'agent', time: at(s), ...extra });
const system = (s: number): TimedLine => ({ source: 'system', time: at(s) });
const chat = (id: string, lines: TimedLine[], state = 'chatting'): TimedChat => ({ id, state, lines });
const thresholds = { amberSeconds: 30, redSeconds: 60 };
/** The injected clock: seconds after T0. */
const now = (seconds: number) => T0 + seconds * 1000;

describe('oldestUnansweredAt', () => {
  it('is the first visitor line after the agent’s last answer', () => {
    expect(oldestUnansweredAt([visitor(0), visitor(5), agent(10), visitor(20), visitor(25)])).toBe(now(20));
    expect(oldestUnansweredAt([visitor(0), agent(10)])).toBeUndefined();
    expect(oldestUnansweredAt([])).toBeUndefined();
  });

  it('does not count private notes, system lines, or agent lines not yet delivered as answers', () => {
    expect(oldestUnansweredAt([visitor(0), agent(5, { private: true })])).toBe(now(0));
    expect(oldestUnansweredAt([visitor(0), system(5)])).toBe(now(0));
    expect(oldestUnansweredAt([visitor(0), agent(5, { delivery: 'pending' })])).toBe(now(0));
    expect(oldestUnansweredAt([visitor(0), agent(5, { delivery: 'failed' })])).toBe(now(0));
  });

  it('skips a line whose time cannot be read', () => {
    expect(oldestUnansweredAt([{ source: 'visitor', time: 'garbage' }, visitor(8)])).toBe(now(8));
  });
});

describe('chatWait', () => {
  const waiting = chat('c1', [visitor(0), agent(2), visitor(10)]);

  it('counts from the line’s own time: waiting, then amber at 30 s, red at 60 s', () => {
    expect(chatWait(waiting, thresholds, now(15))).toEqual({ chatId: 'c1', level: 'waiting', since: now(10), waitedMs: 5000, nextChangeAt: now(40) });
    expect(chatWait(waiting, thresholds, now(39.999)).level).toBe('waiting');
    expect(chatWait(waiting, thresholds, now(40))).toEqual({ chatId: 'c1', level: 'amber', since: now(10), waitedMs: 30_000, nextChangeAt: now(70) });
    expect(chatWait(waiting, thresholds, now(70))).toEqual({ chatId: 'c1', level: 'red', since: now(10), waitedMs: 60_000 });
  });

  it('is the same whenever it is first computed (a restarted worker or a late panel sees the same wait)', () => {
    const late = chatWait(waiting, thresholds, now(500));
    expect(late).toMatchObject({ level: 'red', waitedMs: 490_000 });
  });

  it('corrects for LivePerson’s clock being ahead of this computer’s', () => {
    // LivePerson is 20 s ahead: its 10 s mark is this computer's -10 s.
    expect(chatWait(waiting, thresholds, now(15), 20_000)).toMatchObject({ level: 'waiting', since: now(-10), waitedMs: 25_000 });
    expect(chatWait(waiting, thresholds, now(20), 20_000)).toMatchObject({ level: 'amber', waitedMs: 30_000 });
    // And behind: LivePerson's 10 s mark is this computer's 15 s.
    expect(chatWait(waiting, thresholds, now(44), -5_000)).toMatchObject({ level: 'waiting', waitedMs: 29_000 });
  });

  it('never counts a negative wait for a line stamped in the future', () => {
    expect(chatWait(waiting, thresholds, now(5))).toMatchObject({ level: 'waiting', waitedMs: 0 });
  });

  it('is answered once the agent replies, and only chats the agent holds can be due', () => {
    expect(chatWait(chat('c', [visitor(0), agent(3)]), thresholds, now(100)).level).toBe('answered');
    expect(chatWait(chat('c', [visitor(0)], 'ended'), thresholds, now(100)).level).toBe('answered');
    expect(chatWait(chat('c', [visitor(0)], 'waiting'), thresholds, now(100)).level).toBe('answered');
    expect(chatWait(chat('c', []), thresholds, now(100))).toEqual({ chatId: 'c', level: 'answered', waitedMs: 0 });
  });
});

describe('urgency and scheduling', () => {
  const chats = [
    chat('answered', [visitor(0), agent(1)]),
    chat('recent', [visitor(50)]),
    chat('oldest', [visitor(0)]),
    chat('middle', [visitor(20)]),
    chat('also-answered', []),
  ];
  const waits = chatWaits(chats, thresholds, now(60));

  it('sorts the longest wait first and answered chats last, in their own order', () => {
    expect(byUrgency(waits).map((w) => w.chatId)).toEqual(['oldest', 'middle', 'recent', 'answered', 'also-answered']);
    expect(waits.map((w) => w.level)).toEqual(['answered', 'waiting', 'red', 'amber', 'answered']);
  });

  it('says when to look again instead of ticking', () => {
    expect(nextChangeAt(waits)).toBe(now(80)); // recent turns amber at 50 + 30
    expect(nextChangeAt(chatWaits([chat('a', [visitor(0), agent(1)])], thresholds, now(5)))).toBeUndefined();
  });

  it('formats waits for a tab', () => {
    expect([formatWait(0), formatWait(59_999), formatWait(65_000), formatWait(3_600_000 + 5 * 60_000)]).toEqual(['0 s', '59 s', '1:05', '1 h 05']);
  });
});

describe('going red', () => {
  const lines = [visitor(0)];
  const waitsAt = (seconds: number, list = [chat('a', lines), chat('b', [visitor(30)])]) => chatWaits(list, thresholds, now(seconds));

  it('announces a chat once when it goes red, and counts red chats for the badge', () => {
    const first = decideRedAlerts(waitsAt(59), []);
    expect(first).toEqual({ announce: [], announced: [], redCount: 0 });
    const second = decideRedAlerts(waitsAt(60), first.announced);
    expect(second.announce.map((w) => w.chatId)).toEqual(['a']);
    expect(second.redCount).toBe(1);
    const third = decideRedAlerts(waitsAt(95), second.announced);
    expect(third.announce.map((w) => w.chatId)).toEqual(['b']);
    expect(third.redCount).toBe(2);
    expect(decideRedAlerts(waitsAt(200), third.announced).announce).toEqual([]);
  });

  it('does not announce again after a worker restart that kept the announced keys', () => {
    const before = decideRedAlerts(waitsAt(61), []);
    const restarted = decideRedAlerts(waitsAt(300), [...before.announced]);
    expect(restarted.announce.map((w) => w.chatId)).toEqual(['b']);
  });

  it('announces a new wait after an answer, and forgets waits that ended', () => {
    const red = decideRedAlerts(waitsAt(61), []);
    expect(red.announced).toEqual([waitKey({ chatId: 'a', since: now(0) })]);
    const answered = chatWaits([chat('a', [visitor(0), agent(62), visitor(70)])], thresholds, now(75));
    const calm = decideRedAlerts(answered, red.announced);
    expect(calm.announced).toEqual([]);
    const redAgain = decideRedAlerts(chatWaits([chat('a', [visitor(0), agent(62), visitor(70)])], thresholds, now(130)), calm.announced);
    expect(redAgain.announce.map((w) => w.since)).toEqual([now(70)]);
  });

  it('does not notify about the chat the agent is looking at', () => {
    const decision = decideRedAlerts(waitsAt(100), [], 'a');
    expect(decision.announce.map((w) => w.chatId)).toEqual(['b']);
    expect(decision.redCount).toBe(2);
    expect(decideRedAlerts(waitsAt(101), decision.announced).announce).toEqual([]);
  });

  it('puts the red count on the badge, and leaves the badge alone otherwise', () => {
    expect(replyDueBadge(2)).toEqual({ text: '2', color: '#b3261e' });
    expect(replyDueBadge(0)).toBeUndefined();
  });
});
