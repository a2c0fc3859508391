/**
 * What the panel's content script shares with the scripts injected on demand into its world
 * (./panel-runtime.ts builds the object; wxt.config.ts builds those scripts with these modules
 * replaced by reads of it). One Preact: hooks only work under the Preact that renders them. One
 * command channel, and one tracker of the page's focused field. The build of an on-demand script
 * fails if it imports any other name from these modules, or anything else of Preact.
 */
export const SHARED_PANEL_MODULES = {
  'preact/jsx-runtime': ['Fragment', 'jsx', 'jsxs'],
  // Builds that are not for production compile JSX to this one.
  'preact/jsx-dev-runtime': ['Fragment', 'jsxDEV'],
  'preact/hooks': ['useCallback', 'useEffect', 'useLayoutEffect', 'useMemo', 'useReducer', 'useRef', 'useState'],
  // One signal graph: a part loaded on demand reads the panel's signals, not copies of its own.
  '@preact/signals-core': ['batch', 'computed', 'effect', 'signal'],
  'src/ui/state/use-signal-value.ts': ['useSignalValue'],
  'src/ui/store.ts': ['run', 'view'],
  'src/ui/panel/host-field.ts': ['editingHost', 'hostField', 'isTextField'],
  'src/ui/panel/reply-due/sort-choice.ts': ['sortByUrgency', 'setSortByUrgency', 'followSortChoice'],
  'src/ui/panel/translation/outgoing-state.ts': ['outgoingPreviews', 'translateMode', 'visitorLanguages', 'sentOriginals', 'originalKey', 'outgoingText'],
  // The one sanitizer of HTML lines, live or from the history (its on-demand loader lives in the panel).
  'src/ui/sanitize.ts': ['sanitizeHtml', 'useSanitizedHtml'],
  'src/ui/panel/quick-state.ts': ['holdFocusIn', 'paletteOpen'],
} as const;

export type SharedPanelModules = { [M in keyof typeof SHARED_PANEL_MODULES]: { [N in (typeof SHARED_PANEL_MODULES)[M][number]]: unknown } };
