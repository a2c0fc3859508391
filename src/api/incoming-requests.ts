/** Incoming chat requests (A8) and accepting the next one (A9). */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import { lastSegment, listOf, linkSchema, locationSchema, numberish } from './quirks';
import type { ChatRef, IncomingRequests, Result } from './types';

const incomingSchema = z.object({
  incomingRequests: z.object({ ringingCount: numberish, link: listOf(linkSchema) }),
});

const acceptSchema = z.object({ chatLocation: locationSchema });

export async function getIncoming(http: Http, auth: RequestAuth, sessionUrl: string): Promise<Result<IncomingRequests>> {
  const result = await http.request({ url: `${sessionUrl}/incomingRequests`, chatAgentApi: true, auth, schema: incomingSchema });
  if (!result.ok) return result;
  const { ringingCount, link } = result.value.incomingRequests;
  // The rel of the accept link is undocumented; like LivePerson's own sample app, take the one link.
  return { ok: true, value: { ringingCount, acceptUrl: ringingCount > 0 ? link[0]?.href : undefined } };
}

export async function accept(http: Http, auth: RequestAuth, acceptUrl: string): Promise<Result<ChatRef>> {
  const result = await http.request({ method: 'POST', url: acceptUrl, chatAgentApi: true, auth, body: {}, schema: acceptSchema });
  if (!result.ok) return result;
  const chatUrl = result.value.chatLocation;
  return { ok: true, value: { chatUrl, chatId: lastSegment(chatUrl) } };
}
