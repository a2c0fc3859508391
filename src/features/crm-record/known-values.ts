/**
 * What the panel knows about a chat's visitor, in the shape the record template reads: e-mail,
 * phone, customer id and name picked from the facts LivePerson gave (participant info for
 * signed-in visitors, the visit, the pre-chat survey), plus every pre-chat answer and custom
 * variable by its label.
 */
import type { Fact } from '../../api/types';

export interface RecordValues {
  email?: string;
  phone?: string;
  customerId?: string;
  name?: string;
  visitorId?: string;
  preChat: Fact[];
  customVariables: Fact[];
}

export interface VisitorKnowledge {
  visitorName?: string;
  visitorId?: string;
  /** Visit and participant-info facts (labels as src/api reads them: "Email", "Customer id", …). */
  facts?: readonly Fact[];
  preChatSurvey?: readonly Fact[];
  customVariables?: readonly Fact[];
}

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
const PHONE = /^\+?[\d\s().-]{5,}$/;

function pick(facts: readonly Fact[], label: RegExp, shape?: RegExp): string | undefined {
  const byLabel = facts.find((f) => label.test(f.label) && f.value.trim() !== '' && (!shape || shape.test(f.value.trim())));
  return byLabel?.value.trim();
}

/** LivePerson's placeholder names are not names. */
function realName(name: string | undefined): string | undefined {
  const trimmed = name?.trim();
  return trimmed && !/^(visitor|you|guest|anonymous)$/i.test(trimmed) ? trimmed : undefined;
}

export function knownValues(k: VisitorKnowledge): RecordValues {
  const facts = k.facts ?? [];
  const survey = k.preChatSurvey ?? [];
  const all = [...facts, ...survey];
  const anyEmail = all.find((f) => EMAIL.test(f.value.trim()))?.value.trim();
  return {
    email: pick(all, /e-?mail/i, EMAIL) ?? anyEmail,
    phone: pick(all, /phone|mobile|tel/i, PHONE),
    customerId: pick(facts, /customer\s*id/i) ?? pick(survey, /customer\s*(id|number)/i),
    name: realName(pick(facts, /^authenticated name$/i)) ?? realName(pick(survey, /^(full\s*)?name$/i)) ?? realName(k.visitorName),
    visitorId: k.visitorId?.trim() || undefined,
    preChat: [...survey],
    customVariables: [...(k.customVariables ?? [])],
  };
}
