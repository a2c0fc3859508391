/**
 * Options → Canned responses: the agent's personal library (create, edit, delete), import and
 * export as JSON (a bad file is refused whole, one line per problem), and what the agent should
 * know about the other libraries: the fleet's entries the administrator got wrong, and `/shortcut`
 * clashes between libraries.
 */
import { useEffect, useState } from 'preact/hooks';
import { exportLibrary, importIntoLibrary, parseLibraryFile } from '../../features/canned-responses/library-file';
import { addResponse, deleteResponse, editResponse, EMPTY_PERSONAL_LIBRARY, personalLibraryItem, type LibraryEnv, type PersonalLibrary, type PersonalResponse } from '../../features/canned-responses/personal-library';
import { run } from '../store';
import { download } from './download';
import { ImportJsonButton } from './ImportJsonButton';

const env: LibraryEnv = { newId: () => crypto.randomUUID(), now: () => Date.now() };

interface Draft {
  id?: string;
  title: string;
  shortcut: string;
  text: string;
}
const EMPTY_DRAFT: Draft = { title: '', shortcut: '', text: '' };

export function CannedResponsesEditor() {
  const [library, setLibrary] = useState<PersonalLibrary>(EMPTY_PERSONAL_LIBRARY);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [message, setMessage] = useState<{ kind: 'error' | 'status'; lines: string[] } | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  useEffect(() => {
    void personalLibraryItem.getValue().then(setLibrary);
    return personalLibraryItem.watch((next) => setLibrary(next ?? EMPTY_PERSONAL_LIBRARY));
  }, []);
  // What the merged library says (fleet problems, shortcut clashes); again after every change.
  useEffect(() => {
    void run('getCannedResponses').then((answer) => setNotes(answer.ok ? [...answer.problems, ...answer.clashes] : []));
  }, [library]);

  const save = async (event: Event) => {
    event.preventDefault();
    const input = { title: draft.title, text: draft.text, ...(draft.shortcut.trim() ? { shortcut: draft.shortcut } : {}) };
    const change = draft.id ? editResponse(library, draft.id, input, env) : addResponse(library, input, env);
    if (!change.ok) return setMessage({ kind: 'error', lines: change.errors });
    await personalLibraryItem.setValue(change.library);
    setDraft(EMPTY_DRAFT);
    setMessage({ kind: 'status', lines: [`Saved “${change.response?.title ?? input.title}”.`] });
  };

  const importFile = async (file: File) => {
    const parsed = parseLibraryFile(await file.text());
    if (!parsed.ok) return setMessage({ kind: 'error', lines: parsed.errors });
    const merged = importIntoLibrary(library, parsed.responses, env);
    if (!merged.ok) return setMessage({ kind: 'error', lines: merged.errors });
    await personalLibraryItem.setValue(merged.library);
    setMessage({ kind: 'status', lines: [`Imported ${merged.added} response(s)${merged.skipped ? `, ${merged.skipped} already there` : ''}.`] });
  };

  const edit = (r: PersonalResponse) => setDraft({ id: r.id, title: r.title, shortcut: r.shortcut ?? '', text: r.text });
  const field = (key: keyof Draft) => (event: Event) => setDraft({ ...draft, [key]: (event.target as HTMLInputElement).value });

  return (
    <div class="canned-editor" data-testid="canned-editor">
      <p class="hint">
        Type <kbd>/</kbd> in a chat’s message box to pick one. Placeholders: {'{visitorName}'}, {'{agentName}'}, {'{skill}'},{' '}
        {'{preChat:Question}'}, {'{var:name}'}; a value the panel does not know stays a blank (___) to fill in before sending.
      </p>
      <ul class="site-list" data-testid="canned-personal-list">
        {library.responses.map((r) => (
          <li class="site" key={r.id} data-testid="canned-personal">
            <div class="site-head">
              <strong class="site-enabled">
                {r.title}
                {r.shortcut && <span class="site-status"> /{r.shortcut}</span>}
              </strong>
              <button type="button" class="btn" aria-label={`Edit ${r.title}`} data-testid="canned-edit" onClick={() => edit(r)}>
                Edit
              </button>
              <button
                type="button"
                class="btn"
                aria-label={`Delete ${r.title}`}
                data-testid="canned-delete"
                onClick={() => void personalLibraryItem.setValue(deleteResponse(library, r.id))}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form onSubmit={save} data-testid="canned-form" aria-label={draft.id ? 'Edit the response' : 'New response'}>
        <label class="field">
          <span>Title</span>
          <input name="title" data-testid="canned-title" value={draft.title} onInput={field('title')} />
        </label>
        <label class="field">
          <span>Shortcut (optional, typed after /)</span>
          <input name="shortcut" data-testid="canned-shortcut" value={draft.shortcut} onInput={field('shortcut')} />
        </label>
        <label class="field">
          <span>Text</span>
          <textarea name="text" data-testid="canned-text" rows={3} value={draft.text} onInput={field('text')} />
        </label>
        <div class="site-io">
          <button type="submit" class="btn btn-primary" data-testid="canned-save">
            {draft.id ? 'Save changes' : 'Add response'}
          </button>
          {draft.id && (
            <button type="button" class="btn" onClick={() => setDraft(EMPTY_DRAFT)}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {message && (
        <ul class={message.kind === 'error' ? 'error' : 'status'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="canned-message">
          {message.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <div class="site-io">
        <button type="button" class="btn" data-testid="canned-export" onClick={() => download('agent-dock-canned-responses.json', exportLibrary(library))}>
          Export (JSON)
        </button>
        <ImportJsonButton label="Import (JSON)" testId="canned-import" onFile={importFile} />
      </div>
      {notes.length > 0 && (
        <ul class="hint" data-testid="canned-notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
