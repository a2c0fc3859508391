/** The panel's content script hands the on-demand scripts its Preact, commands and field tracker. */
// jsxDEV is jsx under another name in Preact: sharing it costs nothing.
import { Fragment, jsx, jsxDEV, jsxs } from 'preact/jsx-runtime';
import { batch, computed, effect, signal } from '@preact/signals-core';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { PANEL_RUNTIME_GLOBAL } from './injected-globals';
import { editingHost, hostField, isTextField } from './panel/host-field';
import type { SharedPanelModules } from './panel-runtime-names';
import { useSignalValue } from './state/use-signal-value';
import { run, view } from './store';
import { followSortChoice, setSortByUrgency, sortByUrgency } from './panel/reply-due/sort-choice';
import { originalKey, outgoingPreviews, outgoingText, sentOriginals, translateMode, visitorLanguages } from './panel/translation/outgoing-state';
import { sanitizeHtml, useSanitizedHtml } from './sanitize';
import { holdFocusIn, paletteOpen } from './panel/quick-state';

export const panelRuntime: SharedPanelModules = {
  'preact/jsx-runtime': { Fragment, jsx, jsxs },
  'preact/jsx-dev-runtime': { Fragment, jsxDEV },
  'preact/hooks': { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState },
  '@preact/signals-core': { batch, computed, effect, signal },
  'src/ui/state/use-signal-value.ts': { useSignalValue },
  'src/ui/store.ts': { run, view },
  'src/ui/panel/host-field.ts': { editingHost, hostField, isTextField },
  'src/ui/panel/reply-due/sort-choice.ts': { sortByUrgency, setSortByUrgency, followSortChoice },
  'src/ui/panel/translation/outgoing-state.ts': { outgoingPreviews, translateMode, visitorLanguages, sentOriginals, originalKey, outgoingText },
  'src/ui/sanitize.ts': { sanitizeHtml, useSanitizedHtml },
  'src/ui/panel/quick-state.ts': { holdFocusIn, paletteOpen },
};

export function sharePanelRuntime(): void {
  (globalThis as Record<string, unknown>)[PANEL_RUNTIME_GLOBAL] = panelRuntime;
}
