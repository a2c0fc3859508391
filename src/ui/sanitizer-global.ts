/**
 * Where the on-demand sanitizer (entrypoints/sanitizer.content) leaves `purify` in the isolated
 * world that the panel's content script shares with it. Kept apart so neither side imports the other.
 */
export const SANITIZER_GLOBAL = '__agentDockPurify';
