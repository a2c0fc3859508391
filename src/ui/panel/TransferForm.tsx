/** Transfer a chat to a skill (with its agents online now, where the protocol says) or to one colleague, with an optional note. */
import { useEffect, useState } from 'preact/hooks';
import type { TransferOptions } from '../../messaging/protocol';
import { run } from '../store';

export function TransferForm({ chatId, onDone, onError }: { chatId: string; onDone: () => void; onError: (m: string) => void }) {
  const [options, setOptions] = useState<TransferOptions | null>(null);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void run('getTransferOptions', { chatId }).then((result) => {
      if (!result.ok) {
        onError(result.message);
        onDone();
        return;
      }
      setOptions(result);
      const first = result.skills[0] ? `skill:${result.skills[0].id}` : result.agents[0] ? `agent:${result.agents[0].id}` : '';
      setTarget(first);
    });
  }, [chatId]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const [kind, id] = target.split(':');
    if (!id) return;
    setBusy(true);
    const text = note.trim() || undefined;
    const result = await run('transferChat', kind === 'agent' ? { chatId, agentId: id, note: text } : { chatId, skillId: id, note: text });
    setBusy(false);
    if (!result.ok) onError(result.message);
    else onDone();
  };

  if (!options) return <div class="transfer">Loading who is available…</div>;
  const nothing = options.skills.length === 0 && options.agents.length === 0;
  return (
    <form class="transfer" data-testid="transfer-form" onSubmit={submit}>
      {nothing ? (
        <p>Nobody can take this chat right now: no skill or colleague is online.</p>
      ) : (
        <>
          <label>
            Transfer to
            <select data-testid="transfer-target" value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
              {options.skills.length > 0 && (
                <optgroup label="Skills">
                  {options.skills.map((s) => (
                    <option key={s.id} value={`skill:${s.id}`}>
                      {s.onlineAgents === undefined ? s.name : `${s.name} (${s.onlineAgents} online)`}
                    </option>
                  ))}
                </optgroup>
              )}
              {options.agents.length > 0 && (
                <optgroup label="Agents">
                  {options.agents.map((a) => (
                    <option key={a.id} value={`agent:${a.id}`}>
                      {a.name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </label>
          <label>
            Note for the next agent (the visitor does not see it)
            <textarea data-testid="transfer-note" value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
          </label>
        </>
      )}
      <div class="transfer-actions">
        <button type="submit" class="btn btn-primary" data-testid="transfer-submit" disabled={busy || !target}>
          Transfer
        </button>
        <button type="button" class="btn btn-quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
