/**
 * The ring sound, synthesised here (no audio file to license or ship): two short bursts of a
 * 440 + 480 Hz tone, like a phone, then silence, as a 16-bit mono WAV. Looped while a chat rings.
 */

const SAMPLE_RATE = 8000;
/** [start, end] of each burst, in seconds; the pattern lasts PATTERN_SECONDS and then repeats. */
const BURSTS: Array<[number, number]> = [
  [0, 0.4],
  [0.6, 1.0],
];
const PATTERN_SECONDS = 3;
const FADE_SECONDS = 0.01;

export function ringWav(): Uint8Array {
  const samples = Math.round(SAMPLE_RATE * PATTERN_SECONDS);
  const bytes = new Uint8Array(44 + samples * 2);
  const data = new DataView(bytes.buffer);
  const text = (offset: number, s: string) => [...s].forEach((c, i) => data.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  data.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  data.setUint32(16, 16, true); // PCM chunk size
  data.setUint16(20, 1, true); // PCM
  data.setUint16(22, 1, true); // mono
  data.setUint32(24, SAMPLE_RATE, true);
  data.setUint32(28, SAMPLE_RATE * 2, true); // byte rate
  data.setUint16(32, 2, true); // block align
  data.setUint16(34, 16, true); // bits per sample
  text(36, 'data');
  data.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) {
    const t = i / SAMPLE_RATE;
    const burst = BURSTS.find(([start, end]) => t >= start && t < end);
    let value = 0;
    if (burst) {
      // A short fade at both ends avoids clicks.
      const envelope = Math.min(1, (t - burst[0]) / FADE_SECONDS, (burst[1] - t) / FADE_SECONDS);
      value = 0.45 * envelope * (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t));
    }
    data.setInt16(44 + i * 2, Math.round(value * 32767 * 0.9), true);
  }
  return bytes;
}

/** The WAV as a data: URL an audio element can play. */
export function ringWavUrl(): string {
  const bytes = ringWav();
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:audio/wav;base64,${btoa(binary)}`;
}

export type RingMode = 'ring' | 'test';

/**
 * Plays the sound in `doc`: a ring loops until stopped, a test plays the pattern once.
 * The element says what it does in `data-state` (playing, ended, blocked) for anyone to read;
 * `started` settles when playback started, or rejects with why it could not.
 */
export function playRing(doc: Document, mode: RingMode, volume: number): { audio: HTMLAudioElement; started: Promise<void> } {
  const audio = doc.createElement('audio');
  audio.dataset.testid = 'ring-audio';
  audio.dataset.mode = mode;
  audio.src = ringWavUrl();
  audio.loop = mode === 'ring';
  audio.volume = Math.min(1, Math.max(0, volume));
  audio.addEventListener('playing', () => (audio.dataset.state = 'playing'));
  audio.addEventListener('ended', () => (audio.dataset.state = 'ended'));
  doc.body.append(audio);
  const started = audio.play().catch((error: unknown) => {
    audio.dataset.state = 'blocked';
    console.warn('[agent-dock] The ring sound could not play', String(error));
    throw error;
  });
  started.catch(() => {}); // reported above; a caller may still await it
  return { audio, started };
}
