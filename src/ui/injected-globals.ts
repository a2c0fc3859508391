/**
 * Where the panel's content script and the scripts injected on demand into its isolated world
 * (entrypoints/sanitizer.content, entrypoints/panel-tools.content) leave things for each other.
 * Kept apart so neither side imports the other. Content scripts' globals are their own world's:
 * the page cannot see them.
 */
/** DOMPurify's `purify`, left by the sanitizer. */
export const SANITIZER_GLOBAL = '__agentDockPurify';
/** The chat tools (./panel/tools.ts), left by the panel-tools script. */
export const PANEL_TOOLS_GLOBAL = '__agentDockPanelTools';
/** The canned-response list and the command palette (./panel/quick-tools.tsx), left by the quick-tools script. */
export const QUICK_TOOLS_GLOBAL = '__agentDockQuickTools';
/** What the panel shares with the injected scripts (./panel-runtime.ts), left by the panel. */
export const PANEL_RUNTIME_GLOBAL = '__agentDockPanelRuntime';
/** Previous chats, Open record, the wrap-up card (../ui/customer/), left by the customer-tools script. */
export const CUSTOMER_TOOLS_GLOBAL = '__agentDockCustomerTools';
