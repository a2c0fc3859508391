/**
 * Language tags (BCP 47) as translation needs them: is a line in the agent's language, and is a
 * detection sure enough to act on.
 */

/** `es-ES` → `es`; compare languages, not regions or scripts (`es-MX` reads `es-ES` fine). */
export function primaryLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

export function sameLanguage(a: string, b: string): boolean {
  return primaryLanguage(a) !== '' && primaryLanguage(a) === primaryLanguage(b);
}

export interface Detection {
  language: string;
  /** 0..1, the detector's own confidence. */
  confidence: number;
}

/** Below this, a detection is a guess: no translation is offered (a wrong one misleads more than none). */
export const MIN_CONFIDENCE = 0.7;
/** "ok", "hi", "thx": too short to tell a language by (the detector answers anyway). */
export const MIN_DETECTABLE_LENGTH = 12;

/** The language a visitor line should be translated from, or undefined: none needed, or not sure. */
export function translateFrom(text: string, detection: Detection | undefined, agentLanguage: string): string | undefined {
  if (!detection || text.trim().length < MIN_DETECTABLE_LENGTH) return undefined;
  if (detection.language === 'und' || detection.confidence < MIN_CONFIDENCE) return undefined;
  return sameLanguage(detection.language, agentLanguage) ? undefined : detection.language;
}
