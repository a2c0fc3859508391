/**
 * A faithful local LivePerson: Domain API (CSDS), Login Service, Chat Agent API and the visitor-side
 * Server Chat API, in memory, over plain node:http. Shapes follow ../../shared/reference exactly,
 * odd ones included (`@href` vs `href`, lists of one, numbers as strings). Where the docs are
 * silent the choice is marked "our design". Strict as a server: bad input gets the documented (or
 * a sensible, documented-here) status and the `{"error":{…}}` envelope, never a crash.
 */
import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngagementHistory } from './engagement-history';
import { FaultInjector, parseFaultPlan, type FaultKind, type FaultPlan } from './faults';
import { ForeignHosts, type ForeignHostsPlan } from './foreign-hosts';
import { answerAccountConfig } from './predefined-content';
import { answerAgentConfig } from './agent-config';
import { RequestLog } from './request-log';
import { runScenario, type RunningScenario } from './scenario';
import { agentPid, createMessagingService, type MessagingOptions, type MessagingService } from './messaging';
import { agentStatus } from './messaging/agent-metrics';

export interface EmulatorOptions {
  host?: string;
  port?: number;
  accountId?: string;
  appKey?: string;
  /** How long a bearer lives without a refresh. */
  bearerTtlMs?: number;
  /** An assigned chat not accepted within this time sets the agent Away (LivePerson: 20 s). */
  ringAwayAfterMs?: number;
  /** Faults to inject from the start (also settable at run time: `PUT /sandbox/faults`). */
  faults?: FaultPlan;
  log?: boolean;
  /** Concurrent chats each human agent may hold (default 4); the benchmark opens 10 at once. */
  maxChats?: number;
  /**
   * Stricter than LivePerson (`--strict`): unsigned Chat Agent API requests must carry their agent
   * session's cookie (the overview asks clients to return it; LivePerson's own sample app does not,
   * and is served). Off by default, as LivePerson is tolerant. docs/fidelity.md lists every rule.
   */
  strict?: boolean;
  /**
   * Always print lists as arrays (`--arrays`). By default a list of one is a bare object and an empty
   * list is absent, as LivePerson's XML-to-JSON answers are (reference §9 items 9–10).
   */
  arrays?: boolean;
  messaging?: MessagingOptions;
  /** Answers naming another host, or redirecting to one (./foreign-hosts.ts): off by default. */
  foreignHosts?: ForeignHostsPlan;
}

export interface Emulator {
  baseUrl: string;
  port: number;
  /** Every request served, for counting (benchmarks, request-budget tests). */
  requests: RequestLog;
  faults: FaultInjector;
  foreignHosts: ForeignHosts;
  messaging: MessagingService;
  close(): Promise<void>;
}

interface AgentAccount {
  loginName: string;
  password: string;
  id: string;
  /** A7 `agentName`: "the nickname visitors see"; also `displayName` here. */
  nickname: string;
  maxChats: number;
  skills: Array<{ id: string; name: string }>;
  /** API keys (bots): Application Login and OAuth 1.0-signed requests. */
  apiKeys?: { appKey: string; secret: string; accessToken: string; accessTokenSecret: string };
}

interface Login {
  bearer: string;
  csrf: string;
  sessionCookie: string;
  agent: AgentAccount;
  expiresAt: number;
  valid: boolean;
}

interface AgentSession {
  id: string;
  /** The bearer that started it, or `oauth:<appKey>` for a signed (bot) session. */
  owner: string;
  agent: AgentAccount;
  cookieName: string;
  cookieValue: string;
  availability: 'Online' | 'Away' | 'Occupied';
  ringingSince?: number;
}

interface ChatEvent {
  id: number;
  type: 'line' | 'state';
  time: string;
  text?: string;
  textType?: string;
  by?: string;
  source?: 'visitor' | 'agent' | 'system';
  systemMessageId?: number;
  subType?: string;
  state?: string;
  /** Structured content of a `rich-content` line. */
  json?: unknown;
}

interface Chat {
  id: string;
  visitorName: string;
  visitorId: number;
  skill?: string;
  state: 'waiting' | 'chatting' | 'ended';
  events: ChatEvent[];
  sessionId?: string;
  /** The agent holding the chat: survives the loss of the agent session (continuity). */
  agentId?: string;
  /** An authenticated (SSO) visitor: the participant A21 describes. */
  participantId?: string;
  /** What the visitor's side told us at the chat request (our visit resource serves it). */
  visit: { ip: string; userAgent: string; referrer?: string; survey: Array<{ id: string; answer: string }> };
  exitSurvey?: Array<{ id: string; answer: string }>;
  /** The agent's wrap-up survey answers, once submitted. */
  agentSurvey?: Array<{ id: string; answer: string[] }>;
  /** Set by a transfer: who may take the chat now, and who gave it away. */
  transfer?: { skillId?: string; agentId?: string; fromAgentId: string; text?: string };
  startTime: string;
  lastUpdate: string;
  visitorTyping: 'typing' | 'not-typing';
  agentTyping: 'typing' | 'not-typing';
  rtSessionId: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly internalCode = status,
  ) {
    super(message);
  }
}

/** The CSDS services this emulator answers for (all on its own host), in the Domain API and the login answer. */
const CSDS_SERVICES = ['smt', 'agentVep', 'conversationVep', 'asyncMessagingEnt', 'idp', 'accountConfigReadOnly', 'engHistDomain', 'msgHist'];

const STATUS_NAMES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The Login Service's error time, exactly as its pages print it: "Sep 22, 2016 4:10:15 PM" (no comma
 * after the year, a plain space before PM; `toLocaleString` gives neither on current ICU). UTC.
 */
export function loginErrorTime(date = new Date()): string {
  const h = date.getUTCHours();
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${h % 12 || 12}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * The chat servers' error time, from the one real error body on record (consumer reference §8):
 * ISO 8601 with milliseconds and an offset, "2017-02-20T20:41:13.916-05:00". We serve UTC as +00:00.
 */
export function chatErrorTime(date = new Date()): string {
  return date.toISOString().replace('Z', '+00:00');
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const iso = () => new Date().toISOString();

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const accountId = opts.accountId ?? process.env.EMULATOR_ACCOUNT ?? '12345678';
  const appKey = opts.appKey ?? process.env.EMULATOR_APP_KEY ?? 'demo-app-key';
  const bearerTtlMs = opts.bearerTtlMs ?? 28_800_000;
  const strict = opts.strict ?? false;
  /** XML→JSON lists: absent when empty (callers leave the key out), a bare object when of one. */
  const list = <T>(items: T[]): T | T[] => (opts.arrays || items.length !== 1 ? items : items[0]!);
  /** A documented A7 answer to serve verbatim instead of our agents' own (`PUT /sandbox/agent-info`). */
  let agentInfoOverride: unknown;
  const ringAwayAfterMs = opts.ringAwayAfterMs ?? 20_000;
  const agents: AgentAccount[] = [
    {
      loginName: process.env.EMULATOR_AGENT ?? 'agent1',
      password: process.env.EMULATOR_PASSWORD ?? 'agent1-pass',
      id: '1001',
      nickname: 'Alex',
      maxChats: opts.maxChats ?? 4,
      skills: [
        { id: '1', name: 'Sales' },
        { id: '2', name: 'Support' },
      ],
    },
    // A colleague, so transfers have somewhere to go.
    { loginName: 'agent2', password: 'agent2-pass', id: '1002', nickname: 'Sam', maxChats: opts.maxChats ?? 4, skills: [{ id: '2', name: 'Support' }] },
    // A bot: no password, API keys only.
    {
      loginName: 'bot1',
      password: '',
      id: '2001',
      nickname: 'HelpBot',
      maxChats: 10,
      skills: [{ id: '1', name: 'Sales' }],
      apiKeys: { appKey: 'bot-app-key', secret: 'bot-secret', accessToken: 'bot-token', accessTokenSecret: 'bot-token-secret' },
    },
  ];

  const logins = new Map<string, Login>();
  const sessions = new Map<string, AgentSession>();
  const requests = new RequestLog();
  const foreignHosts = new ForeignHosts(opts.foreignHosts);
  const faults = new FaultInjector(opts.faults ?? (process.env.EMULATOR_FAULTS ? parseFaultPlan(process.env.EMULATOR_FAULTS) : undefined));
  const chats = new Map<string, Chat>();
  /** Visitors authenticated through the Server Chat API (`conversation`), by participant id. */
  const participants = new Map<string, { ssoKey: string; conversationId: string }>();
  const scenarios = new Set<RunningScenario>();
  const engagementHistory = createEngagementHistory({ accountId, liveChats: () => chats.values(), agentNickname: (id) => agents.find((a) => a.id === id)?.nickname });
  let baseUrl = '';
  let hostPort = '';
  // Messaging mode (UMS WebSocket API, ./messaging): the same agents and logins as the Chat side.
  const toMessagingAgent = (a: AgentAccount) => ({ userId: a.id, ...a });
  const liveLogin = (bearer: string) => logins.get(bearer)?.valid && Date.now() <= logins.get(bearer)!.expiresAt;
  const messaging = createMessagingService(
    { accountId, agents: agents.map(toMessagingAgent), agentForBearer: (b) => (liveLogin(b) ? toMessagingAgent(logins.get(b)!.agent) : undefined), log: opts.log ? console.log : undefined },
    opts.messaging,
  );

  // ---- helpers -----------------------------------------------------------------------------

  const accountBase = () => `${baseUrl}/api/account/${accountId}`;
  const sessionUrl = (s: AgentSession) => `${accountBase()}/agentSession/${s.id}`;
  const agentChatUrl = (s: AgentSession, c: Chat) => `${sessionUrl(s)}/chat/${c.id}`;
  const visitorChatUrl = (c: Chat) => `${accountBase()}/chat/${c.id}`;

  function addEvent(chat: Chat, event: Omit<ChatEvent, 'id' | 'time'>): ChatEvent {
    const full: ChatEvent = { id: chat.events.length, time: iso(), ...event };
    chat.events.push(full);
    chat.lastUpdate = full.time;
    return full;
  }

  function systemLine(chat: Chat, systemMessageId: number, text: string): void {
    addEvent(chat, { type: 'line', text, textType: 'plain', by: 'info', source: 'system', systemMessageId, subType: 'REGULAR' });
  }

  function heldChats(session: AgentSession): Chat[] {
    return [...chats.values()].filter((c) => c.sessionId === session.id && c.state !== 'ended');
  }

  const hasSkill = (agent: AgentAccount, skill: string) => agent.skills.some((s) => s.name === skill || s.id === skill);

  /** Whether a waiting chat may ring to this session. Occupied agents receive transferred chats only. */
  function mayRing(session: AgentSession, chat: Chat): boolean {
    const t = chat.transfer;
    if (t) {
      if (session.availability === 'Away' || session.agent.id === t.fromAgentId) return false;
      return t.agentId ? session.agent.id === t.agentId : !t.skillId || hasSkill(session.agent, t.skillId);
    }
    return session.availability === 'Online' && (!chat.skill || hasSkill(session.agent, chat.skill));
  }

  /** Waiting chats ring to agent sessions with a free slot. */
  function ringingFor(session: AgentSession): Chat[] {
    if (session.availability === 'Away') return [];
    if (session.agent.maxChats >= 0 && heldChats(session).length >= session.agent.maxChats) return [];
    return [...chats.values()].filter((c) => c.state === 'waiting' && !c.sessionId && mayRing(session, c));
  }

  /**
   * A10's page: when an agent logs out (rather than opening a second session while the first is
   * active), "the active chats of the old session go back to the queue, or are disconnected when no
   * suitable agent exists". Suitable: another agent of the account with the chat's skill. The
   * requeue is announced with system message 23 ("Chat requeued by system"), the disconnect with 6.
   */
  function releaseOnLogout(chat: Chat, leaving: AgentAccount): void {
    chat.sessionId = undefined;
    chat.agentId = undefined;
    chat.agentTyping = 'not-typing';
    const suitable = agents.some((a) => a !== leaving && (!chat.skill || hasSkill(a, chat.skill)));
    if (suitable) {
      chat.state = 'waiting';
      addEvent(chat, { type: 'state', state: 'waiting' });
      systemLine(chat, 23, 'The agent has left. Please wait for another agent.');
    } else {
      systemLine(chat, 6, 'The chat was disconnected.');
      chat.state = 'ended';
      addEvent(chat, { type: 'state', state: 'ended' });
    }
  }

  /** Agents other than `except` who could take a transfer now, per skill. */
  function onlineAgentsWithSkill(skillId: string, exceptAgentId: string): number {
    const agentIds = new Set(
      [...sessions.values()]
        .filter((s) => s.availability !== 'Away' && s.agent.id !== exceptAgentId && hasSkill(s.agent, skillId))
        .map((s) => s.agent.id),
    );
    return agentIds.size;
  }

  /** LivePerson: an assigned chat not accepted within 20 s sets the agent Away. */
  function applyRingRule(session: AgentSession, now = Date.now()): void {
    const ringing = ringingFor(session).length > 0;
    if (!ringing) {
      session.ringingSince = undefined;
      return;
    }
    session.ringingSince ??= now;
    if (now - session.ringingSince >= ringAwayAfterMs) {
      session.availability = 'Away';
      session.ringingSince = undefined;
    }
  }

  const ringTimer = setInterval(() => {
    for (const session of sessions.values()) applyRingRule(session);
  }, 250);
  ringTimer.unref();

  /**
   * The account's pre-chat survey (Server Chat API `preSurvey`, consumer §4.7), in the documented
   * shape: `questions.question[]`, every scalar a string; its answers come in the chat request.
   */
  const preChatQuestions = [
    { id: '4991310', label: 'Your name', mandatory: 'true', order: '0' },
    { id: '4991311', label: 'Email', mandatory: 'false', order: '1', validationType: 'email' },
    { id: '4991312', label: 'Order number', mandatory: 'false', order: '2' },
    { id: '4991313', label: 'What is it about?', mandatory: 'false', order: '3' },
  ].map((q) => ({ mandatory: q.mandatory, validationType: q.validationType ?? 'alpha_numeric', order: q.order, logicId: q.id, id: q.id, type: 'Text Field', label: q.label, lastKnownValue: '' }));
  // The last question is a choice; "An order" reveals the order number (the page's `logic.showLogicId`).
  const topic = {
    ...preChatQuestions[3]!,
    type: 'Dropdown Box',
    entry: [
      { checked: 'false', value: 'An order', logic: { showLogicId: '4991312' } },
      { checked: 'false', value: 'Something else' },
    ],
  };
  const { lastKnownValue: _none, ...topicQuestion } = topic;
  const preChatSurvey = { id: '361346', title: '', header: 'Before we start', questions: { question: list([...preChatQuestions.slice(0, 3), topicQuestion]) } };

  /**
   * The agent survey (A26). LivePerson prints no example; this follows the element table and the
   * reference's inferred shape (modelled on the visitor-side surveys): our design.
   */
  interface SurveyEntry {
    checked: boolean;
    value: string;
    logic?: { showLogicId: string };
  }
  interface SurveyQuestion {
    id: string;
    logicId: string;
    order: string;
    mandatory: string;
    type: string;
    validationType: string;
    label: string;
    entry: SurveyEntry | SurveyEntry[];
  }
  const agentSurvey: { id: string; header: string; questions: { question: SurveyQuestion[] } } = {
    id: '7001',
    header: 'Wrap-up',
    questions: {
      question: [
        {
          id: '1', logicId: '1', order: '1', mandatory: 'true', type: 'Dropdown Box', validationType: 'alpha_numeric', label: 'Reason for contact',
          entry: [
            { checked: false, value: 'Delivery' },
            { checked: false, value: 'Billing' },
            { checked: false, value: 'Return' },
            { checked: false, value: 'Other', logic: { showLogicId: '3' } },
          ],
        },
        { id: '2', logicId: '2', order: '2', mandatory: 'true', type: 'Radio Button', validationType: 'alpha_numeric', label: 'Resolved?', entry: [{ checked: false, value: 'Yes' }, { checked: false, value: 'No' }] },
        // Shown only when "Other" is chosen above (logic), and then mandatory.
        { id: '3', logicId: '3', order: '3', mandatory: 'true', type: 'Checkbox', validationType: 'alpha_numeric', label: 'Other topics', entry: [{ checked: false, value: 'Account' }, { checked: false, value: 'Feedback' }] },
        { id: '4', logicId: '4', order: '4', mandatory: 'false', type: 'Checkbox', validationType: 'alpha_numeric', label: 'Follow-up needed', entry: { checked: false, value: 'Call back' } },
      ],
    },
  };

  /** Checks submitted answers against the survey: known values, mandatory visible questions answered. */
  function validSurveyAnswers(input: unknown): Array<{ id: string; answer: string[] }> {
    const survey = (input as { survey?: { question?: unknown } } | undefined)?.survey;
    if (!survey || typeof survey !== 'object') throw new HttpError(400, 'Body must be {"survey":{"id","question":[…]}}');
    const raw = Array.isArray(survey.question) ? survey.question : survey.question ? [survey.question] : [];
    const answers = raw.map((q) => {
      const { id, answer } = (q ?? {}) as { id?: unknown; answer?: unknown };
      return { id: String(id), answer: (Array.isArray(answer) ? answer : answer == null ? [] : [answer]).map(String) };
    });
    const questions = agentSurvey.questions.question;
    for (const a of answers) {
      const question = questions.find((q) => q.id === a.id);
      if (!question) throw new HttpError(400, `Unknown question ${a.id}`);
      const values = (Array.isArray(question.entry) ? question.entry : [question.entry]).map((e) => e.value);
      const bad = a.answer.find((v) => !values.includes(v));
      if (bad !== undefined) throw new HttpError(400, `"${bad}" is not a choice of question ${a.id}`);
    }
    const chosen = new Set(answers.flatMap((a) => a.answer.map((v) => `${a.id}:${v}`)));
    for (const question of questions) {
      const revealedBy = questions.flatMap((q) =>
        (Array.isArray(q.entry) ? q.entry : [q.entry]).filter((e) => e.logic?.showLogicId === question.logicId).map((e) => `${q.id}:${e.value}`),
      );
      const visible = revealedBy.length === 0 || revealedBy.some((key) => chosen.has(key));
      const answered = answers.some((a) => a.id === question.id && a.answer.length > 0);
      if (visible && question.mandatory === 'true' && !answered) throw new HttpError(400, `Question ${question.id} (${question.label}) is mandatory`);
    }
    return answers;
  }

  /** The visitor's exit survey (Server Chat API `exitSurvey`, consumer §4.18): real booleans and numbers, `displayValue`. */
  const exitSurvey = {
    id: 361400,
    title: '',
    header: 'How did we do?',
    questions: {
      question: list([
        {
          type: 'Radio Button',
          validationType: 'alpha_numeric',
          id: 5001,
          logicId: 1,
          order: 0,
          mandatory: true,
          label: 'Was your question answered?',
          entry: [
            { checked: false, value: 'Yes', displayValue: 'Yes' },
            { checked: false, value: 'No', displayValue: 'No' },
          ],
        },
        { type: 'Text Field', validationType: 'email', id: 5002, logicId: 2, order: 1, mandatory: false, label: 'Your email, if you would like a reply:', lastKnownValue: '' },
      ]),
    },
  };

  /** Device, OS and browser from a User-Agent, roughly, as a visit view would show them. */
  function describeAgent(ua: string): { device: string; os: string; browser: string } {
    const device = /Mobile|Android|iPhone/i.test(ua) ? 'Mobile' : /iPad|Tablet/i.test(ua) ? 'Tablet' : 'Desktop';
    const os = /Windows/i.test(ua) ? 'Windows' : /Mac OS X/i.test(ua) ? 'macOS' : /Android/i.test(ua) ? 'Android' : /iPhone|iPad/i.test(ua) ? 'iOS' : /Linux/i.test(ua) ? 'Linux' : 'Unknown';
    const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Unknown';
    return { device, os, browser };
  }

  /**
   * Our design: LivePerson documents only the `visit-id` link ("aggregated visit data, pages
   * visited and surveys"), not the resource. It is shaped like its neighbours: `@`-links,
   * lists that may be single objects, strings everywhere.
   */
  function visitBody(session: AgentSession, chat: Chat) {
    const url = `${sessionUrl(session)}/visits/visit/${visitId(chat)}`;
    const { device, os, browser } = describeAgent(chat.visit.userAgent);
    const questions = chat.visit.survey.map((a) => ({
      '@id': a.id,
      text: preChatQuestions.find((q) => q.id === a.id)?.label ?? a.id,
      answer: a.answer,
    }));
    return {
      visit: {
        link: [at(url, 'self'), at(`${url}/customVariables`, 'custom-variables')],
        visitorId: String(chat.visitorId),
        visitorName: chat.visitorName,
        device,
        os,
        browser,
        ipAddress: chat.visit.ip,
        location: { country: 'United States', region: 'California', city: 'San Francisco' },
        ...(chat.visit.referrer ? { referrer: chat.visit.referrer } : {}),
        pages: { page: list([{ url: chat.visit.referrer ?? `${baseUrl}/visitor`, title: 'Chat page', time: chat.startTime }]) },
        surveys: questions.length ? { survey: { '@type': 'preChat', question: list(questions) } } : {},
        customVariables: { customVariable: list([{ name: 'customerTier', value: 'Premium' }]) },
      },
    };
  }

  // ---- JSON renderings ---------------------------------------------------------------------

  /** A11/A13 spelling: `@id` strings, `@type`, numeric systemMessageId. */
  function eventA11(e: ChatEvent): Record<string, unknown> {
    const { id, type, ...rest } = e;
    return { '@id': String(id), '@type': type, ...rest };
  }

  /** A12 spelling: numeric `id`, `type`, systemMessageId as a string. */
  function eventA12(e: ChatEvent): Record<string, unknown> {
    const { systemMessageId, ...rest } = e;
    return systemMessageId === undefined ? rest : { ...rest, systemMessageId: String(systemMessageId) };
  }

  /** XML→JSON: an empty list is absent, a list of one a bare object (unless `arrays`). */
  function eventsBlock(events: ChatEvent[], render: (e: ChatEvent) => Record<string, unknown>): Record<string, unknown> {
    return events.length ? { event: list(events.map(render)) } : {};
  }

  function infoBlock(chat: Chat, url: string, spell: Spell): Record<string, unknown> {
    const session = chat.sessionId ? sessions.get(chat.sessionId) : undefined;
    return {
      link: [
        spell(`${url}/info`, 'self'),
        spell(`${url}/info/visitorName`, 'visitor-name'),
        spell(`${url}/info/visitorTyping`, 'visitor-typing'),
        spell(`${url}/info/agentTyping`, 'agent-typing'),
      ],
      state: chat.state,
      chatSessionKey: chat.id,
      // In the visitor side's info example (and the Third-Party Bots capture) when the chat asked for a skill.
      ...skillFields(chat),
      ...(session ? { agentName: session.agent.nickname, agentId: Number(session.agent.id) } : {}),
      startTime: chat.startTime,
      duration: Math.round((Date.now() - Date.parse(chat.startTime)) / 1000),
      lastUpdate: chat.lastUpdate,
      chatTimeout: 40,
      visitorId: chat.visitorId,
      agentTyping: chat.agentTyping,
      visitorTyping: chat.visitorTyping,
      visitorName: chat.visitorName,
      // A16: "a session id shared with other APIs", a number in every example.
      rtSessionId: chat.rtSessionId,
      // "present only for SSO chats" (A21).
      ...(chat.participantId ? { participantId: chat.participantId } : {}),
    };
  }

  function skillFields(chat: Chat): Record<string, unknown> {
    const skill = chat.skill ? agents.flatMap((a) => a.skills).find((k) => k.id === chat.skill || k.name === chat.skill) : undefined;
    return skill ? { skillName: skill.name, skillId: Number(skill.id) } : {};
  }

  type Spell = (href: string, rel: string) => Record<string, string>;
  const at: Spell = (href, rel) => ({ '@href': href, '@rel': rel });
  const plain: Spell = (href, rel) => ({ href, rel });

  /** The visit id is the chat key without its middle `-<hex>` part (reference §3). */
  const visitId = (chat: Chat) => chat.id.replace(/-[0-9a-f]+K/, 'K');

  function agentChatBody(session: AgentSession, chat: Chat, from: number, spell: Spell, render: typeof eventA11) {
    const url = agentChatUrl(session, chat);
    const events = chat.events.filter((e) => e.id >= from);
    const next = events.length ? events[events.length - 1]!.id + 1 : from;
    return {
      link: [
        spell(url, 'self'),
        spell(`${url}/events`, 'events'),
        spell(`${url}/info`, 'info'),
        spell(`${url}?from=${next}`, 'next'),
        spell(`${url}/collaborationChannels`, 'collaboration-channels'),
        spell(`${sessionUrl(session)}/visits/visit/${visitId(chat)}`, 'visit-id'),
        spell(`${url}/transfer`, 'transfer'),
        spell(`${url}/transferAccount`, 'transfer-account'),
        spell(`${url}/survey`, 'agent-survey'),
      ],
      events: { link: [spell(`${url}/events`, 'self'), spell(`${url}/events?from=${next}`, 'next')], ...eventsBlock(events, render) },
      info: infoBlock(chat, url, spell),
    };
  }

  function visitorChatBody(chat: Chat, from: number) {
    const url = visitorChatUrl(chat);
    // Private notes (ONLY_TO_REP) are for agents only.
    const events = chat.events.filter((e) => e.id >= from);
    const shown = events.filter((e) => e.subType !== 'ONLY_TO_REP');
    const next = events.length ? events[events.length - 1]!.id + 1 : from;
    return {
      // The documented rels in the documented order (Postman indexes them by position).
      link: [
        at(url, 'self'),
        at(`${url}/events`, 'events'),
        at(`${url}/info`, 'info'),
        at(`${url}?from=${next}`, 'next'),
        at(`${url}/transcriptRequest`, 'transcript-request'),
        at(`${url}/transcriptWithSubjectRequest`, 'transcript-with-subject-request'),
        at(`${url}/exitSurvey`, 'exit-survey'),
        at(`${url}/customVariables`, 'custom-variables'),
      ],
      events: { link: [at(`${url}/events`, 'self'), at(`${url}/events?from=${next}`, 'next')], ...eventsBlock(shown, eventA11) },
      info: infoBlock(chat, url, at),
    };
  }

  // ---- request plumbing --------------------------------------------------------------------

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 1_000_000) throw new HttpError(400, 'Request body too large');
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  function parseJson(text: string, required: boolean): any {
    if (!text.trim()) {
      if (required) throw new HttpError(400, 'Missing request body');
      return {};
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpError(400, 'Malformed JSON in request body');
    }
  }

  function cookies(req: IncomingMessage): Record<string, string> {
    const jar: Record<string, string> = {};
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0) jar[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    return jar;
  }

  function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string | string[]> = {}): void {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { ...(text ? { 'Content-Type': 'application/json' } : {}), ...headers });
    res.end(text);
  }

  /**
   * The `{"error":{…}}` envelope. The Login Service's is documented (refresh, logout); the chat
   * servers' is known from one real body (`time` in ISO, no `responseStatus`), used for the visitor
   * side; the Chat Agent API documents none, so it gets the Login Service's (reference §9 item 25).
   */
  function sendError(res: ServerResponse, error: HttpError, side?: string): void {
    const envelope =
      side === 'visitor'
        ? { time: chatErrorTime(), message: error.message, internalCode: error.internalCode }
        : { time: loginErrorTime(), message: error.message, internalCode: error.internalCode, responseStatus: STATUS_NAMES[error.status] ?? 'ERROR' };
    send(res, error.status, { error: envelope });
  }

  const enc = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

  /** Verifies an OAuth 1.0 HMAC-SHA1 signed request (RFC 5849) and returns the signing agent. */
  function oauthAgent(req: IncomingMessage): AgentAccount {
    const header = req.headers.authorization ?? '';
    const params: Record<string, string> = {};
    for (const m of header.replace(/^OAuth\s+/i, '').matchAll(/([a-z_]+)="([^"]*)"/g)) params[m[1]!] = decodeURIComponent(m[2]!);
    const agent = agents.find((a) => a.apiKeys?.appKey === params.oauth_consumer_key && a.apiKeys?.accessToken === params.oauth_token);
    if (!agent?.apiKeys) throw new HttpError(401, 'Unknown API key');
    if (params.oauth_signature_method !== 'HMAC-SHA1') throw new HttpError(401, 'Unsupported OAuth signature method');
    if (Math.abs(Date.now() / 1000 - Number(params.oauth_timestamp)) > 300) throw new HttpError(401, 'OAuth timestamp out of range');
    const url = new URL(req.url ?? '/', baseUrl);
    const { oauth_signature: signature, ...signed } = params;
    const pairs = [...url.searchParams.entries(), ...Object.entries(signed)].map(([k, v]) => [enc(k), enc(v)] as const);
    pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
    const base = [req.method ?? 'GET', enc(`${url.protocol}//${url.host}${url.pathname}`), enc(pairs.map(([k, v]) => `${k}=${v}`).join('&'))].join('&');
    const expected = createHmac('sha1', `${enc(agent.apiKeys.secret)}&${enc(agent.apiKeys.accessTokenSecret)}`).update(base).digest();
    const given = Buffer.from(signature ?? '', 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpError(401, 'Invalid OAuth signature');
    return agent;
  }

  const isSigned = (req: IncomingMessage) => /^OAuth\s/i.test(req.headers.authorization ?? '');

  /** Who is calling the Chat Agent API: a bearer's agent, or a signed request's. */
  function caller(req: IncomingMessage): { agent: AgentAccount; owner: string } {
    if (isSigned(req)) {
      const agent = oauthAgent(req);
      return { agent, owner: `oauth:${agent.apiKeys!.appKey}` };
    }
    const login = bearerLogin(req);
    return { agent: login.agent, owner: login.bearer };
  }

  function bearerLogin(req: IncomingMessage): Login {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new HttpError(401, 'Missing bearer token');
    const login = logins.get(match[1]!);
    if (!login || !login.valid) throw new HttpError(401, 'Invalid bearer token');
    if (Date.now() > login.expiresAt) throw new HttpError(401, 'Bearer token expired');
    return login;
  }

  /**
   * The overview asks unsigned (Bearer) clients to return the agent session's cookies; LivePerson's
   * own sample app never does and is served, so only `strict` refuses a request without them.
   * Signed (OAuth) requests need none.
   */
  function agentSessionFor(req: IncomingMessage, sessionId: string): AgentSession {
    const who = caller(req);
    const session = sessions.get(sessionId);
    if (!session) throw new HttpError(404, `Unknown agent session ${sessionId}`);
    if (session.owner !== who.owner) throw new HttpError(403, 'The agent session belongs to another login');
    if (strict && !isSigned(req) && cookies(req)[session.cookieName] !== session.cookieValue) {
      throw new HttpError(401, 'Missing agent session cookie: unsigned requests must send the cookies of their agent session');
    }
    return session;
  }

  function visitorAuth(req: IncomingMessage, query: URLSearchParams): void {
    const header = req.headers.authorization ?? '';
    const key = /^LivePerson\s+appKey=(\S+)$/i.exec(header)?.[1] ?? query.get('appKey') ?? query.get('appkey');
    if (key !== appKey) throw new HttpError(401, 'Missing or invalid appKey');
  }

  // ---- routes ------------------------------------------------------------------------------

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    // Every path is served with or without `.json`; `v`, `NC` and unknown query keys are ignored.
    const path = url.pathname.replace(/\.json$/, '').replace(/\/+$/, '') || '/';
    const override = String(req.headers['x-http-method-override'] ?? '').toUpperCase();
    const method = req.method === 'POST' && override === 'PUT' ? 'PUT' : (req.method ?? 'GET');
    const query = url.searchParams;
    const m = (re: RegExp) => re.exec(path);
    let match: RegExpExecArray | null;

    if (path === '/visitor' && method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(readFileSync(new URL('./visitor-page.html', import.meta.url)));
      return;
    }

    // Sandbox control (our design, not LivePerson).
    if (path === '/sandbox/state' && method === 'GET') {
      return send(res, 200, {
        agentSessions: [...sessions.values()].map((s) => ({ id: s.id, agent: s.agent.loginName, availability: s.availability, ringing: ringingFor(s).length })),
        chats: [...chats.values()].map((c) => ({ id: c.id, state: c.state, visitorName: c.visitorName, agentSessionId: c.sessionId, events: c.events.length })),
      });
    }
    if (path === '/sandbox/expire-bearer' && method === 'POST') {
      for (const login of logins.values()) login.expiresAt = 0;
      return send(res, 200, { ok: true });
    }
    if (path === '/sandbox/expire-agent-session' && method === 'POST') {
      // The agent's chats stay theirs: a new agent session finds them through chatSessions.
      sessions.clear();
      return send(res, 200, { ok: true });
    }
    if (path === '/sandbox/scenario' && method === 'POST') {
      // Scripted visitors, each a real Server Chat API client of this emulator.
      let running: RunningScenario;
      try {
        running = runScenario(baseUrl, parseJson(await readBody(req), true), opts.log ? (line) => console.log(`[scenario] ${line}`) : undefined);
      } catch (error) {
        if (error instanceof HttpError) throw error;
        throw new HttpError(400, `Bad scenario: ${error instanceof Error ? error.message.slice(0, 300) : 'invalid'}`);
      }
      scenarios.add(running);
      void running.done.finally(() => scenarios.delete(running));
      return send(res, 202, { ok: true });
    }
    if (path === '/sandbox/faults') {
      if (method === 'GET') return send(res, 200, faults.status());
      if (method === 'PUT') {
        try {
          faults.set(parseFaultPlan(await readBody(req)));
        } catch (error) {
          throw new HttpError(400, error instanceof Error ? error.message : 'Bad fault plan');
        }
        return send(res, 200, faults.status());
      }
      if (method === 'DELETE') {
        faults.set(undefined);
        return send(res, 200, faults.status());
      }
    }
    if (path === '/sandbox/requests' && method === 'GET') {
      const since = Number(query.get('since') ?? 0);
      return send(res, 200, { mark: requests.mark(), requests: requests.list({ since: Number.isFinite(since) ? since : 0, side: query.get('side') ?? undefined }) });
    }
    if (path === '/sandbox/agent-info') {
      // Serve a given A7 answer (e.g. the documented example) for every agent session's `/info`.
      if (method === 'PUT') {
        const input = parseJson(await readBody(req), true);
        if (!input || typeof input !== 'object' || !('info' in input)) throw new HttpError(400, 'Body must be an A7 answer: {"info":{…}}');
        agentInfoOverride = input;
        return send(res, 200, { ok: true });
      }
      if (method === 'DELETE') {
        agentInfoOverride = undefined;
        return send(res, 200, { ok: true });
      }
    }
    if (path === '/sandbox/reset' && method === 'POST') {
      agentInfoOverride = undefined;
      logins.clear();
      sessions.clear();
      chats.clear();
      participants.clear();
      messaging.reset();
      return send(res, 200, { ok: true });
    }

    if (await messaging.handleHttp(req, res, path, method)) return;
    // Domain API (CSDS): a bare host, as the real one answers.
    if ((match = m(/^\/(?:api|csdr)\/account\/([^/]+)\/service\/([^/]+)\/baseURI$/)) && method === 'GET') {
      // The Domain API documents 400 and 401 only; an unknown account is "invalid site" (401).
      if (match[1] !== accountId) throw new HttpError(401, `Bad Authentication (invalid site or agent): unknown account ${match[1]}`);
      return send(res, 200, { service: match[2], account: accountId, baseURI: foreignHosts.csdsHost(hostPort) });
    }
    if ((match = m(/^\/csdr\/account\/([^/]+)\/service\/baseURI$/)) && method === 'GET') {
      if (match[1] !== accountId) throw new HttpError(401, `Bad Authentication (invalid site or agent): unknown account ${match[1]}`);
      return send(res, 200, { baseURIs: CSDS_SERVICES.map((service) => ({ service, account: accountId, baseURI: foreignHosts.csdsHost(hostPort) })) });
    }

    // Agent Metrics API, Agent Status (./messaging/agent-metrics.ts): the agent's bearer or a signed request.
    if ((match = m(/^\/messaging_history\/api\/account\/([^/]+)\/agent-view\/status$/)) && method === 'POST') {
      if (match[1] !== accountId) throw new HttpError(401, `Unknown account ${match[1]}`);
      caller(req);
      return send(res, 200, agentStatus(messaging.store, parseJson(await readBody(req), false) ?? {}, `${baseUrl}${url.pathname}`));
    }

    // Engagement History API (./engagement-history.ts): the agent's bearer or a signed request.
    if ((match = m(/^\/interaction_history\/api\/account\/([^/]+)(\/.*)?$/))) {
      if (match[1] !== accountId) throw new HttpError(401, `Unknown account ${match[1]}`);
      caller(req);
      const answer = engagementHistory.handle({ accountId, rest: match[2] ?? '', method, body: await readBody(req), query, selfUrl: `${baseUrl}${url.pathname}${url.search}` });
      if (answer.error) throw new HttpError(answer.status, answer.error);
      return send(res, answer.status, answer.body);
    }

    match = m(/^\/api\/account\/([^/]+)(\/.*)?$/);
    if (!match) throw new HttpError(404, `No resource at ${path}`);
    if (match[1] !== accountId) throw new HttpError(match[2]?.startsWith('/agentSession') ? 403 : 401, `Unknown account ${match[1]}`);
    const rest = match[2] ?? '';
    const body = method === 'POST' || method === 'PUT' ? await readBody(req) : '';

    // ---- Login Service
    if (rest === '/login' && method === 'POST') {
      const input = parseJson(body, true);
      const appLogin = typeof input?.appKey === 'string';
      if (typeof input?.username !== 'string' || (!appLogin && typeof input?.password !== 'string')) {
        throw new HttpError(400, 'username and password (or the API keys) are required');
      }
      // User login (L1) by password; Application Login (L2) by the four API keys.
      const agent = agents.find((a) =>
        appLogin
          ? a.loginName === input.username &&
            a.apiKeys?.appKey === input.appKey &&
            a.apiKeys?.secret === input.secret &&
            a.apiKeys?.accessToken === input.accessToken &&
            a.apiKeys?.accessTokenSecret === input.accessTokenSecret
          : a.loginName === input.username && a.password !== '' && a.password === input.password,
      );
      if (!agent) throw new HttpError(401, 'Bad Authentication (invalid site or agent)');
      const login: Login = { bearer: hex(32), csrf: hex(32), sessionCookie: hex(16), agent, expiresAt: Date.now() + bearerTtlMs, valid: true };
      logins.set(login.bearer, login);
      return send(
        res,
        200,
        {
          csrf: login.csrf,
          wsuk: String(randomInt(1e9, 9e9)),
          config: {
            loginName: agent.loginName,
            userId: agent.id,
            userPid: agentPid(accountId, agent.id),
            userPrivileges: [100, 101, 1730],
            serverCurrentTime: Date.now(),
            timeDiff: 0,
            serverTimeZoneName: 'UTC',
            serverTimeGMTDiff: 0,
            isLPA: false,
            isAdmin: false,
            accountTimeZoneId: 'UTC',
          },
          csdsCollectionResponse: {
            baseURIs: CSDS_SERVICES.map((service) => ({ account: accountId, baseURI: foreignHosts.loginHost(hostPort), service })),
          },
          accountData: { agentGroupsData: { items: [{ id: -1, deleted: false, name: 'Main Group' }], revision: 1 } },
          sessionTTl: '28800000',
          bearer: login.bearer,
        },
        { 'Set-Cookie': `Session_id=${login.sessionCookie}; Path=/; HttpOnly` },
      );
    }
    if ((rest === '/refresh' || rest === '/logout') && method === 'POST') {
      const input = parseJson(body, true);
      const cookie = cookies(req).Session_id;
      const login = [...logins.values()].find((l) => l.valid && l.sessionCookie === cookie);
      // The documented answer to a bad csrf: 401 with internalCode 10.
      if (!login || input?.csrf !== login.csrf) throw new HttpError(401, 'Invalid csrf token or login session', 10);
      if (rest === '/refresh') {
        login.expiresAt = Date.now() + bearerTtlMs;
        return send(res, 200, undefined, { 'Set-Cookie': `Session_id=${login.sessionCookie}; Path=/; HttpOnly` });
      }
      login.valid = false;
      for (const [id, session] of sessions) {
        if (session.owner !== login.bearer) continue;
        sessions.delete(id);
        for (const chat of heldChats(session)) releaseOnLogout(chat, session.agent);
      }
      return send(res, 200);
    }

    // ---- Account Configuration API: Predefined Content and Categories (./predefined-content.ts), skills and status reasons (./agent-config.ts)
    if (rest.startsWith('/configuration/')) {
      caller(req);
      const answer = answerAgentConfig(rest, method, query) ?? answerAccountConfig(rest, method, query);
      if ('error' in answer) throw new HttpError(answer.status, answer.error);
      return send(res, answer.status, answer.body, answer.headers);
    }

    // ---- Chat Agent API
    if (rest === '/agentSession' && method === 'POST') {
      const who = caller(req);
      parseJson(body, false); // any loginData: "", {} or credentials
      const id = String(randomInt(100_000_000, 2_000_000_000));
      const session: AgentSession = {
        id,
        owner: who.owner,
        agent: who.agent,
        cookieName: `agentSession_${id}`,
        cookieValue: hex(16),
        // Our design: a new agent session starts Away; the agent chooses to go Online.
        availability: 'Away',
      };
      // A second session of the same agent takes over the chats (continuity across devices).
      sessions.set(id, session);
      for (const chat of chats.values()) {
        if (chat.agentId === who.agent.id && chat.state !== 'ended') chat.sessionId = id;
      }
      // Signed sessions get no security cookie (the overview: "no such cookie is set or needed").
      const cookie: Record<string, string> = isSigned(req)
        ? {}
        : { 'Set-Cookie': `${session.cookieName}=${session.cookieValue}; Path=/api/account/${accountId}/agentSession/${id}; HttpOnly` };
      return send(res, 201, { agentSessionLocation: { link: at(sessionUrl(session), 'location') } }, cookie);
    }

    if ((match = /^\/agentSession\/([^/]+)(\/.*)?$/.exec(rest))) {
      const session = agentSessionFor(req, match[1]!);
      applyRingRule(session);
      return agentSessionRoute(session, match[2] ?? '', method, body, query, res);
    }

    // ---- Server Chat API (visitor side)
    if (rest === '/conversation' && method === 'POST') {
      // Visitor Authentication: the old doc's 200 with the ids satisfies both kinds of client.
      visitorAuth(req, query);
      const ssoKey = parseJson(body, true)?.ssoKey;
      if (typeof ssoKey !== 'string' || !ssoKey || ssoKey.length > 500) throw new HttpError(400, 'ssoKey is required');
      const participantId = randomUUID();
      const conversationId = randomUUID();
      participants.set(participantId, { ssoKey, conversationId });
      return send(res, 200, { participantId, conversationId });
    }
    if (rest.startsWith('/chat')) {
      visitorAuth(req, query);
      return visitorRoute(req, rest, method, body, query, res);
    }

    throw new HttpError(404, `No resource at ${path}`);
  }

  function agentSessionRoute(session: AgentSession, rest: string, method: string, body: string, query: URLSearchParams, res: ServerResponse): void {
    const base = sessionUrl(session);
    let match: RegExpExecArray | null;
    if (rest === '' && method === 'GET') {
      // A2 is undocumented: these rels are our design.
      return send(res, 200, {
        agentSession: {
          link: [
            at(base, 'self'),
            at(`${base}/info`, 'info'),
            at(`${base}/availability`, 'availability'),
            at(`${base}/incomingRequests`, 'incoming-requests'),
            at(`${base}/chatSessions`, 'chat-sessions'),
          ],
        },
      });
    }
    if ((match = /^\/participantExtendedInfo\/([^/]+)$/.exec(rest)) && method === 'GET') {
      const participant = participants.get(decodeURIComponent(match[1]!));
      if (!participant) throw new HttpError(404, `Unknown participant ${match[1]}`);
      return send(res, 200, participantInfo(decodeURIComponent(match[1]!), participant.ssoKey));
    }
    if (rest === '/availability') {
      if (method === 'GET') return send(res, 200, { availability: { chat: session.availability, voice: 'Offline' } });
      if (method === 'PUT') {
        const input = parseJson(body, true);
        const chat = input?.availability?.chat;
        if (chat !== 'Online' && chat !== 'Away' && chat !== 'Occupied') throw new HttpError(400, 'availability.chat must be Online, Away or Occupied');
        session.availability = chat;
        session.ringingSince = undefined;
        return send(res, 200);
      }
    }
    if (rest === '/info' && method === 'GET') {
      if (agentInfoOverride) return send(res, 200, agentInfoOverride);
      // A7, key for key as its example: strings for id and maxChats, `skillsInfo.skillInfo`.
      const a = session.agent;
      return send(res, 200, {
        info: {
          link: at(`${base}/info`, 'self'),
          agentName: a.nickname,
          displayName: a.nickname,
          loginName: a.loginName,
          id: a.id,
          maxChats: String(a.maxChats),
          availability: { chat: session.availability, voice: 'Offline' },
          ...(a.skills.length ? { skillsInfo: { skillInfo: list(a.skills.map((k) => ({ id: k.id, name: k.name }))) } } : {}),
        },
      });
    }
    if (rest === '/incomingRequests') {
      const ringing = ringingFor(session);
      if (method === 'GET') {
        return send(res, 200, {
          incomingRequests: {
            ringingCount: String(ringing.length),
            ...(ringing.length ? { link: at(`${base}/incomingRequests`, 'accept') } : {}),
          },
        });
      }
      if (method === 'POST') {
        // Bodies seen in the wild: {}, {"chat":"start"}, empty. All accepted.
        if (body.trim()) parseJson(body, false);
        const chat = ringing[0];
        // Undocumented: nothing to accept. Our choice: 409 Conflict.
        if (!chat) throw new HttpError(409, 'No chat request is ringing');
        chat.sessionId = session.id;
        chat.agentId = session.agent.id;
        chat.state = 'chatting';
        session.ringingSince = undefined;
        addEvent(chat, { type: 'state', state: 'chatting' });
        systemLine(chat, 3, `You are now chatting with ${session.agent.nickname}.`);
        // The transferring agent's note: for the receiving agent only, never the visitor.
        if (chat.transfer?.text) {
          const from = agents.find((a) => a.id === chat.transfer?.fromAgentId)?.nickname ?? 'Agent';
          addEvent(chat, { type: 'line', text: chat.transfer.text, textType: 'plain', by: from, source: 'agent', subType: 'ONLY_TO_REP' });
        }
        chat.transfer = undefined;
        return send(res, 201, { chatLocation: { link: at(agentChatUrl(session, chat), 'location') } });
      }
    }
    if (rest === '/chatSessions' && method === 'GET') {
      const held = heldChats(session);
      return send(res, 200, {
        chatSessions: held.length
          ? { chatSession: list(held.map((c) => ({ link: plain(agentChatUrl(session, c), 'chat-session'), chatSessionKey: c.id, startTime: Date.parse(c.startTime) }))) }
          : {},
      });
    }
    if (rest === '/chat' && method === 'GET') {
      const keys = (query.get('chatSessionKeys') ?? '').split(/[,…]/).filter(Boolean);
      if (!keys.length) throw new HttpError(400, 'chatSessionKeys is required');
      const from = (query.get('fromEventIds') ?? '').split(',');
      const found = keys.flatMap((key, i) => {
        const chat = chats.get(key);
        if (!chat || chat.sessionId !== session.id) return [];
        // fromEventIds = the last event id the client holds: answer what comes after it.
        const held = Number(from[i] ?? -1);
        return [agentChatBody(session, chat, Number.isFinite(held) ? held + 1 : 0, plain, eventA12)];
      });
      return send(res, 200, { chats: found.length ? { chat: list(found) } : {} });
    }
    if (rest === '/availableAgents' && method === 'GET') {
      // A5: every agent of the account, attributes as `@`-strings; states 1 Offline, 2 Online, 3 Occupied, 4 Away.
      const code = { Offline: '1', Online: '2', Occupied: '3', Away: '4' } as const;
      const stateOf = (a: AgentAccount) => {
        const live = [...sessions.values()].filter((x) => x.agent === a);
        return live.find((x) => x.availability === 'Online')?.availability ?? live.find((x) => x.availability === 'Occupied')?.availability ?? live[0]?.availability ?? 'Offline';
      };
      const skill = query.get('skill');
      const wanted = query.get('chatState');
      const listed = agents
        .filter((a) => !skill || hasSkill(a, skill))
        .filter((a) => !wanted || stateOf(a) === wanted)
        .map((a) => ({
          '@chatState': code[stateOf(a)],
          '@id': a.id,
          '@maxChats': String(a.maxChats),
          '@voiceState': '1',
          email: `${a.loginName}@example.com`,
          nickname: a.nickname,
          privilegeGroup: 'agents',
          ...(a.skills.length ? { skills: { skill: list(a.skills.map((k) => k.id)) } } : {}),
          userName: a.loginName,
        }));
      return send(res, 200, {
        availableAgents: {
          agents: listed.length ? { agent: list(listed) } : {},
          link: at(`${base}/availableAgents?timeStamp=${Date.now()}`, 'next'),
        },
      });
    }
    if (rest === '/chat/availableSlots' && method === 'GET') {
      // A6: free capacity of the online agents (for a skill, or one agent by login name); a number.
      const agentName = query.get('agent');
      const skill = query.get('skill');
      const live = [...sessions.values()].filter(
        (x) => x.availability === 'Online' && (!agentName || x.agent.loginName === agentName) && (!skill || hasSkill(x.agent, skill)),
      );
      if (live.some((x) => x.agent.maxChats < 0)) return send(res, 200, { availableSlots: -1 });
      const free = live.reduce((sum, x) => sum + Math.max(0, x.agent.maxChats - heldChats(x).length), 0);
      return send(res, 200, { availableSlots: free });
    }
    if ((match = /^\/visits\/visit\/([^/]+)$/.exec(rest)) && method === 'GET') {
      const chat = [...chats.values()].find((c) => visitId(c) === match![1] && c.sessionId === session.id);
      if (!chat) throw new HttpError(404, `Unknown visit ${match[1]}`);
      return send(res, 200, visitBody(session, chat));
    }
    if ((match = /^\/chat\/([^/]+)(\/.*)?$/.exec(rest))) {
      const chat = chats.get(match[1]!);
      if (!chat) throw new HttpError(404, `Unknown chat ${match[1]}`);
      if (chat.sessionId !== session.id) throw new HttpError(403, 'The chat is not held by this agent session');
      return agentChatRoute(session, chat, match[2] ?? '', method, body, query, res);
    }
    throw new HttpError(404, `No resource at ${rest}`);
  }

  function fromParam(query: URLSearchParams): number {
    const from = Number(query.get('from') ?? 0);
    if (!Number.isInteger(from) || from < 0) throw new HttpError(400, 'from must be a non-negative integer');
    return from;
  }

  function postEvent(chat: Chat, body: string, source: 'agent' | 'visitor', byName: string): ChatEvent {
    const input = parseJson(body, true);
    const event = input?.event;
    if (!event || typeof event !== 'object') throw new HttpError(400, 'Body must be {"event":{…}}');
    if (chat.state === 'ended') throw new HttpError(409, 'The chat has ended');
    const type = event['@type'] ?? event.type;
    if (type === 'line') {
      if (typeof event.text !== 'string') throw new HttpError(400, 'A line needs text');
      const textType = event.textType ?? 'plain';
      if (!['plain', 'html', 'rich-content'].includes(textType)) throw new HttpError(400, 'textType must be plain, html or rich-content');
      const subType = event.subType ?? 'REGULAR';
      if (subType !== 'REGULAR' && !(source === 'agent' && subType === 'ONLY_TO_REP')) throw new HttpError(400, 'Unsupported subType');
      if (textType === 'rich-content' && (typeof event.json !== 'object' || event.json === null)) {
        throw new HttpError(400, 'A rich-content line needs its structured content in "json"');
      }
      if (source === 'visitor') chat.visitorTyping = 'not-typing';
      else chat.agentTyping = 'not-typing';
      return addEvent(chat, {
        type: 'line',
        // A14 (reference §4.20): in an agent's HTML line "link targets are rewritten to _blank".
        text: textType === 'html' && source === 'agent' ? event.text.replace(/(<a\b[^>]*?\starget\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)/gi, '$1"_blank"') : event.text,
        textType,
        by: byName,
        source,
        subType,
        ...(textType === 'rich-content' ? { json: event.json } : {}),
      });
    }
    if (type === 'state' && event.state === 'ended') {
      chat.state = 'ended';
      const ended = addEvent(chat, { type: 'state', state: 'ended' });
      if (source === 'agent') systemLine(chat, 5, 'The agent has ended the chat.');
      return ended;
    }
    throw new HttpError(400, 'Unsupported event');
  }

  function agentChatRoute(session: AgentSession, chat: Chat, rest: string, method: string, body: string, query: URLSearchParams, res: ServerResponse): void {
    const url = agentChatUrl(session, chat);
    if (rest === '' && method === 'GET') return send(res, 200, { chat: agentChatBody(session, chat, fromParam(query), at, eventA11) });
    if (rest === '/events' && method === 'GET') {
      const { events } = agentChatBody(session, chat, fromParam(query), at, eventA11);
      return send(res, 200, { events });
    }
    if (rest === '/events' && method === 'POST') {
      const event = postEvent(chat, body, 'agent', session.agent.nickname);
      const location = at(`${url}/events/${event.id}`, 'location');
      return send(res, 201, event.type === 'line' ? { chatEventLocation: { link: location } } : { chatLocation: { link: location } });
    }
    if (rest === '/transfer' && method === 'GET') {
      // A23: skills with at least one online agent other than this one; every value a string.
      const skills = [...new Map(agents.flatMap((a) => a.skills).map((k) => [k.id, k])).values()]
        .map((k) => ({ id: k.id, name: k.name, onlineAgents: String(onlineAgentsWithSkill(k.id, session.agent.id)) }))
        .filter((k) => k.onlineAgents !== '0');
      return send(res, 200, { transfer: skills.length ? { skill: list(skills) } : {} });
    }
    if (rest === '/transfer' && method === 'POST') {
      const input = parseJson(body, true)?.transfer;
      if (!input || typeof input !== 'object') throw new HttpError(400, 'Body must be {"transfer":{…}}');
      if (chat.state !== 'chatting') throw new HttpError(409, 'Only a chat in progress can be transferred');
      const agentId = input.agent?.id != null ? String(input.agent.id) : undefined;
      const skillId = input.skill?.id != null ? String(input.skill.id) : undefined;
      const text = typeof input.text === 'string' ? input.text : undefined;
      // The page: if both are given, the agent wins.
      if (agentId) {
        const target = agents.find((a) => a.id === agentId);
        const online = [...sessions.values()].some((s) => s.agent.id === agentId && s.availability !== 'Away');
        if (!target || agentId === session.agent.id || !online) throw new HttpError(400, `Agent ${agentId} is not available for a transfer`);
        chat.transfer = { agentId, fromAgentId: session.agent.id, text };
        systemLine(chat, 13, `The chat is being transferred to ${target.nickname}.`);
      } else if (skillId) {
        const skill = agents.flatMap((a) => a.skills).find((k) => k.id === skillId);
        if (!skill || onlineAgentsWithSkill(skillId, session.agent.id) === 0) throw new HttpError(400, `Skill ${skillId} has no agent available`);
        chat.transfer = { skillId, fromAgentId: session.agent.id, text };
        systemLine(chat, 15, `The chat is being transferred to ${skill.name}.`);
      } else {
        throw new HttpError(400, 'A transfer needs a skill or an agent');
      }
      chat.sessionId = undefined;
      chat.agentId = undefined;
      chat.state = 'waiting';
      addEvent(chat, { type: 'state', state: 'waiting' });
      return send(res, 200);
    }
    if (rest === '/survey' && method === 'GET') return send(res, 200, { survey: agentSurvey });
    if (rest === '/survey' && method === 'PUT') {
      if (chat.agentSurvey) throw new HttpError(409, 'The agent survey was already submitted');
      chat.agentSurvey = validSurveyAnswers(parseJson(body, true));
      return send(res, 200);
    }
    if (rest === '/info' && method === 'GET') return send(res, 200, { info: infoBlock(chat, url, at) });
    if (rest === '/info/visitorName' && method === 'GET') return send(res, 200, { visitorName: chat.visitorName });
    if (rest === '/info/visitorTyping' && method === 'GET') return send(res, 200, { visitorTyping: chat.visitorTyping });
    if (rest === '/info/agentTyping') {
      if (method === 'GET') return send(res, 200, { agentTyping: chat.agentTyping });
      if (method === 'PUT') {
        const value = parseJson(body, true)?.agentTyping;
        if (value !== 'typing' && value !== 'not-typing') throw new HttpError(400, 'agentTyping must be typing or not-typing');
        chat.agentTyping = value;
        return send(res, 200, { agentTyping: value });
      }
    }
    throw new HttpError(404, `No resource at ${rest || '/'} of the chat`);
  }

  /**
   * `preChatLines` as start-chat.md documents it, `{"line":[…]}` (a bare string for one line), as the
   * JS SDK sends it, `{"lines":[…]}`, or a bare array (consumer reference §9 item 8). Lines are
   * strings, or `{text}` objects. Anything else is a 400, never silently dropped.
   */
  function preChatLines(value: unknown): string[] {
    if (value == null) return [];
    const container = typeof value === 'object' && !Array.isArray(value) ? (value as { line?: unknown; lines?: unknown }) : undefined;
    const raw = container ? (container.line ?? container.lines) : value;
    if (container && raw === undefined) throw new HttpError(400, 'preChatLines must be {"line":[…]}');
    const items = Array.isArray(raw) ? raw : [raw];
    return items.map((item) => {
      const text = typeof item === 'string' ? item : (item as { text?: unknown } | null)?.text;
      if (typeof text !== 'string') throw new HttpError(400, 'Each pre-chat line must be a string');
      return text;
    }).filter((text) => text !== '');
  }

  /** Pre-chat answers: `{"id", "question":[{"id","answer"}]}`; a list of one may be an object. */
  function surveyAnswers(survey: unknown): Array<{ id: string; answer: string }> {
    if (!survey || typeof survey !== 'object') return [];
    const questions = (survey as { question?: unknown }).question;
    const list = Array.isArray(questions) ? questions : questions ? [questions] : [];
    return list.flatMap((q) => {
      const { id, answer } = (q ?? {}) as { id?: unknown; answer?: unknown };
      if (id == null || answer == null) return [];
      return [{ id: String(id), answer: Array.isArray(answer) ? answer.join(', ') : String(answer) }];
    });
  }

  function visitorRoute(req: IncomingMessage, rest: string, method: string, body: string, query: URLSearchParams, res: ServerResponse): void {
    let match: RegExpExecArray | null;
    if (rest === '/chat/availability' && method === 'GET') {
      const available = [...sessions.values()].some((s) => s.availability === 'Online');
      return send(res, 200, { availability: available });
    }
    if ((rest === '/chat/preSurvey' || rest === '/chat//preSurvey') && method === 'GET') {
      return send(res, 200, { survey: preChatSurvey });
    }
    if (rest === '/chat/request' && method === 'POST') {
      const input = parseJson(body, false);
      const request = input?.request ?? {};
      if (typeof request !== 'object') throw new HttpError(400, 'Body must be {"request":{…}}');
      const id = `H${randomInt(1e9, 9e9)}${randomInt(1e9, 9e9)}-${hex(16)}K${randomInt(1e6, 9e6)}`;
      const now = iso();
      const chat: Chat = {
        id,
        visitorName: typeof request.visitorName === 'string' && request.visitorName ? request.visitorName : 'Visitor',
        // A returning visitor sends the visitorId of an earlier chat (documented, numeric).
        visitorId: /^\d{1,15}$/.test(String(request.visitorId ?? '')) ? Number(request.visitorId) : randomInt(1e12, 9e12),
        // `skill` (a name in the docs, an id in the sample app) or Postman's `skillId`.
        skill: typeof (request.skill ?? request.skillId) === 'string' || typeof (request.skill ?? request.skillId) === 'number' ? String(request.skill ?? request.skillId) : undefined,
        ...(typeof request.participantId === 'string' && participants.has(request.participantId) ? { participantId: request.participantId } : {}),
        state: 'waiting',
        events: [],
        startTime: now,
        lastUpdate: now,
        visitorTyping: 'not-typing',
        agentTyping: 'not-typing',
        rtSessionId: randomInt(4_294_967_296, 4_294_999_999),
        visit: {
          ip: typeof request.visitorIp === 'string' ? request.visitorIp : (req.socket.remoteAddress ?? '127.0.0.1'),
          userAgent: typeof request.userAgent === 'string' ? request.userAgent : String(req.headers['user-agent'] ?? ''),
          referrer: typeof request.chatReferrer === 'string' ? request.chatReferrer : undefined,
          survey: surveyAnswers(request.survey),
        },
      };
      chats.set(id, chat);
      addEvent(chat, { type: 'state', state: 'waiting' });
      systemLine(chat, 4, 'Thank you for choosing to chat with us.  An agent will be with you shortly.');
      // Pre-chat lines: "shown to the agent before the chat starts … not displayed to the visitor".
      for (const text of preChatLines(request.preChatLines).slice(0, 20)) {
        addEvent(chat, { type: 'line', text, textType: 'plain', by: chat.visitorName, source: 'visitor', subType: 'ONLY_TO_REP' });
      }
      // start-chat.md's table: "200 Successful", an empty body, the chat in `Location`.
      return send(res, 200, undefined, { Location: visitorChatUrl(chat) });
    }
    if ((match = /^\/chat\/([^/]+)(\/.*)?$/.exec(rest))) {
      const chat = chats.get(match[1]!);
      if (!chat) throw new HttpError(404, `Unknown chat ${match[1]}`);
      const sub = match[2] ?? '';
      const url = visitorChatUrl(chat);
      if (sub === '' && method === 'GET') return send(res, 200, { chat: visitorChatBody(chat, fromParam(query)) });
      if (sub === '/events' && method === 'GET') return send(res, 200, { events: visitorChatBody(chat, fromParam(query)).events });
      if (sub === '/events' && method === 'POST') {
        const event = postEvent(chat, body, 'visitor', chat.visitorName);
        return send(res, 201, undefined, { Location: `${url}/events/${event.id}` });
      }
      if (sub === '/exitSurvey' && method === 'GET') return send(res, 200, { survey: exitSurvey });
      if (sub === '/exitSurvey' && method === 'PUT') {
        const answers = surveyAnswers(parseJson(body, true)?.survey);
        if (!answers.length) throw new HttpError(400, 'No answers');
        chat.exitSurvey = answers;
        return send(res, 200);
      }
      if (sub === '/info' && method === 'GET') return send(res, 200, { info: infoBlock(chat, url, plain) });
      if (sub === '/info/agentTyping' && method === 'GET') return send(res, 200, { agentTyping: chat.agentTyping });
      if (sub === '/info/visitorTyping') {
        if (method === 'GET') return send(res, 200, { visitorTyping: chat.visitorTyping });
        if (method === 'PUT') {
          const value = parseJson(body, true)?.visitorTyping;
          if (value !== 'typing' && value !== 'not-typing') throw new HttpError(400, 'visitorTyping must be typing or not-typing');
          chat.visitorTyping = value;
          return send(res, 200);
        }
      }
      if (sub === '/info/visitorName') {
        if (method === 'GET') return send(res, 200, { visitorName: chat.visitorName });
        if (method === 'PUT') {
          const value = parseJson(body, true)?.visitorName;
          if (typeof value !== 'string' || !value.trim()) throw new HttpError(400, 'visitorName must be a non-empty string');
          chat.visitorName = value.slice(0, 100);
          return send(res, 201);
        }
      }
    }
    throw new HttpError(404, `No resource at ${rest}`);
  }

  // ---- server ------------------------------------------------------------------------------

  /** Serves one request, first applying the fault drawn for it (if any). */
  async function serve(req: IncomingMessage, res: ServerResponse, fault: FaultKind | undefined): Promise<void> {
    switch (fault) {
      case '500':
      case '502':
      case '503':
        req.resume();
        return sendError(res, new HttpError(Number(fault), 'Injected fault: the service is failing'));
      case '429':
        req.resume();
        return send(
          res,
          429,
          { error: { time: loginErrorTime(), message: 'Too many requests', internalCode: 429, responseStatus: STATUS_NAMES[429] } },
          { 'Retry-After': String(faults.retryAfterSeconds) },
        );
      case 'drop':
        req.socket.destroy();
        return;
      case 'latency':
        await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
        break;
      case 'lost-response': {
        // The request is applied; its answer never arrives.
        const socket = req.socket;
        res.writeHead = (() => res) as typeof res.writeHead;
        res.end = (() => {
          socket.destroy();
          return res;
        }) as typeof res.end;
        break;
      }
      case 'expire-bearer':
        for (const login of logins.values()) login.expiresAt = 0;
        break;
      case 'expire-agent-session':
        sessions.clear();
        break;
      case undefined:
        break;
    }
    const redirect = foreignHosts.redirectFor(new URL(req.url ?? '/', 'http://emulator').pathname);
    if (redirect) {
      req.resume();
      res.writeHead(redirect.status, { Location: redirect.location }).end();
      return;
    }
    return handle(req, res);
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname.replace(/\.json$/, '').replace(/\/+$/, '') || '/';
    const entry = requests.start(req.method ?? 'GET', path);
    res.once('close', () => requests.finish(entry, res.writableFinished ? res.statusCode : 0));
    // The method as the API means it: PUT may be tunnelled through POST.
    const method = req.method === 'POST' && String(req.headers['x-http-method-override'] ?? '').toUpperCase() === 'PUT' ? 'PUT' : (req.method ?? 'GET');
    const fault = faults.pick({ side: entry.side, method, path });
    if (fault) entry.fault = fault;
    serve(req, res, fault)
      .catch((error: unknown) => {
        if (error instanceof HttpError) return sendError(res, error, entry.side);
        console.error('[emulator] unexpected error', error);
        if (!res.headersSent) sendError(res, new HttpError(500, 'Internal error'));
        else res.end();
      })
      .finally(() => {
        if (opts.log) console.log(`${req.method} ${req.url} → ${res.statusCode}${fault ? ` [fault: ${fault}]` : ''} (${Date.now() - entry.at} ms)`);
      });
  });
  server.on('upgrade', (req, socket, head) => messaging.upgrade(req, socket, head) || socket.destroy());
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8090, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  hostPort = `${host}:${port}`;
  baseUrl = `http://${hostPort}`;
  return {
    baseUrl,
    port,
    requests,
    faults,
    foreignHosts,
    messaging,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(ringTimer);
        messaging.close();
        for (const scenario of scenarios) scenario.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A21's answer for an authenticated visitor. The SSO key stands for the customer's identity
 * provider; ours knows one demo customer (`dana-sso`) and treats any other key as a bare login.
 */
function participantInfo(participantId: string, ssoKey: string): Record<string, unknown> {
  if (ssoKey === 'dana-sso') {
    return {
      authenticatedParticipantInfo: {
        isUserAuthenticated: true,
        participantId,
        balance: -400.99,
        registrationDate: { year: 2013, month: 5, day: 23 },
        customerId: '88213',
        customerStatus: 'active',
        customerType: 'vip',
        userName: 'dana.whitfield',
      },
      authenticatedPersonalInfo: { name: 'Dana', surname: 'Whitfield', contacts: [{ email: 'dana@example.com', phone: '+1-555-0142' }] },
    };
  }
  return { authenticatedParticipantInfo: { isUserAuthenticated: true, participantId, userName: ssoKey } };
}
