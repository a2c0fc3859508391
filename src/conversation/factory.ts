/**
 * Which protocol carries an agent's conversations: the one the options page chose for the account
 * (Chat Agent API or LivePerson Messaging), read at sign-in; afterwards the connection says which
 * (`Connection.protocol`), so a restarted worker keeps talking the protocol it signed in with.
 * One service for the core, dispatching each call to the implementation behind it.
 */
import type { ConversationService } from '../agent/conversation-service';
import type { Connection } from '../agent/state';
import type { LivePersonClient } from '../api/types';
import { chatAgentApiService } from './chat-agent-api/service';
import { messagingService } from './messaging/service';

export type ProtocolChoice = 'chat' | 'messaging';

export interface ConversationServiceDeps {
  client: LivePersonClient;
  /** The sandbox build: loopback hosts (and ws:// to them for Messaging). */
  allowLoopback: boolean;
  /** The protocol chosen for the account signing in. */
  protocol(): Promise<ProtocolChoice>;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export function conversationService(deps: ConversationServiceDeps): ConversationService {
  const chat = chatAgentApiService(deps.client);
  const messaging = messagingService({ client: deps.client, allowLoopback: deps.allowLoopback, log: deps.log });
  const byConnection = (connection: Connection): ConversationService => (connection.protocol === 'messaging' ? messaging : chat);
  return new Proxy(chat, {
    get(_target, name) {
      if (name === 'signIn') {
        return async (...args: Parameters<ConversationService['signIn']>) => ((await deps.protocol()) === 'messaging' ? messaging : chat).signIn(...args);
      }
      if (name === 'listen') return (wake: () => void) => messaging.listen?.(wake);
      // A member one protocol alone offers (Messaging's `awayReasons`) is offered too.
      const member = Reflect.get(chat, name) ?? Reflect.get(messaging, name);
      if (typeof member !== 'function') return member;
      // Every other call names the connection first.
      return (connection: Connection, ...rest: unknown[]) => {
        const service = byConnection(connection) as unknown as Record<PropertyKey, ((...a: unknown[]) => unknown) | undefined>;
        const call = service[name as string];
        if (!call) return Promise.resolve({ ok: false, error: { kind: 'http', status: 501, message: `${String(name)} is not offered by this protocol` } });
        return call(connection, ...rest);
      };
    },
  });
}
