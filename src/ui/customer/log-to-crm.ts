/**
 * Log to CRM: each field of the site's recipe found again on the page as it is now (stable
 * attributes, not positions) and given its value through the write-back path, typed as a user
 * would. One field at a time, letting the page re-render between them (a controlled form redraws
 * on every input). Nothing is submitted; a field that is gone, ambiguous or read-only is said.
 */
import { findField } from '../../features/wrap-up/field-locator';
import { planFill, type WrapUpAnswers, type WrapUpChat } from '../../features/wrap-up/recipe-values';
import type { Recipe } from '../../features/wrap-up/recipe';
import { replaceFieldValue } from '../panel/write-back';

export interface LogOutcome {
  label: string;
  ok: boolean;
  message: string;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function logToCrm(doc: Document, recipe: Recipe, chat: WrapUpChat, answers: WrapUpAnswers): Promise<LogOutcome[]> {
  const outcomes: LogOutcome[] = [];
  for (const planned of planFill(recipe, chat, answers)) {
    const { label } = planned.field;
    if ('skipped' in planned) {
      outcomes.push({ label, ok: false, message: `“${label}” left as it is: ${planned.skipped}.` });
      continue;
    }
    const found = findField(doc, planned.field.locator, label);
    if (!found.ok) {
      outcomes.push({ label, ok: false, message: found.reason });
      continue;
    }
    const written = replaceFieldValue(found.element, planned.value);
    outcomes.push({ label, ok: written.ok, message: written.ok ? `Filled “${label}”.` : written.message });
    await nextTask();
  }
  return outcomes;
}
