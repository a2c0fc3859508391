/**
 * Performance marks the panel's content script leaves on the page's timeline, for `npm run bench`
 * (test/bench/main.ts): when the script began (its first statement, put there by wxt.config.ts)
 * and how long after that the panel showed.
 */
export const SCRIPT_START_MARK = 'agent-dock:script-start';
export const MOUNT_MEASURE = 'agent-dock:mount';
