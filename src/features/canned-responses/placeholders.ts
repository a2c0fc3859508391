/**
 * Placeholders in canned responses, filled from what the panel knows about the chat:
 * `{visitorName}`, `{agentName}`, `{skill}`, `{preChat:<question>}` (a pre-chat survey answer, by
 * its question) and `{var:<name>}` (a custom variable). Names ignore case, spaces, `_` and `-`
 * (`{Visitor Name}` = `{visitorName}`).
 *
 * A value the panel does not know is left as a visible blank, `___`, for the agent to fill in: a
 * response never reaches the visitor as `{placeholder}`, and `problemsBeforeSending` lets the
 * composer hold back a line that still has a blank or a placeholder in it. Values are inserted
 * once (a visitor called `{agentName}` stays that, literally), on one line, HTML-escaped when the
 * response is HTML.
 */
import type { Fact } from '../../api/types';
import type { ResponseFormat } from './response';

export const BLANK = '___';
/** Longer values are cut: a name or an answer, not a document. */
export const MAX_VALUE_LENGTH = 200;

export interface PlaceholderContext {
  visitorName?: string;
  agentName?: string;
  /** The chat's skill, by name. */
  skill?: string;
  preChat?: readonly Fact[];
  customVariables?: readonly Fact[];
}

export interface FilledResponse {
  text: string;
  /** Placeholders left blank, as written (`visitorName`, `var:orderNumber`), in order, once each. */
  missing: string[];
}

const PLACEHOLDER = /\{\s*([A-Za-z][\w -]{0,40}?)\s*(?::\s*([^{}\n]{1,80}?)\s*)?\}/g;

const squash = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function clean(value: string | undefined): string | undefined {
  const oneLine = value?.replace(/\s+/g, ' ').trim();
  return oneLine ? oneLine.slice(0, MAX_VALUE_LENGTH) : undefined;
}

function lookup(facts: readonly Fact[] | undefined, label: string): string | undefined {
  const wanted = squash(label);
  return facts?.find((f) => squash(f.label) === wanted)?.value;
}

/** The value for one placeholder; `undefined` when the panel does not know it (or the name is unknown). */
function valueOf(name: string, argument: string | undefined, context: PlaceholderContext): string | undefined {
  const key = squash(name);
  if (argument !== undefined) {
    if (key === 'prechat') return clean(lookup(context.preChat, argument));
    if (key === 'var' || key === 'customvariable') return clean(lookup(context.customVariables, argument));
    return undefined;
  }
  if (key === 'visitorname' || key === 'visitor') return clean(context.visitorName);
  if (key === 'agentname' || key === 'agent') return clean(context.agentName);
  if (key === 'skill' || key === 'skillname') return clean(context.skill);
  return undefined;
}

export function fillPlaceholders(template: string, context: PlaceholderContext, format: ResponseFormat = 'plain'): FilledResponse {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_match, name: string, argument: string | undefined) => {
    const value = valueOf(name, argument, context);
    if (value !== undefined) return format === 'html' ? escapeHtml(value) : value;
    const written = argument === undefined ? name.trim() : `${name.trim()}:${argument.trim()}`;
    if (!missing.includes(written)) missing.push(written);
    return BLANK;
  });
  return { text, missing };
}

/** Sentences that say why a line should not be sent yet: a blank to fill or a placeholder left in. */
export function problemsBeforeSending(text: string): string[] {
  const problems: string[] = [];
  const blanks = text.split(BLANK).length - 1;
  if (blanks) problems.push(blanks === 1 ? 'Fill in the blank (___) first.' : `Fill in the ${blanks} blanks (___) first.`);
  const left = [...text.matchAll(PLACEHOLDER)].map((m) => m[0]);
  if (left.length) problems.push(`Replace ${left.join(', ')} before sending.`);
  return problems;
}
