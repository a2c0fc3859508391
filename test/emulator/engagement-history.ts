/**
 * The Engagement History API (CSDS service `engHistDomain`) for the emulator: an account's ended
 * chats, searched by filter and paged, in LivePerson's shapes.
 * Page: https://developers.liveperson.com/engagement-history-api-methods.html (developer-center,
 * pages/documents/HistoricalData/EngagementHistoryAPI/methods/retrieve-engagement-list-by-criteria.md)
 * and the Engagement Attributes appendix (engagement-history-api-engagement-attributes.html).
 *
 * What it follows from the page: `POST …/interactions/search?offset&limit&sort`; `start {from,to}`
 * required, rounded out to 10 minutes, at most one month apart unless `visitor` or `engagementId`
 * is given (then "all time limitations are ignored"); `limit` default 50, max 100; `sort`
 * `start:asc|desc` (the page also spells it `des`); filters `visitor`, `engagementId`, `skillIds`,
 * `agentIds`, `duration`, `keyword` in `keyword_search_area.types` (a quoted keyword is a phrase);
 * `_metadata {count, self, next, last, shardsStatusResult}`; records with `info`, `transcript.lines`,
 * `visitorInfo`, `surveys`, `sdes.events` and odd spellings as printed: `agentId` a string, `skillId`
 * a number, `lineSeq` a string, `null`s in attributes.
 * Our design where it is silent: a limit over 100, a bad `start` or a body that is not an object is
 * 400; keyword matching is case-insensitive substring (phrase: the quoted text).
 */

export interface HistoryAnswer {
  status: number;
  body?: unknown;
  /** Set for errors: the server wraps it in LivePerson's error envelope. */
  error?: string;
}

/**
 * The demo returning visitor (the SSO demo customer of participant info, Dana Whitfield). Visitor
 * ids are numeric, as the Server Chat API's chat request documents `visitorId` ("A visitorId from
 * a previous chat … to link this chat to an existing visitor").
 */
export const RETURNING_VISITOR_ID = '4711000000042';
/** Dana on her phone: another visitor id, the same signed-in customer. */
export const OTHER_DEVICE_VISITOR_ID = '4711000000043';
export const RETURNING_CUSTOMER_ID = '88213';
export const HOSTILE_HISTORY_LINE = `<img src=x onerror="document.title='pwned-history'"><script>document.title='pwned-history'</script>Thanks!`;

const DAY = 24 * 3600_000;
const MONTH = 31 * DAY;

interface SeedLine {
  after: number;
  source: 'visitor' | 'agent' | 'system';
  text: string;
  textType?: string;
  subType?: string;
}

interface Seed {
  daysAgo: number;
  durationSeconds: number;
  visitorId: string;
  visitorName: string;
  agent: { id: string; nickname: string; login: string };
  skill: { id: number; name: string };
  /** Set when the visitor had signed in: the customerInfo attribute (authenticated). */
  customerId?: string;
  email?: string;
  lines: SeedLine[];
}

const ALEX = { id: '1001', nickname: 'Alex', login: 'agent1' };
const SAM = { id: '1002', nickname: 'Sam', login: 'agent2' };
const SALES = { id: 1, name: 'Sales' };
const SUPPORT = { id: 2, name: 'Support' };

const SEEDS: Seed[] = [
  {
    daysAgo: 3,
    durationSeconds: 412,
    visitorId: RETURNING_VISITOR_ID,
    visitorName: 'Dana',
    agent: ALEX,
    skill: SUPPORT,
    customerId: RETURNING_CUSTOMER_ID,
    email: 'dana@example.com',
    lines: [
      { after: 0, source: 'system', text: 'Thank you for choosing to chat with us.  An agent will be with you shortly.' },
      { after: 4, source: 'system', text: 'You are now chatting with Alex.' },
      { after: 9, source: 'visitor', text: 'My invoice for March shows the wrong VAT number.' },
      { after: 31, source: 'agent', text: 'Sorry about that, Dana. Which VAT number should it show?' },
      { after: 70, source: 'visitor', text: 'GB 123 4567 89, and please resend it.' },
      { after: 95, source: 'agent', text: 'Customer confirmed VAT number by e-mail.', subType: 'ONLY_TO_REP' },
      { after: 120, source: 'agent', text: 'Done: a corrected invoice is on its way to <b>dana@example.com</b>.', textType: 'html' },
      { after: 150, source: 'visitor', text: HOSTILE_HISTORY_LINE, textType: 'html' },
      { after: 412, source: 'system', text: 'Thank you for chatting with us.' },
    ],
  },
  {
    daysAgo: 12,
    durationSeconds: 95,
    visitorId: RETURNING_VISITOR_ID,
    visitorName: 'Dana',
    agent: SAM,
    skill: SUPPORT,
    lines: [
      { after: 0, source: 'system', text: 'You are now chatting with Sam.' },
      { after: 5, source: 'visitor', text: 'How do I reset my password?' },
      { after: 20, source: 'agent', text: 'Use “Forgot password” on the sign-in page; the link is valid for an hour.' },
      { after: 95, source: 'system', text: 'Thank you for chatting with us.' },
    ],
  },
  {
    // Another device (another visitor id), signed in: found by customer id only, in an older month.
    daysAgo: 45,
    durationSeconds: 1260,
    visitorId: OTHER_DEVICE_VISITOR_ID,
    visitorName: 'Dana W.',
    agent: ALEX,
    skill: SALES,
    customerId: RETURNING_CUSTOMER_ID,
    email: 'dana@example.com',
    lines: [
      { after: 0, source: 'system', text: 'You are now chatting with Alex.' },
      { after: 8, source: 'visitor', text: 'I would like to upgrade to the Team plan for 12 seats.' },
      { after: 40, source: 'agent', text: 'Happy to help: the Team plan is 9 € per seat and month.' },
      { after: 1260, source: 'system', text: 'Thank you for chatting with us.' },
    ],
  },
  {
    daysAgo: 200,
    durationSeconds: 300,
    visitorId: RETURNING_VISITOR_ID,
    visitorName: 'Dana',
    agent: ALEX,
    skill: SALES,
    lines: [
      { after: 0, source: 'system', text: 'You are now chatting with Alex.' },
      { after: 10, source: 'visitor', text: 'Do you offer a trial?' },
      { after: 30, source: 'agent', text: 'Yes, 30 days, no card needed.' },
    ],
  },
  {
    // Someone else, whose customer id contains Dana's: a keyword match that is not Dana's
    // record, so clients must check `customerId` themselves.
    daysAgo: 5,
    durationSeconds: 60,
    visitorId: '4711000000099',
    visitorName: 'Lee',
    agent: SAM,
    skill: SALES,
    customerId: '882130',
    lines: [{ after: 0, source: 'visitor', text: 'Just looking, thanks.' }],
  },
];

/** The page's time format: `2017-02-01 17:11:59.916+0000`. */
function historyTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '+0000');
}

function record(accountId: string, seed: Seed, index: number, now: number): Record<string, unknown> {
  const start = now - seed.daysAgo * DAY;
  const end = start + seed.durationSeconds * 1000;
  const engagementId = `${accountId}${4294967901 + index}`;
  const events: unknown[] = [];
  if (seed.customerId) {
    events.push({
      customerInfo: {
        serverTimeStamp: String(start - 60_000),
        originalTimeStamp: String(start - 60_000),
        customerInfo: { customerStatus: 'active', customerType: 'vip', balance: '-400.99', customerId: seed.customerId, socialId: null, imei: null },
      },
      isAuthenticated: true,
      serverTimeStamp: String(start - 60_000),
      sdeType: 'CUSTOMER_INFO',
    });
  }
  if (seed.email) {
    events.push({
      personalInfo: {
        serverTimeStamp: String(start - 60_000),
        originalTimeStamp: String(start - 60_000),
        personalInfo: { name: 'Dana', surname: 'Whitfield', contacts: [{ personalContact: { email: seed.email, phone: '+1-555-0142' } }] },
      },
      isAuthenticated: true,
      serverTimeStamp: String(start - 60_000),
      sdeType: 'PERSONAL_INFO',
    });
  }
  return {
    info: {
      startTime: historyTime(start),
      startTimeL: start,
      endTime: historyTime(end),
      endTimeL: end,
      duration: seed.durationSeconds,
      visitorId: seed.visitorId,
      visitorName: seed.visitorName,
      engagementId,
      isInteractive: true,
      accountId,
      agentId: seed.agent.id,
      agentNickName: seed.agent.nickname,
      agentLoginName: seed.agent.login,
      agentFullName: seed.agent.nickname,
      skillId: seed.skill.id,
      skillName: seed.skill.name,
      isAgentSurvey: false,
      isPostChatSurvey: false,
      isPreChatSurvey: !!seed.email,
      channel: 1,
      startReason: '0',
      startReasonDesc: 'Visitor request',
      endReason: '201',
      endReasonDesc: 'Rep stopped chat',
      engagementSet: 0,
      engagementSequence: 0,
      agentGroupId: -1,
      agentGroupName: 'Main Group',
      chatRequestedTime: historyTime(start - 4000),
      chatRequestedTimeL: start - 4000,
      chatStartUrl: 'http://127.0.0.1:8091/crm.html',
      chatStartPage: 'Acme CRM',
      isPartial: false,
      ended: true,
      interactive: true,
      chatDataEnriched: true,
    },
    transcript: {
      lines: seed.lines.map((line, n) => ({
        time: historyTime(start + line.after * 1000),
        timeL: start + line.after * 1000,
        controlType: line.source === 'system' ? 3 : 0,
        text: line.text,
        by: line.source === 'system' ? 'info' : line.source === 'agent' ? seed.agent.nickname : seed.visitorName,
        source: line.source,
        subType: line.subType ?? 'REGULAR',
        textType: line.textType ?? 'plain',
        cannedAnswerType: 0,
        agentId: line.source === 'agent' ? Number(seed.agent.id) : 0,
        lineSeq: String(78 + n),
      })),
    },
    surveys: seed.email
      ? {
          preChat: [
            { scope: 'Session', source: 'Pre-Chat', displayName: 'Email', value: seed.email, values: [seed.email], name: 'Pre-Chat Survey', questionID: 2, surveyID: 195991 },
          ],
        }
      : { preChat: [] },
    visitorInfo: { country: 'United Kingdom', countryCode: 'GB', state: '', city: 'London', isp: '', org: '', device: 'DESKTOP', ipAddress: '192.168.20.237', browser: 'Chrome 131', operatingSystem: 'MAC_OSX' },
    sdes: { events },
  };
}

function keywordMatches(rec: Record<string, unknown>, keyword: string, types: string[]): boolean {
  const phrase = keyword.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  if (!phrase) return true;
  const haystacks: unknown[] = [];
  const sdes = ((rec.sdes as { events: Array<Record<string, unknown>> }).events ?? []) as Array<Record<string, unknown>>;
  for (const type of types) {
    if (type === 'chatLine') haystacks.push((rec.transcript as { lines: Array<{ text: string }> }).lines.map((l) => l.text));
    else if (type === 'visitorInfo') haystacks.push(rec.visitorInfo);
    else if (type.startsWith('ea.')) haystacks.push(sdes.map((e) => e[type.slice(3)]).filter(Boolean));
  }
  return haystacks.some((h) => JSON.stringify(h ?? '').toLowerCase().includes(phrase));
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined);

/** One of the emulator's own chats (server.ts's `Chat` fits): once ended, it joins the history. */
export interface LiveChat {
  id: string;
  state: string;
  visitorName: string;
  visitorId: number;
  skill?: string;
  agentId?: string;
  startTime: string;
  lastUpdate: string;
  events: Array<{ type: string; time: string; text?: string; textType?: string; by?: string; source?: string; subType?: string }>;
}

const SKILL_IDS: Record<string, number> = { sales: SALES.id, support: SUPPORT.id };

/** An ended live chat as a history record (no attributes: the emulator's visitors send none). */
function liveRecord(accountId: string, chat: LiveChat, agentNickname: (id: string) => string | undefined): Record<string, unknown> {
  const start = Date.parse(chat.startTime);
  const end = Date.parse(chat.lastUpdate);
  const agent = chat.agentId ? agentNickname(chat.agentId) : undefined;
  const skillId = SKILL_IDS[(chat.skill ?? '').toLowerCase()] ?? -1;
  const lines = chat.events.filter((e) => e.type === 'line');
  return {
    info: {
      startTime: historyTime(start),
      startTimeL: start,
      endTime: historyTime(end),
      endTimeL: end,
      duration: Math.max(0, Math.round((end - start) / 1000)),
      visitorId: String(chat.visitorId),
      visitorName: chat.visitorName,
      engagementId: `${accountId}${chat.id}`,
      isInteractive: lines.some((l) => l.source === 'visitor'),
      accountId,
      agentId: chat.agentId ?? '-1',
      ...(agent ? { agentNickName: agent, agentFullName: agent } : {}),
      skillId,
      skillName: skillId === -1 ? 'Unassigned' : chat.skill,
      channel: 1,
      ended: true,
      isPartial: false,
    },
    transcript: {
      lines: lines.map((e, n) => ({
        time: historyTime(Date.parse(e.time)),
        timeL: Date.parse(e.time),
        text: e.text ?? '',
        by: e.source === 'system' ? 'info' : (e.by ?? ''),
        source: e.source ?? 'system',
        subType: e.subType ?? 'REGULAR',
        textType: e.textType ?? 'plain',
        lineSeq: String(n + 1),
      })),
    },
    visitorInfo: { device: 'DESKTOP' },
    sdes: { events: [] },
  };
}

export interface EngagementHistoryService {
  /** `rest` is the path after `/interaction_history/api/account/{account}`. */
  handle(p: { accountId: string; rest: string; method: string; body: string; query: URLSearchParams; selfUrl: string }): HistoryAnswer;
}

export function createEngagementHistory(opts: {
  accountId: string;
  now?: number;
  /** The emulator's chats; the ended ones are served with the seeded history. */
  liveChats?: () => Iterable<LiveChat>;
  agentNickname?: (agentId: string) => string | undefined;
}): EngagementHistoryService {
  const now = opts.now ?? Date.now();
  const seeded = SEEDS.map((seed, i) => record(opts.accountId, seed, i, now));

  function search(bodyText: string, query: URLSearchParams, selfUrl: string): HistoryAnswer {
    const live = [...(opts.liveChats?.() ?? [])].filter((c) => c.state === 'ended').map((c) => liveRecord(opts.accountId, c, opts.agentNickname ?? (() => undefined)));
    const records = [...seeded, ...live];
    let filter: Record<string, any>;
    try {
      filter = JSON.parse(bodyText || 'null');
    } catch {
      return { status: 400, error: 'Malformed JSON in request body' };
    }
    if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return { status: 400, error: 'The filter must be a JSON object' };
    const from = num(filter.start?.from);
    const to = num(filter.start?.to);
    if (from === undefined || to === undefined || !Number.isFinite(from) || !Number.isFinite(to) || to < from) {
      return { status: 400, error: 'start {from, to} (epoch milliseconds) is required' };
    }
    const byId = filter.visitor !== undefined || filter.engagementId !== undefined;
    // "rounded to the last/next round 10 minutes"; "The maximum time interval is one month".
    const roundedFrom = Math.floor(from / 600_000) * 600_000;
    const roundedTo = Math.ceil(to / 600_000) * 600_000;
    if (!byId && roundedTo - roundedFrom > MONTH) return { status: 400, error: 'The maximum time interval is one month' };
    const offset = num(query.get('offset') ?? '0') ?? 0;
    const limit = num(query.get('limit') ?? '50') ?? 50;
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      return { status: 400, error: 'offset must be 0 or more and limit between 1 and 100' };
    }
    const types: string[] = Array.isArray(filter.keyword_search_area?.types) ? filter.keyword_search_area.types : ['chatLine'];
    const ids = (list: unknown) => (Array.isArray(list) ? list.map(String) : undefined);
    const skillIds = ids(filter.skillIds);
    const agentIds = ids(filter.agentIds);
    const matching = records.filter((rec) => {
      const info = rec.info as Record<string, any>;
      if (!byId && (info.startTimeL < roundedFrom || info.startTimeL > roundedTo)) return false;
      if (filter.visitor !== undefined && info.visitorId !== String(filter.visitor)) return false;
      if (filter.engagementId !== undefined && info.engagementId !== String(filter.engagementId)) return false;
      if (skillIds && !skillIds.includes(String(info.skillId))) return false;
      if (agentIds && !agentIds.includes(String(info.agentId))) return false;
      const minDuration = num(filter.duration?.from);
      const maxDuration = num(filter.duration?.to);
      if (minDuration !== undefined && info.duration < minDuration) return false;
      if (maxDuration !== undefined && info.duration > maxDuration) return false;
      if (typeof filter.keyword === 'string' && !keywordMatches(rec, filter.keyword, types)) return false;
      return true;
    });
    const ascending = /^start:asc/i.test(query.get('sort') ?? '');
    matching.sort((a, b) => {
      const d = (a.info as { startTimeL: number }).startTimeL - (b.info as { startTimeL: number }).startTimeL;
      return ascending ? d : -d;
    });
    const page = matching.slice(offset, offset + limit);
    const link = (rel: string, at: number) => {
      const u = new URL(selfUrl);
      u.searchParams.set('offset', String(at));
      u.searchParams.set('limit', String(limit));
      return { rel, href: u.toString() };
    };
    const lastOffset = Math.max(0, Math.floor((matching.length - 1) / limit) * limit);
    return {
      status: 200,
      body: {
        _metadata: {
          count: matching.length,
          ...(offset + limit < matching.length ? { next: link('next', offset + limit) } : {}),
          ...(offset > 0 ? { prev: link('prev', Math.max(0, offset - limit)) } : {}),
          ...(matching.length > limit ? { last: link('last', lastOffset) } : {}),
          self: link('self', offset),
          shardsStatusResult: { partialResult: false },
        },
        interactionHistoryRecords: page,
      },
    };
  }

  return {
    handle({ rest, method, body, query, selfUrl }) {
      if (rest === '/interactions/search') {
        if (method !== 'POST') return { status: 405, error: 'Use POST' };
        return search(body, query, selfUrl);
      }
      return { status: 404, error: `No resource at ${rest}` };
    },
  };
}
