/**
 * Account and alerts: from our own pages only, never from a content script. Availability also from
 * a panel on an enabled site (policy `panel`), whose palette sends it only for the agent's own,
 * trusted key press or click (src/ui/panel/palette/panel-commands.ts; docs/security.md).
 */
import type { AgentRuntime } from '../../agent/runtime';
import { setAvailabilitySchema, signInSchema, signInWithApiKeySchema } from '../../messaging/schemas';
import type { Refusal } from '../../messaging/protocol';
import type { HandlerTable } from './handler';

/** What only the alerts module does (src/agent/alerts.ts), for the protocol to reach. */
export interface AlertCommands {
  testRing(): Promise<{ ok: true } | Refusal>;
}

export function accountHandlers(runtime: AgentRuntime, alerts?: AlertCommands): HandlerTable {
  return {
    signIn: { from: 'page', schema: signInSchema, run: (input) => runtime.signIn(input) },
    signInWithApiKey: { from: 'page', schema: signInWithApiKeySchema, run: (input) => runtime.signIn(input) },
    signOut: { from: 'page', run: () => runtime.signOut() },
    setAvailability: { from: 'panel', schema: setAvailabilitySchema, run: (input) => runtime.chooseAvailability(input.state, input.reason) },
    getAwayReasons: { from: 'page', run: () => runtime.awayReasons() },
    finishChatsThenAway: { from: 'panel', run: () => runtime.finishChatsThenAway() },
    restartSession: { from: 'page', run: () => runtime.restartSession() },
    testRing: {
      from: 'page',
      run: () => alerts?.testRing() ?? { ok: false, message: 'The ring sound is not available in this browser.' },
    },
  };
}
