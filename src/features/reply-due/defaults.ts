/** The thresholds when nobody set them (apart from ./settings.ts so the panel gets them without zod). */
export const REPLY_DUE_DEFAULTS = { amberSeconds: 30, redSeconds: 60, notify: true } as const;
