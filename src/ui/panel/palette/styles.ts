/** The quick tools' styles: they come with the tools into the panel's shadow root, not with the panel's first paint. */
export const QUICK_TOOLS_CSS = `
.canned { margin: 0 12px; border: 1px solid var(--line); border-radius: 8px; background: #fff; font-size: 13px; max-height: 45vh; overflow-y: auto; }
.canned-list, .palette-list { list-style: none; margin: 0; padding: 4px; }
.canned-option, .palette-option { display: flex; gap: 8px; align-items: baseline; padding: 5px 8px; border-radius: 5px; cursor: pointer; }
.canned-option[aria-selected="true"], .palette-option[aria-selected="true"] { background: #e6f0fc; }
.canned-title, .palette-title { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.canned-shortcut, .canned-source, .palette-keys { color: var(--muted); font-size: 11px; white-space: nowrap; }
.canned-preview { margin: 0 8px 6px; padding: 6px 8px; border-left: 3px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; }
.canned-note { margin: 4px 10px; color: var(--muted); font-size: 12px; }
.palette-backdrop { position: absolute; inset: 0; background: rgba(20, 30, 50, 0.25); display: flex; align-items: flex-start; justify-content: center; z-index: 5; }
.palette { margin-top: 48px; width: calc(100% - 24px); background: #fff; border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.2); font-size: 13px; max-height: 70%; display: flex; flex-direction: column; }
.palette input { font: inherit; margin: 8px; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
.palette-list { overflow-y: auto; }
`;
