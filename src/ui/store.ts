/**
 * The UIs' view of the agent: a signal fed by the background over a port. Tabs never poll
 * LivePerson; they render what the background pushes. When the worker is stopped the port drops:
 * we keep the last view and reconnect with a short backoff.
 */
import { browser } from 'wxt/browser';
import { sendMessage, VIEW_PORT, type ProtocolMap, type Refusal } from '../messaging/protocol';
import { withKnownLines, type ViewMessage } from '../messaging/panel-views';
import { emptyView, type AgentView } from '../messaging/view';
import { signal } from '@preact/signals-core';

/** The only signal the background feeds; components never write it. */
export const view = signal<AgentView>(emptyView);

let started = false;

/**
 * The view's port opened before this script ran (the panel's early read, at document_start:
 * ./dock/panel-settings.ts), with what it delivered so far, in order.
 */
export interface EarlyViewPort {
  port: ReturnType<typeof browser.runtime.connect>;
  received: unknown[];
  disconnected: boolean;
  stopBuffering(): void;
}

/** Streams the background's view into `view`; a port opened early is taken over (and its messages). */
export function connectView(early?: EarlyViewPort): void {
  if (started) {
    early?.port.disconnect();
    return;
  }
  started = true;
  let delay = 100;
  const connect = () => {
    let port: ReturnType<typeof browser.runtime.connect>;
    const adopted = early && !early.disconnected ? early : undefined;
    early = undefined;
    try {
      port = adopted?.port ?? browser.runtime.connect({ name: VIEW_PORT });
    } catch {
      // The extension was reloaded or removed: this context is dead.
      return;
    }
    let fresh = true;
    // What this port delivered last: the background sends only the lines after those we hold.
    let held: AgentView | undefined;
    const receive = (message: unknown) => {
      const data = message as ViewMessage | undefined;
      if (data?.type !== 'view' || !data.view) return;
      const next = withKnownLines(data, held);
      held = next;
      // A restarted worker numbers views anew: the first view after a (re)connect always wins.
      if (fresh || next.version >= view.peek().version) view.value = next;
      fresh = false;
      delay = 100;
    };
    port.onMessage.addListener(receive);
    if (adopted) {
      adopted.stopBuffering();
      for (const message of adopted.received) receive(message);
    }
    port.onDisconnect.addListener(() => {
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 2000);
    });
  };
  connect();
}

type Command = Exclude<keyof ProtocolMap, 'getView'>;

/**
 * A line is sent again when the worker stopped before answering (it may or may not have queued
 * it): it carries an id, so the background queues it once. Other commands are not resent.
 */
const RESEND_DELAYS_MS = [250, 1000];

/** randomUUID exists only in secure contexts; a content script on a plain-http CRM page has not. */
function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Sends a command; a messaging failure becomes a sentence, like any other refusal. */
export async function run<K extends Command>(name: K, ...data: Parameters<ProtocolMap[K]>): Promise<ReturnType<ProtocolMap[K]> | Refusal> {
  const send = sendMessage as (n: K, d?: unknown) => Promise<ReturnType<ProtocolMap[K]> | undefined>;
  let payload: unknown = data[0];
  const resendable = name === 'sendLine';
  if (resendable) payload = { clientId: newClientId(), ...(payload as object) };
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await send(name, payload);
      return result ?? { ok: false, message: 'Agent Dock did not answer. Try again.' };
    } catch (error) {
      const delay = resendable ? RESEND_DELAYS_MS[attempt] : undefined;
      if (delay === undefined) {
        return { ok: false, message: `Agent Dock is not reachable (${error instanceof Error ? error.message : String(error)}).` };
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
