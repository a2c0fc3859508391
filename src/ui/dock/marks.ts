/**
 * Performance marks the panel's content script leaves on the page's timeline, for `npm run bench`
 * (test/bench/main.ts): its first statement (put there by wxt.config.ts), a measure from there to
 * the panel showing (its first paint, ./first-paint.ts), and one to Preact having drawn it (after
 * the browser painted the frame). The bench times both from a trace: from the browser starting the
 * script (compiling included) to each measure's end.
 */
export const SCRIPT_START_MARK = 'agent-dock:script-start';
export const MOUNT_MEASURE = 'agent-dock:mount';
export const TAKEOVER_MEASURE = 'agent-dock:takeover';

/** The mount measure's detail. */
export interface MountDetail {
  /** The site rules came from the read started at document_start (src/ui/dock/panel-settings.ts). */
  settingsReadEarly: boolean;
}
