/** Transfer a chat to a skill that has agents online now, with an optional note for them. */
import { useEffect, useState } from 'preact/hooks';
import type { TransferOption } from '../../messaging/protocol';
import { run } from '../store';

export function TransferForm({ chatId, onDone, onError }: { chatId: string; onDone: () => void; onError: (m: string) => void }) {
  const [skills, setSkills] = useState<TransferOption[] | null>(null);
  const [skillId, setSkillId] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void run('getTransferOptions', { chatId }).then((result) => {
      if (!result.ok) {
        onError(result.message);
        onDone();
        return;
      }
      setSkills(result.skills);
      setSkillId(result.skills[0]?.id ?? '');
    });
  }, [chatId]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!skillId) return;
    setBusy(true);
    const result = await run('transferChat', { chatId, skillId, note: note.trim() || undefined });
    setBusy(false);
    if (!result.ok) onError(result.message);
    else onDone();
  };

  if (!skills) return <div class="transfer">Loading skills…</div>;
  return (
    <form class="transfer" data-testid="transfer-form" onSubmit={submit}>
      {skills.length === 0 ? (
        <p>No skill has an agent online right now.</p>
      ) : (
        <>
          <label>
            Transfer to
            <select data-testid="transfer-skill" value={skillId} onChange={(e) => setSkillId((e.target as HTMLSelectElement).value)}>
              {skills.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.onlineAgents} online)
                </option>
              ))}
            </select>
          </label>
          <label>
            Note for the next agent (the visitor does not see it)
            <textarea data-testid="transfer-note" value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
          </label>
        </>
      )}
      <div class="transfer-actions">
        <button type="submit" class="btn btn-primary" data-testid="transfer-submit" disabled={busy || !skillId}>
          Transfer
        </button>
        <button type="button" class="btn btn-quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
