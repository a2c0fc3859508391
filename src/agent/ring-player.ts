/**
 * Where the ring sound plays: outside any tab, so a background or discarded CRM tab cannot
 * silence it. Chrome: an offscreen document (AUDIO_PLAYBACK) whose URL says what to play; closing
 * it stops the sound. Firefox has no offscreen API, but its background is an event page with a
 * document: the sound plays there. Anywhere else there is no sound (rings still show everywhere).
 */
import { browser, type Browser } from 'wxt/browser';
import { playRing, type RingMode } from './ring-sound';

export interface RingPlayer {
  /** Loops the ring until `stop` (a no-op while it already rings). */
  ring(volume: number): Promise<void>;
  /** Plays the pattern once, unless a real ring is playing; rejects when the browser refuses to play. */
  test(volume: number): Promise<void>;
  stop(): Promise<void>;
}

const OFFSCREEN_PATH = '/offscreen.html';

/** Chrome: one offscreen document at a time; operations are serialised so they never race. */
export function offscreenRingPlayer(): RingPlayer {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (step: () => Promise<void>) => {
    const next = queue.then(step, step);
    queue = next.catch((error: unknown) => console.warn('[agent-dock] Ring sound', String(error)));
    return queue as Promise<void>;
  };
  /** The mode of the document open now, read from its URL (memory does not survive the worker). */
  const current = async (): Promise<RingMode | undefined> => {
    const contexts = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType] });
    const url = contexts[0]?.documentUrl;
    if (!url) return undefined;
    return new URL(url).searchParams.get('mode') === 'test' ? 'test' : 'ring';
  };
  const open = async (mode: RingMode, volume: number) => {
    if ((await current()) !== undefined) await browser.offscreen.closeDocument();
    await browser.offscreen.createDocument({
      url: `${OFFSCREEN_PATH}?mode=${mode}&volume=${volume}`,
      reasons: ['AUDIO_PLAYBACK' as Browser.offscreen.Reason],
      justification: 'Plays the ring of an incoming chat even when no CRM tab is in front.',
    });
  };
  return {
    ring: (volume) =>
      serial(async () => {
        if ((await current()) !== 'ring') await open('ring', volume);
      }),
    test: (volume) =>
      serial(async () => {
        if ((await current()) !== 'ring') await open('test', volume);
      }),
    stop: () =>
      serial(async () => {
        if ((await current()) !== undefined) await browser.offscreen.closeDocument();
      }),
  };
}

/** Firefox's event page: the background itself has a document to play in. */
export function backgroundPageRingPlayer(doc: Document): RingPlayer {
  let ringing: HTMLAudioElement | undefined;
  let testing: HTMLAudioElement | undefined;
  const silence = (audio: HTMLAudioElement | undefined) => {
    audio?.pause();
    audio?.remove();
  };
  return {
    async ring(volume) {
      if (ringing) return;
      silence(testing);
      ringing = playRing(doc, 'ring', volume).audio;
    },
    async test(volume) {
      if (ringing) return;
      silence(testing);
      const played = playRing(doc, 'test', volume);
      testing = played.audio;
      await played.started;
    },
    async stop() {
      silence(ringing);
      silence(testing);
      ringing = testing = undefined;
    },
  };
}

export function ringPlayerForThisBrowser(): RingPlayer | undefined {
  // Typed as always there; at run time only Chrome has it.
  if ((browser as { offscreen?: unknown }).offscreen) return offscreenRingPlayer();
  if (typeof document !== 'undefined' && typeof Audio !== 'undefined') return backgroundPageRingPlayer(document);
  return undefined;
}
