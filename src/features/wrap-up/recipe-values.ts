/**
 * The text each taught field receives from one ended chat and its wrap-up card, formatted for
 * the kind of field it goes into (a date input wants `YYYY-MM-DD`, a number input a number). A
 * value the chat does not have is a skip with a reason, never an empty write over CRM data.
 */
import { formatDuration } from '../../text/duration';
import type { FieldLocator, Recipe, RecipeField, RecipeValue } from './recipe';

export interface WrapUpChat {
  chatId: string;
  /** Epoch ms. */
  startTime?: number;
  durationSeconds?: number;
  visitor: { name?: string; email?: string; phone?: string };
  /** The whole chat as text (src/ui/transcript-text.ts makes it for the panel). */
  transcript: string;
}

export interface WrapUpAnswers {
  disposition?: string;
  notes: string;
}

export type PlannedFill = { field: RecipeField; value: string } | { field: RecipeField; skipped: string };

const two = (n: number) => String(n).padStart(2, '0');

/** A start time in the form the field takes, in the agent's local time. */
function timeFor(ms: number, locator: FieldLocator): string {
  const d = new Date(ms);
  const date = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  const time = `${two(d.getHours())}:${two(d.getMinutes())}`;
  if (locator.type === 'date') return date;
  if (locator.type === 'datetime-local') return `${date}T${time}`;
  if (locator.type === 'time') return time;
  return `${date} ${time}`;
}

/** Why a value is missing, as the agent reads it. */
const MISSING: Record<RecipeValue, string> = {
  transcript: 'the chat has no lines',
  notes: 'no notes were written',
  disposition: 'no disposition was chosen',
  'visitor.email': 'no e-mail is known for this visitor',
  'visitor.phone': 'no phone number is known for this visitor',
  'visitor.name': 'no name is known for this visitor',
  'chat.id': 'the chat has no id',
  'chat.startTime': 'the start time is unknown',
  'chat.duration': 'the duration is unknown',
};

export function recipeValue(kind: RecipeValue, chat: WrapUpChat, answers: WrapUpAnswers, locator: FieldLocator): string | undefined {
  const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  switch (kind) {
    case 'transcript':
      return text(chat.transcript);
    case 'notes':
      return text(answers.notes);
    case 'disposition':
      return text(answers.disposition);
    case 'visitor.email':
      return text(chat.visitor.email);
    case 'visitor.phone':
      return text(chat.visitor.phone);
    case 'visitor.name':
      return text(chat.visitor.name);
    case 'chat.id':
      return text(chat.chatId);
    case 'chat.startTime':
      return chat.startTime === undefined || !Number.isFinite(chat.startTime) ? undefined : timeFor(chat.startTime, locator);
    case 'chat.duration':
      if (chat.durationSeconds === undefined || !Number.isFinite(chat.durationSeconds) || chat.durationSeconds < 0) return undefined;
      // A number field gets whole minutes (rounded up): what CRMs' "duration" fields count.
      return locator.type === 'number' ? String(Math.ceil(chat.durationSeconds / 60)) : formatDuration(chat.durationSeconds);
  }
}

/** What Log to CRM would write, field by field, before anything is written. */
export function planFill(recipe: Recipe, chat: WrapUpChat, answers: WrapUpAnswers): PlannedFill[] {
  return recipe.fields.map((field) => {
    const value = recipeValue(field.value, chat, answers, field.locator);
    return value === undefined ? { field, skipped: MISSING[field.value] } : { field, value };
  });
}
