/**
 * The visit behind a chat's `visit-id` link. LivePerson names the link ("aggregated visit data,
 * pages visited and surveys") but documents no shape, so this reader is deliberately loose: it
 * keeps every scalar it finds as a labelled fact and reads pages, surveys and custom variables
 * where they are, in either spelling, as lists or single objects.
 */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import { listOf } from './quirks';
import type { Result, Visit } from './types';

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const visitSchema = z.object({
  visit: z.looseObject({
    pages: z.object({ page: listOf(z.looseObject({ url: z.string().optional(), title: z.string().optional(), time: z.string().optional() })) }).optional(),
    surveys: z
      .object({
        survey: listOf(
          z.looseObject({
            question: listOf(z.looseObject({ text: scalar.optional(), '@id': scalar.optional(), id: scalar.optional(), answer: z.unknown() })),
          }),
        ),
      })
      .optional(),
    customVariables: z.object({ customVariable: listOf(z.object({ name: scalar, value: scalar.optional() })) }).optional(),
  }),
});

const LABELS: Record<string, string> = {
  visitorId: 'Visitor id',
  visitorName: 'Name',
  device: 'Device',
  os: 'Operating system',
  browser: 'Browser',
  ipAddress: 'IP address',
  referrer: 'Referrer',
  location: 'Location',
};

function answerText(answer: unknown): string {
  if (Array.isArray(answer)) return answer.map(answerText).join(', ');
  return answer == null ? '' : typeof answer === 'object' ? JSON.stringify(answer) : String(answer);
}

export async function getVisit(http: Http, auth: RequestAuth, visitUrl: string): Promise<Result<Visit>> {
  const result = await http.request({ url: visitUrl, chatAgentApi: true, auth, schema: visitSchema });
  if (!result.ok) return result;
  const { pages, surveys, customVariables, link: _links, ...rest } = result.value.visit;
  const facts = Object.entries(rest).flatMap(([key, value]) => {
    if (value == null) return [];
    if (typeof value === 'object') {
      // e.g. location {country, region, city}: one line, most specific first.
      const parts = Object.values(value as Record<string, unknown>).filter((v) => typeof v === 'string' || typeof v === 'number');
      return parts.length ? [{ label: LABELS[key] ?? key, value: parts.reverse().join(', ') }] : [];
    }
    return [{ label: LABELS[key] ?? key, value: String(value) }];
  });
  return {
    ok: true,
    value: {
      facts,
      preChatSurvey: (surveys?.survey ?? []).flatMap((s) =>
        s.question.map((q) => ({ label: q.text ?? q['@id'] ?? q.id ?? 'Question', value: answerText(q.answer) })),
      ),
      customVariables: (customVariables?.customVariable ?? []).map((v) => ({ label: v.name, value: v.value ?? '' })),
      pages: (pages?.page ?? []).flatMap((p) => (p.url ? [{ url: p.url, title: p.title, time: p.time }] : [])),
    },
  };
}
