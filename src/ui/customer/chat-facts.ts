/** What the panel knows of a chat's visitor, for the record link, the history and the wrap-up (#22). */
import { knownValues, type RecordValues } from '../../features/crm-record/known-values';
import type { WrapUpChat } from '../../features/wrap-up/recipe-values';
import type { ChatView } from '../../messaging/view';
import { transcriptText } from '../transcript-text';

export function chatValues(chat: ChatView): RecordValues {
  return knownValues({
    visitorName: chat.visitorName,
    visitorId: chat.visitorId,
    facts: chat.visitor?.facts,
    preChatSurvey: chat.visitor?.preChatSurvey,
    customVariables: chat.visitor?.customVariables,
  });
}

/** The ended chat as Log to CRM reads it. The duration runs from the start to the last line. */
export function wrapUpChat(chat: ChatView): WrapUpChat {
  const values = chatValues(chat);
  const start = chat.startTime ? Date.parse(chat.startTime) : Number.NaN;
  const times = chat.lines.map((l) => Date.parse(l.time)).filter((t) => Number.isFinite(t));
  const last = times.length ? Math.max(...times) : Number.NaN;
  return {
    chatId: chat.id,
    startTime: Number.isFinite(start) ? start : undefined,
    durationSeconds: Number.isFinite(start) && Number.isFinite(last) && last >= start ? Math.round((last - start) / 1000) : undefined,
    visitor: { name: values.name, email: values.email, phone: values.phone },
    transcript: transcriptText(chat),
  };
}
