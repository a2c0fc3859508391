/**
 * Chats: the chat resource (A11), its events (A13), every chat at once (A12), the agent's held
 * chats (A10), lines and end (A14, A15), chat info and typing (A16–A20).
 */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import { idish, lastSegment, linksSchema, listOf, linkSchema, locationSchema, numberish } from './quirks';
import type { ChatCursor, ChatEvent, ChatInfo, ChatSessionRef, ChatSnapshot, EventsPage, NewLine, PostedEvent, Result } from './types';

// Events come as `@id`/`@type` (A11, A13) or `id`/`type` (A12); ids and systemMessageId as
// strings or numbers.
const eventSchema = z
  .looseObject({
    '@id': idish.optional(),
    id: idish.optional(),
    '@type': z.string().optional(),
    type: z.string().optional(),
    time: z.string().optional(),
    text: z.string().optional(),
    textType: z.string().optional(),
    by: z.string().optional(),
    source: z.string().optional(),
    subType: z.string().optional(),
    systemMessageId: numberish.optional(),
    state: z.string().optional(),
  })
  .transform((raw, ctx): ChatEvent => {
    const id = Number(raw['@id'] ?? raw.id);
    if (!Number.isInteger(id)) {
      ctx.addIssue({ code: 'custom', message: 'event without a numeric id' });
      return z.NEVER;
    }
    const type = raw['@type'] ?? raw.type ?? 'unknown';
    const time = raw.time ?? '';
    if (type === 'line') {
      return {
        type: 'line',
        id,
        time,
        text: raw.text ?? '',
        textType: raw.textType ?? 'plain',
        by: raw.by ?? '',
        source: raw.source ?? 'system',
        subType: raw.subType,
        systemMessageId: raw.systemMessageId,
        json: raw.json,
      };
    }
    if (type === 'state' && raw.state) return { type: 'state', id, time, state: raw.state };
    return { type, id, time, raw };
  });

const eventsSchema = z.object({ link: linksSchema.optional(), event: listOf(eventSchema) });

const infoSchema = z
  .looseObject({
    link: linksSchema.optional(),
    state: z.string().optional(),
    chatSessionKey: z.string().optional(),
    agentName: z.string().optional(),
    agentId: idish.optional(),
    visitorId: idish.optional(),
    visitorName: z.string().optional(),
    startTime: z.string().optional(),
    lastUpdate: z.string().optional(),
    duration: numberish.optional(),
    chatTimeout: numberish.optional(),
    visitorTyping: z.string().optional(),
    agentTyping: z.string().optional(),
    participantId: idish.optional(),
    skillId: idish.optional(),
    skillName: z.string().optional(),
  })
  .transform((raw) => {
    const { link, state, chatSessionKey, agentName, agentId, visitorId, visitorName, startTime, lastUpdate, duration, chatTimeout, visitorTyping, agentTyping, participantId, skillId, skillName, ...extra } = raw;
    const info: ChatInfo = { state, chatSessionKey, agentName, agentId, visitorId, visitorName, startTime, lastUpdate, duration, chatTimeout, visitorTyping, agentTyping, participantId, skillId, skillName, extra };
    return { info, links: link ?? {} };
  });

const chatBodySchema = z.object({
  link: linksSchema,
  events: eventsSchema.optional(),
  info: infoSchema.optional(),
});

function snapshot(body: z.infer<typeof chatBodySchema>, fallbackUrl?: string): ChatSnapshot | undefined {
  const chatUrl = (body.link.self ?? fallbackUrl)?.replace(/\?.*$/, '');
  const chatId = chatUrl ? lastSegment(chatUrl) : body.info?.info.chatSessionKey;
  if (!chatUrl || !chatId) return undefined;
  // Info links (visitor-name, visitor-typing, agent-typing) join the chat's links: rels do not clash.
  const links = { ...body.info?.links, ...body.link };
  return {
    chatUrl,
    chatId,
    links,
    events: body.events?.event ?? [],
    nextUrl: body.events?.link?.next,
    info: body.info?.info,
  };
}

const chatSchema = z.object({ chat: chatBodySchema });
const chatsSchema = z.object({ chats: z.object({ chat: listOf(chatBodySchema) }).optional() });
const eventsPageSchema = z.object({ events: eventsSchema });
const chatSessionsSchema = z.object({
  chatSessions: z.object({
    chatSession: listOf(z.object({ link: listOf(linkSchema), chatSessionKey: z.string().optional(), startTime: numberish.optional() })),
  }),
});
const postedSchema = z.object({ chatEventLocation: locationSchema });
const infoResponseSchema = z.object({ info: infoSchema });

export async function getChat(http: Http, auth: RequestAuth, chatUrl: string): Promise<Result<ChatSnapshot>> {
  const result = await http.request({ url: chatUrl, chatAgentApi: true, auth, schema: chatSchema });
  if (!result.ok) return result;
  const value = snapshot(result.value.chat, chatUrl);
  return value ? { ok: true, value } : badChat(chatUrl);
}

export async function getEvents(http: Http, auth: RequestAuth, nextUrl: string): Promise<Result<EventsPage>> {
  const result = await http.request({ url: nextUrl, chatAgentApi: true, auth, schema: eventsPageSchema });
  return result.ok ? { ok: true, value: { events: result.value.events.event, nextUrl: result.value.events.link?.next } } : result;
}

/** A12. `fromEventIds` is the last event id held per chat (−1 = none held yet). */
export async function getChats(http: Http, auth: RequestAuth, sessionUrl: string, cursors: ChatCursor[]): Promise<Result<ChatSnapshot[]>> {
  if (cursors.length === 0) return { ok: true, value: [] };
  const result = await http.request({
    url: `${sessionUrl}/chat`,
    chatAgentApi: true,
    auth,
    query: {
      chatSessionKeys: cursors.map((c) => c.chatId).join(','),
      fromEventIds: cursors.map((c) => String(c.lastEventId)).join(','),
    },
    schema: chatsSchema,
  });
  if (!result.ok) return result;
  const chats: ChatSnapshot[] = [];
  for (const body of result.value.chats?.chat ?? []) {
    const value = snapshot(body);
    if (value) chats.push(value);
  }
  return { ok: true, value: chats };
}

export async function getChatSessions(http: Http, auth: RequestAuth, sessionUrl: string): Promise<Result<ChatSessionRef[]>> {
  const result = await http.request({ url: `${sessionUrl}/chatSessions`, chatAgentApi: true, auth, schema: chatSessionsSchema.optional() });
  if (!result.ok) return result;
  const refs: ChatSessionRef[] = [];
  for (const session of result.value?.chatSessions.chatSession ?? []) {
    const href = session.link.find((l) => l.rel === 'chat-session')?.href ?? session.link[0]?.href;
    if (href) refs.push({ chatUrl: href, chatId: lastSegment(href), startTime: session.startTime });
  }
  return { ok: true, value: refs };
}

export async function addLine(http: Http, auth: RequestAuth, eventsUrl: string, line: NewLine): Promise<Result<PostedEvent>> {
  const event: Record<string, unknown> = { '@type': 'line', text: line.text, textType: line.textType ?? 'plain' };
  if (line.subType) event.subType = line.subType;
  if (line.json !== undefined) event.json = line.json;
  const result = await http.request({ method: 'POST', url: eventsUrl, chatAgentApi: true, auth, body: { event }, schema: postedSchema });
  if (!result.ok) return result;
  const eventId = Number(lastSegment(result.value.chatEventLocation));
  return { ok: true, value: { eventUrl: result.value.chatEventLocation, eventId } };
}

export async function endChat(http: Http, auth: RequestAuth, eventsUrl: string): Promise<Result<void>> {
  // Answered with `chatLocation` (not `chatEventLocation`): we rely on the status only.
  const result = await http.request({
    method: 'POST',
    url: eventsUrl,
    chatAgentApi: true,
    auth,
    body: { event: { '@type': 'state', state: 'ended' } },
    schema: z.unknown(),
  });
  return result.ok ? { ok: true, value: undefined } : result;
}

export async function getChatInfo(http: Http, auth: RequestAuth, infoUrl: string): Promise<Result<ChatInfo>> {
  const result = await http.request({ url: infoUrl, chatAgentApi: true, auth, schema: infoResponseSchema });
  return result.ok ? { ok: true, value: result.value.info.info } : result;
}

/** A17, A18, A20: one field of the chat's info, at its own URL (`{chat}/info/visitorName` …). */
export async function getInfoField(
  http: Http,
  auth: RequestAuth,
  fieldUrl: string,
  field: 'visitorName' | 'visitorTyping' | 'agentTyping',
): Promise<Result<string>> {
  const result = await http.request({ url: fieldUrl, chatAgentApi: true, auth, schema: z.object({ [field]: z.string() }) });
  return result.ok ? { ok: true, value: (result.value as Record<string, string>)[field]! } : result;
}

export async function setAgentTyping(http: Http, auth: RequestAuth, agentTypingUrl: string, typing: boolean): Promise<Result<void>> {
  const result = await http.request({
    method: 'PUT',
    url: agentTypingUrl,
    chatAgentApi: true,
    auth,
    body: { agentTyping: typing ? 'typing' : 'not-typing' },
    schema: z.unknown(),
  });
  return result.ok ? { ok: true, value: undefined } : result;
}

function badChat(url: string): Result<never> {
  return { ok: false, error: { kind: 'bad-response', url, message: 'LivePerson sent a chat without a usable link' } };
}
