/**
 * The one `AgentState` of the background: loaded once per worker, changed in place by the runtime's
 * parts, saved as a new version on every `commit` (the write also keeps the service worker alive)
 * and then pushed to the UIs as a redacted view. A stopped store is a dead worker's: it writes
 * nothing more, so it cannot overwrite what its successor saves.
 */
import type { AgentView } from '../messaging/view';
import { initialState, type AgentState, type StateStore, type StoredChat } from './state';
import { toView } from './view';

type Listener = (view: AgentView) => void;

export class AgentStore {
  state: AgentState = initialState();
  private version = 0;
  private readonly listeners = new Set<Listener>();
  private stoppedFlag = false;

  constructor(private readonly storage: StateStore) {}

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /** Reads what the previous worker saved (a sign-in in progress did not survive it). */
  async load(): Promise<void> {
    const saved = await this.storage.load();
    if (saved) this.state = { ...saved, signingIn: false };
  }

  stop(): void {
    this.stoppedFlag = true;
  }

  chat(chatId: string): StoredChat | undefined {
    return this.state.chats.find((c) => c.id === chatId);
  }

  view(): AgentView {
    return toView(this.state, this.version);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Saves the state (this write also keeps the worker alive) and pushes the view. */
  async commit(): Promise<void> {
    if (await this.save()) this.publish();
  }

  /** Saves the state as a new version; false, saving nothing, once stopped. */
  async save(): Promise<boolean> {
    if (this.stoppedFlag) return false;
    this.version += 1;
    await this.storage.save(this.state);
    return true;
  }

  /** Pushes the current view to every listener (the open tabs, the alerts). */
  publish(): void {
    const view = this.view();
    for (const listener of this.listeners) listener(view);
  }
}
