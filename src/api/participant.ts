/**
 * A21, Retrieve Participant Info: what the account's identity provider said about an
 * authenticated (SSO) visitor. The fields are the account's own (customer id, type, balance…), so
 * every scalar becomes a labelled fact; the personal part (name, contacts) is read where it is.
 */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import { listOf } from './quirks';
import type { Fact, ParticipantInfo, Result } from './types';

const participantSchema = z.object({
  authenticatedParticipantInfo: z.record(z.string(), z.unknown()).optional(),
  authenticatedPersonalInfo: z
    .looseObject({
      name: z.string().optional(),
      surname: z.string().optional(),
      contacts: listOf(z.looseObject({ email: z.string().optional(), phone: z.string().optional() })).optional(),
    })
    .optional(),
});

const LABELS: Record<string, string> = {
  customerId: 'Customer id',
  customerStatus: 'Customer status',
  customerType: 'Customer type',
  userName: 'User name',
  accountName: 'Account name',
  companySize: 'Company size',
  registrationDate: 'Registered',
  lastPaymentDate: 'Last payment',
  socialId: 'Social id',
};

/** `{year, month, day}` as an ISO date; any other object as its values. */
function factValue(value: unknown): string | undefined {
  if (value == null) return undefined;
  if (typeof value !== 'object') return String(value);
  const { year, month, day } = value as { year?: unknown; month?: unknown; day?: unknown };
  if (typeof year === 'number' && typeof month === 'number' && typeof day === 'number') {
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  const parts = Object.values(value).filter((v) => typeof v === 'string' || typeof v === 'number');
  return parts.length ? parts.join(', ') : undefined;
}

export async function getParticipantInfo(http: Http, auth: RequestAuth, sessionUrl: string, participantId: string): Promise<Result<ParticipantInfo>> {
  const url = `${sessionUrl.replace(/\/+$/, '')}/participantExtendedInfo/${encodeURIComponent(participantId)}`;
  const result = await http.request({ url, chatAgentApi: true, auth, schema: participantSchema });
  if (!result.ok) return result;
  const { isUserAuthenticated, participantId: _id, ...fields } = result.value.authenticatedParticipantInfo ?? {};
  const facts: Fact[] = [];
  const personal = result.value.authenticatedPersonalInfo;
  const name = [personal?.name, personal?.surname].filter(Boolean).join(' ');
  if (name) facts.push({ label: 'Authenticated name', value: name });
  for (const contact of personal?.contacts ?? []) {
    if (contact.email) facts.push({ label: 'Email', value: contact.email });
    if (contact.phone) facts.push({ label: 'Phone', value: contact.phone });
  }
  for (const [key, value] of Object.entries(fields)) {
    const text = factValue(value);
    if (text !== undefined) facts.push({ label: LABELS[key] ?? key, value: text });
  }
  return { ok: true, value: { authenticated: isUserAuthenticated === true || isUserAuthenticated === 'true', facts } };
}
