/**
 * One entry of a handler table: the message, who may send it, the schema its payload must pass,
 * and the function from the validated payload to the answer. serve-commands.ts applies the first
 * three the same way for every message; a handler only ever sees validated input from an allowed
 * sender.
 */
import type { z } from 'zod';
import type { ProtocolMap } from '../../messaging/protocol';
import type { Sender, SenderPolicy } from '../senders';

export type Command = keyof ProtocolMap;
type Input<K extends Command> = Parameters<ProtocolMap[K]>[0];
type Answer<K extends Command> = ReturnType<ProtocolMap[K]>;

export interface Handler<K extends Command> {
  from: SenderPolicy;
  /** The payload's schema; none for messages without one. */
  schema?: z.ZodType<Input<K>>;
  /**
   * A command that changes a chat names it: the panel asking must show that chat (it is among the
   * agent's chats in the view the background gives panels).
   */
  chatOf?: (input: Input<K>) => string;
  run(input: Input<K>, sender: Sender): Answer<K> | Promise<Answer<K>>;
}

export type HandlerTable = { [K in Command]?: Handler<K> };
