/** What LivePerson's `systemMessageId` values mean (system-messages reference). */
export const SYSTEM_MESSAGES: Record<number, string> = {
  2: 'Site operators are currently busy',
  3: 'Agent accepted the chat',
  4: 'Routing the chat to an agent',
  5: 'Agent ended the chat',
  6: 'Chat unexpectedly disconnected',
  13: 'Chat transferred to an agent',
  15: 'Chat transferred to another skill',
  22: 'Ticket id associated with the chat',
  23: 'Chat requeued by the system',
};

export function systemMessageMeaning(id: number | undefined): string | undefined {
  return id === undefined ? undefined : SYSTEM_MESSAGES[id];
}
