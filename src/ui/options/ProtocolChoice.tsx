/**
 * Which LivePerson protocol carries this account's conversations: the Chat Agent API (legacy
 * chat) or LivePerson Messaging (asynchronous conversations over a WebSocket). Kept with the
 * account (src/settings/account.ts); read at sign-in, so it changes only while signed out.
 */
import { useEffect, useState } from 'preact/hooks';
import { accountSettings, type AccountSettings } from '../../settings/account';

type Protocol = NonNullable<AccountSettings['protocol']>;

const CHOICES: Array<[Protocol, string, string]> = [
  ['chat', 'Chat', 'LivePerson’s Chat Agent API (REST): live chats.'],
  ['messaging', 'Messaging', 'LivePerson Messaging: asynchronous conversations (web, apps, SMS…) that may last for days.'],
];

export function ProtocolChoice({ locked }: { locked: boolean }) {
  const [protocol, setProtocol] = useState<Protocol>('chat');
  useEffect(() => {
    const apply = (account: AccountSettings | null) => setProtocol(account?.protocol ?? 'chat');
    void accountSettings.getValue().then(apply);
    return accountSettings.watch(apply);
  }, []);
  const choose = async (value: Protocol) => accountSettings.setValue({ ...(await accountSettings.getValue()), protocol: value });
  return (
    <fieldset class="connection" data-testid="protocol" disabled={locked}>
      <legend>Protocol</legend>
      {CHOICES.map(([value, title, detail]) => (
        <label key={value} class="choice">
          <input type="radio" name="protocol" value={value} data-testid={`protocol-${value}`} checked={protocol === value} onChange={() => void choose(value)} />
          <span>
            <strong>{title}</strong>
            <span class="hint">{detail}</span>
          </span>
        </label>
      ))}
      {locked && <p class="hint">Sign out to switch.</p>}
    </fieldset>
  );
}
