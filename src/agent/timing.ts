/** LivePerson's timing rules, shared by the background and the UIs (no imports: safe anywhere). */

/** LivePerson: refresh the login every 3–5 minutes. */
export const LOGIN_REFRESH_EVERY_MS = 4 * 60_000;

/** LivePerson: an assigned chat not accepted within 20 seconds sets the agent Away. */
export const RING_AWAY_AFTER_MS = 20_000;

/** The longest `Retry-After` honoured (10 minutes): a larger one, or a far date, would overflow setTimeout's 32-bit delay. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Whole seconds left before a ring that started at `since` sets the agent Away (0 once past). */
export function secondsUntilAway(since: number, now: number): number {
  return Math.max(0, Math.ceil((since + RING_AWAY_AFTER_MS - now) / 1000));
}
