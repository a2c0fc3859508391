/**
 * The floor for the panel's mount time: a copy of the built extension whose panel script is a
 * hand-written stand-in doing only what any panel must before its first paint. It takes over the
 * early read of the site rules (the rule decides whether, where and how wide the panel shows;
 * the copy keeps the real early-read script, src/ui/dock/panel-settings.ts), attaches a shadow
 * root with the panel's real stylesheet, and draws the frame's few elements. No framework, no
 * view, no listeners. `npm run bench` times it the same way as the real panel.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { MOUNT_MEASURE, SCRIPT_START_MARK } from '../../src/ui/dock/marks';
import { PANEL_HOST } from '../e2e/support/panel';

const ROOT = new URL('../../', import.meta.url);
/** The storage keys of src/settings/sites.ts's items (that module loads only under Vite). */
const SITE_RULES_KEY = 'siteRules';
const PANEL_PLACEMENTS_KEY = 'panelPlacements';
/** The early read's global (src/ui/dock/panel-settings.ts), by its Symbol.for key. */
const EARLY_READ_GLOBAL = 'agent-dock.panel-settings';

function standInScript(): string {
  const css = ['src/ui/panel/panel.css', 'src/ui/dock/dock.css'].map((file) => readFileSync(new URL(file, ROOT), 'utf8')).join('\n');
  // Plain JavaScript: it runs in the page as it is written here.
  return `performance.mark(${JSON.stringify(SCRIPT_START_MARK)});
(() => {
  const start = performance.getEntriesByName(${JSON.stringify(SCRIPT_START_MARK)})[0].startTime;
  const early = globalThis[Symbol.for(${JSON.stringify(EARLY_READ_GLOBAL)})];
  delete globalThis[Symbol.for(${JSON.stringify(EARLY_READ_GLOBAL)})];
  early?.stopFollowing();
  const read = early?.stored ?? chrome.storage.local.get([${JSON.stringify(SITE_RULES_KEY)}, ${JSON.stringify(PANEL_PLACEMENTS_KEY)}]);
  const host = document.createElement(${JSON.stringify(PANEL_HOST)});
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(${JSON.stringify(`:host { all: initial !important; }\n${css}`)});
  shadow.adoptedStyleSheets = [sheet];
  read.then((stored) => {
    const rule = (stored[${JSON.stringify(SITE_RULES_KEY)}] ?? []).find((r) => r.enabled) ?? { dock: 'right', width: 360 };
    const dock = document.createElement('div');
    dock.className = 'dock dock-' + rule.dock;
    dock.style.setProperty('--agent-dock-width', rule.width + 'px');
    dock.innerHTML = '<aside class="panel" data-testid="panel" aria-label="Agent Dock"><header class="head"><div><div class="title">Agent Dock</div><div class="sub">Connecting…</div></div></header></aside>';
    shadow.append(dock);
    document.documentElement.append(host);
    performance.measure(${JSON.stringify(MOUNT_MEASURE)}, { start });
  });
})();
`;
}

/** A copy of the built extension (the e2e build) with the stand-in as its panel script. */
export function bareExtension(builtExtensionDir: string): string {
  const dir = `${mkdtempSync(`${tmpdir()}/agent-dock-bare-`)}/extension`;
  cpSync(builtExtensionDir, dir, { recursive: true });
  writeFileSync(`${dir}/content-scripts/panel.js`, standInScript());
  return dir;
}
