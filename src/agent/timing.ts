/** LivePerson: refresh the login every 3–5 minutes. */
export const LOGIN_REFRESH_EVERY_MS = 4 * 60_000;
