/** Agent availability (A3, A4). */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import type { Availability, ChatAvailability, Result } from './types';

const availabilitySchema = z.object({
  availability: z.object({ chat: z.string(), voice: z.string().optional() }),
});

export async function getAvailability(http: Http, auth: RequestAuth, sessionUrl: string): Promise<Result<Availability>> {
  const result = await http.request({ url: `${sessionUrl}/availability`, chatAgentApi: true, auth, schema: availabilitySchema });
  return result.ok ? { ok: true, value: result.value.availability } : result;
}

export async function setAvailability(http: Http, auth: RequestAuth, sessionUrl: string, chat: ChatAvailability): Promise<Result<void>> {
  const result = await http.request({
    method: 'PUT',
    url: `${sessionUrl}/availability`,
    chatAgentApi: true,
    auth,
    body: { availability: { chat } },
    schema: z.unknown(),
  });
  return result.ok ? { ok: true, value: undefined } : result;
}
