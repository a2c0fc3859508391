/**
 * The `/` list in the composer: search as you type over the merged library (fleet › account ›
 * personal, from the background), arrows to move, Enter (or Tab) to insert, Esc to close. The focus
 * stays in the composer (ARIA combobox with a listbox). A response is inserted for editing, never
 * sent: placeholders filled from what the panel knows, a missing value left as a visible blank;
 * HTML shown only through the sanitizer and inserted as its words, sent as the sanitized HTML
 * while the agent leaves those words as they are (../ChatPane.tsx).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CannedResponsesAnswer } from '../../../messaging/protocol';
import { htmlLineFrom } from '../../../features/canned-responses/html-line';
import { prepareInsertion } from '../../../features/canned-responses/insertion';
import type { CannedResponse } from '../../../features/canned-responses/response';
import { searchResponses } from '../../../features/canned-responses/search';
import { sanitizeHtml, useSanitizedHtml } from '../../sanitize';
import { useSignalValue } from '../../state/use-signal-value';
import { run, view } from '../../store';
import type { CannedSlotProps } from '../quick-state';
import { composerTextFromHtml } from './composer-text';

/** A library read serves the lists opened within this time (the background keeps its own copy longer). */
const LIBRARY_REUSE_MS = 30_000;
let library: { at: number; answer: Promise<CannedResponsesAnswer> } | undefined;
const readLibrary = () => {
  if (!library || Date.now() - library.at > LIBRARY_REUSE_MS) library = { at: Date.now(), answer: run('getCannedResponses') };
  return library.answer;
};

const LIST_ID = 'agent-dock-canned-list';
const SOURCE_LABEL = { fleet: 'Team', account: 'Account', personal: 'Mine' } as const;

function Preview({ response }: { response: CannedResponse }) {
  const html = useSanitizedHtml(response.format === 'html' ? response.text : '');
  if (response.format !== 'html') return <div class="canned-preview" data-testid="canned-preview" dir="auto">{response.text}</div>;
  if (html === undefined) return <div class="canned-preview" data-testid="canned-preview">Loading the preview…</div>;
  return <div class="canned-preview" data-testid="canned-preview" dir="auto" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function CannedPicker({ query, chat, composer, keys, onPick, onClose }: CannedSlotProps) {
  const [answer, setAnswer] = useState<CannedResponsesAnswer | null>(null);
  const [active, setActive] = useState(0);
  const agentName = useSignalValue(view).auth.agentName;
  useEffect(() => {
    let live = true;
    void readLibrary().then((a) => live && setAnswer(a));
    return () => void (live = false);
  }, []);
  // Responses meant for other skills are left out once the chat's skill is known (as mergeLibraries does).
  const skillId = chat.skill?.id;
  const hits = useMemo(
    () => (answer?.ok ? searchResponses(answer.responses.filter((r) => !skillId || !r.skillIds.length || r.skillIds.includes(skillId)), query, 20) : []),
    [answer, query, skillId],
  );
  useEffect(() => setActive(0), [query]);
  const current = hits[Math.min(active, hits.length - 1)]?.response;

  const pick = (response: CannedResponse) => {
    const insertion = prepareInsertion(response, {
      visitorName: chat.visitorName,
      agentName,
      skill: chat.skill?.name,
      preChat: chat.visitor?.preChatSurvey,
      customVariables: chat.visitor?.customVariables,
    });
    if (!insertion.sanitize) return onPick(insertion.text);
    // Sent as HTML only as the sanitizer cleaned it (not loaded yet: its words, as plain text).
    const clean = sanitizeHtml(insertion.text);
    onPick(composerTextFromHtml(insertion.text, sanitizeHtml), clean === undefined ? undefined : htmlLineFrom(clean));
  };

  keys.current = (event: KeyboardEvent) => {
    if (event.isComposing) return false;
    const count = hits.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!count) return false;
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      if (!current) return false;
      pick(current);
    } else if (event.key === 'Escape') {
      onClose();
    } else return false;
    event.preventDefault();
    return true;
  };
  useEffect(() => () => void (keys.current = null), []);

  // The composer is the combobox: it keeps the focus and points at the active option.
  useEffect(() => {
    const box = composer.current;
    if (!box) return;
    box.setAttribute('role', 'combobox');
    box.setAttribute('aria-autocomplete', 'list');
    box.setAttribute('aria-expanded', 'true');
    box.setAttribute('aria-controls', LIST_ID);
    if (current) box.setAttribute('aria-activedescendant', `${LIST_ID}-${hits.indexOf(hits.find((h) => h.response === current)!)}`);
    else box.removeAttribute('aria-activedescendant');
  });
  useEffect(
    () => () => {
      for (const name of ['role', 'aria-autocomplete', 'aria-expanded', 'aria-controls', 'aria-activedescendant']) composer.current?.removeAttribute(name);
    },
    [],
  );

  return (
    <div class="canned" data-testid="canned">
      {answer === null && <p class="canned-note">Loading canned responses…</p>}
      {answer && !answer.ok && (
        <p class="canned-note" role="alert">
          {answer.message}
        </p>
      )}
      {answer?.ok && answer.problems.map((problem) => <p class="canned-note" key={problem}>{problem}</p>)}
      <ul class="canned-list" role="listbox" id={LIST_ID} aria-label="Canned responses" data-testid="canned-list">
        {hits.map(({ response }, index) => (
          <li
            key={response.key}
            id={`${LIST_ID}-${index}`}
            role="option"
            class="canned-option"
            data-testid="canned-option"
            data-source={response.source}
            aria-selected={response === current}
            // mousedown: the composer keeps the focus.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(response);
            }}
          >
            <span class="canned-title" dir="auto">{response.title}</span>
            {response.shortcut && <span class="canned-shortcut">/{response.shortcut}</span>}
            <span class="canned-source">{SOURCE_LABEL[response.source]}</span>
          </li>
        ))}
      </ul>
      {answer?.ok && !hits.length && <p class="canned-note">No canned response matches “{query}”. Esc closes the list.</p>}
      {current && <Preview response={current} />}
      <p class="canned-note" aria-hidden="true">
        ↑↓ choose · Enter inserts for editing · Esc closes
      </p>
    </div>
  );
}
