/**
 * Parts of the panel a CRM tab loads only when it first needs them: DOMPurify with the first HTML
 * line, the chat tools (forms, visitor details, copy and fill) with the first chat shown. Every
 * CRM page loads the panel's content script; these parts would double it. The background injects
 * a part's script into the panel's isolated world (`injectPanelScript`): no web-accessible
 * resource, nothing the page can load. Extension pages bundle the parts and `provide` them.
 */
import type { PanelScript } from '../messaging/protocol';
import { signal } from '@preact/signals-core';
import { useSignalValue } from './state/use-signal-value';
import { addPanelStyles } from './panel-styles';
import { run } from './store';

export interface OnDemandState<T> {
  part: T | null;
  /** It could not be loaded in this tab (one attempt per page: not retried on every render). */
  failed: boolean;
}

export class OnDemand<T> {
  private readonly state = signal<OnDemandState<T>>({ part: null, failed: false });
  private loader?: () => Promise<T | null>;
  private pending?: Promise<T | null>;
  /** Asked for before the loader was given: the panel can draw a chat in the content script's first task. */
  private wanted = false;

  constructor(private readonly what: string) {}

  /** Extension pages (and tests) hand the part over directly. */
  provide(part: T): void {
    this.arrive(part);
  }

  /** Content scripts say how to fetch it on first use. */
  loadWith(loader: () => Promise<T | null>): void {
    this.loader = loader;
    if (this.wanted) void this.load();
  }

  /** The part, loading it first if needed; null when it cannot be loaded. */
  load(): Promise<T | null> {
    const { part } = this.state.peek();
    if (part) return Promise.resolve(part);
    if (!this.loader) {
      this.wanted = true;
      return Promise.resolve(null);
    }
    this.pending ??= this.loader().then(
      (loaded) => this.settle(loaded),
      (error: unknown) => this.settle(null, error),
    );
    return this.pending;
  }

  /** The part if it is here; otherwise starts loading it and answers null meanwhile. */
  get(): T | null {
    const { part } = this.state.peek();
    if (!part) void this.load();
    return part;
  }

  /** get() for a component, which redraws once the part arrives (or fails to). */
  use(): OnDemandState<T> {
    useSignalValue(this.state);
    this.get();
    return this.state.peek();
  }

  /** A part that brings styles carries them as `css` (../panel-styles.ts): they go in as it arrives. */
  private arrive(part: T): void {
    const { css } = part as { css?: unknown };
    if (typeof css === 'string') addPanelStyles(css);
    this.state.value = { part, failed: false };
  }

  private settle(loaded: T | null, error?: unknown): T | null {
    if (loaded) this.arrive(loaded);
    else {
      console.warn(`Agent Dock: ${this.what} could not be loaded in this tab.`, error ?? '');
      this.state.value = { part: null, failed: true };
    }
    return loaded;
  }
}

/** A loader for CRM tabs: the background injects `script` into this world, which leaves the part in `global`. */
export function injectedIntoThisTab<T>(script: PanelScript, global: string): () => Promise<T | null> {
  return async () => {
    const result = await run('injectPanelScript', { script });
    if (!result.ok) throw new Error(result.message);
    const injected = (globalThis as Record<string, unknown>)[global];
    return injected === undefined ? null : (injected as T);
  };
}
