import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { COMMANDS } from './src/agent/commands';
import { PANEL_RUNTIME_GLOBAL } from './src/ui/injected-globals';
import { SHARED_PANEL_MODULES } from './src/ui/panel-runtime-names';
import { SCRIPT_START_MARK } from './src/ui/dock/marks';
import { LIVEPERSON_HOST_PATTERNS, LIVEPERSON_WSS_SOURCES, LOOPBACK_CSP_SOURCES, LOOPBACK_HOST_PATTERNS, LOOPBACK_WS_SOURCES } from './src/api/allow-list';

/**
 * The panel script's first line: a mark of when the script began, which `npm run bench` reads.
 * (No `allFunctionsCalledOnLoad` compile hint: it only moved compiling before this mark, about as
 * much as it saved after it, and made the script's first task three times as long; issue #7.)
 */
function panelScriptPrologue(fileName: string): Plugin {
  return {
    name: 'agent-dock:panel-script-prologue',
    generateBundle(_options, bundle) {
      const chunk = bundle[fileName];
      if (chunk?.type === 'chunk') chunk.code = `performance.mark(${JSON.stringify(SCRIPT_START_MARK)});\n${chunk.code}`;
    },
  };
}

/**
 * Builds an on-demand panel script (entrypoints/panel-tools.content) against the panel's own
 * Preact, commands and field tracker: the shared modules become reads of what the panel's content
 * script left in their common world (src/ui/panel-runtime.ts). Anything else of Preact fails the
 * build, as would a second Preact silently bundled (its hooks would not work under the panel's).
 */
function sharedPanelRuntime(): Plugin {
  const prefix = '\0agent-dock-shared:';
  type SharedModule = keyof typeof SHARED_PANEL_MODULES;
  const modules = Object.keys(SHARED_PANEL_MODULES) as SharedModule[];
  return {
    name: 'agent-dock:shared-panel-runtime',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if ((modules as string[]).includes(source)) return prefix + source;
      if (/^(preact|@preact\/)/.test(source)) {
        this.error(`${importer ?? 'an on-demand script'} imports ${source}, which the panel does not share (src/ui/panel-runtime-names.ts)`);
      }
      if (!importer || !source.startsWith('.')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const shared = resolved && modules.find((m) => m.startsWith('src/') && resolved.id.endsWith(`/${m}`));
      return shared ? prefix + shared : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const module = id.slice(prefix.length) as SharedModule;
      return [
        `const shared = globalThis[${JSON.stringify(PANEL_RUNTIME_GLOBAL)}][${JSON.stringify(module)}];`,
        ...SHARED_PANEL_MODULES[module].map((name) => `export const ${name} = shared.${name};`),
      ].join('\n');
    },
  };
}

/**
 * Chromium e2e builds only: the browser's built-in AI, which Chromium in the test bed has no models
 * for, becomes the stand-ins the tests drive. The panel's translation scope
 * (src/ui/panel/translation/built-in-scope.ts) becomes the stand-in translator
 * (test/e2e/support/translation-scope.ts); the wrap-up card's summarizer scope
 * (src/ui/customer/summarizer-scope.ts) the stand-in summarizer (test/e2e/support/summarizer-scope.ts).
 * The Firefox e2e build keeps Firefox's own scope, so its suite sees the features absent, as an
 * agent would. Every other build keeps the browser's own APIs, and the store build is checked to
 * carry no trace of a stand-in (test/e2e/store-build.test.ts).
 */
function builtInAiStandInsForE2e(): Plugin {
  const standIns = [
    { name: 'built-in-scope', real: '/src/ui/panel/translation/built-in-scope.ts', standIn: './test/e2e/support/translation-scope.ts' },
    { name: 'summarizer-scope', real: '/src/ui/customer/summarizer-scope.ts', standIn: './test/e2e/support/summarizer-scope.ts' },
  ].map((s) => ({ ...s, standIn: new URL(s.standIn, import.meta.url).pathname }));
  return {
    name: 'agent-dock:e2e-built-in-ai-stand-ins',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const candidate = standIns.find((s) => source.endsWith(s.name));
      if (!candidate) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id.endsWith(candidate.real) ? candidate.standIn : null;
    },
  };
}

/** Scripts injected into a CRM tab's panel on demand, built against the panel's runtime (sharedPanelRuntime). */
const ON_DEMAND_PANEL_SCRIPTS = ['panel-tools', 'customer-tools', 'quick-tools'];

/** Firefox identifies the extension by this id (MV3 requires one; AMO keeps it across versions). */
export const GECKO_ID = 'agent-dock@agent-dock';

// Build modes (src/settings/build-mode.ts): `production` (npm run build, npm run zip) is the store
// build: LivePerson's hosts only, no sandbox, no performance marks. `sandbox` (npm start) adds the
// loopback emulator, the demo account and the bench's marks; `e2e` (npm run build:test) is the
// sandbox build with the panel's shadow root open so puppeteer can look inside it.
const isStoreBuild = (mode: string) => mode === 'production';

/** `connect-src` for a match pattern: `https://*.liveperson.net/*` → `https://*.liveperson.net`. */
const cspSource = (pattern: string) => pattern.replace(/\/\*$/, '');
export default defineConfig({
  // AGENT_DOCK_OUT_DIR lets parallel local runs build side by side; the default is `.output/`.
  outDir: process.env.AGENT_DOCK_OUT_DIR ?? '.output',
  // WXT builds Firefox as MV2 by default, which silently drops MV3-only keys: MV3 everywhere.
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  // No Preact devtools hooks, in any build: the e2e builds stay the production code.
  // The bench's marks (./src/ui/dock/marks.ts) only outside the store build: a page could read them.
  vite: (env) => ({
    plugins: [preact({ devToolsEnabled: false }), ...(env.mode === 'e2e' && env.browser !== 'firefox' ? [builtInAiStandInsForE2e()] : []), ...(isStoreBuild(env.mode) ? [] : [panelScriptPrologue('content-scripts/panel.js')])],
  }),
  hooks: {
    // The polyfill is for the background (promise-returning onMessage before Chrome 144). The
    // scripts in CRM pages only read storage, send messages and open a port, which native
    // `browser`/`chrome` do everywhere MV3 runs: keep it out of every page's bundle (~2.5 KB gzipped).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.length === 1 && ON_DEMAND_PANEL_SCRIPTS.includes(entrypoints[0]!.name)) config.plugins = [...(config.plugins ?? []), sharedPanelRuntime()];
      const alias = config.resolve?.alias as Record<string, string> | undefined;
      const inPages = (e: (typeof entrypoints)[number]) => e.type === 'content-script' || e.name === 'panel-settings';
      if (!alias || !entrypoints.every(inPages)) return;
      // A copy: the other build steps may share the object.
      const { 'wxt/browser': _polyfill, ...native } = alias;
      config.resolve!.alias = native;
    },
  },
  manifest: ({ browser, mode }) => ({
    name: 'Agent Dock',
    description: 'Take LivePerson chats inside your CRM: ring, accept, chat and end without leaving the record.',
    // notifications: rings and automatic Away; idle: Away when the computer is idle or locked;
    // scripting: the panel is registered per enabled site, and the HTML sanitizer is injected into a
    // CRM tab on its first HTML line; activeTab: the popup's "Show the panel on this site" reads the
    // tab's address; offscreen (Chrome; Firefox has no such API): the ring sound outside any tab;
    // sidePanel (Chrome): the side-panel mode.
    permissions: [
      'storage',
      'alarms',
      'scripting',
      'activeTab',
      'notifications',
      'idle',
      ...(browser === 'firefox' ? [] : ['offscreen', 'sidePanel']),
    ],
    // Fleet policy: what an administrator may preset and lock (src/settings/policy.ts).
    storage: { managed_schema: 'managed_schema.json' },
    commands: Object.fromEntries(
      Object.entries(COMMANDS).map(([name, { key, description }]) => [name, { suggested_key: { default: key }, description }]),
    ),
    // The LivePerson services the background talks to (src/api/allow-list.ts), plus loopback for
    // the local sandbox in the sandbox and e2e builds only.
    host_permissions: [...LIVEPERSON_HOST_PATTERNS, ...(isStoreBuild(mode) ? [] : LOOPBACK_HOST_PATTERNS)],
    // CRM sites: asked for one origin at a time, when the agent enables the panel there.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Agent Dock' },
    // Stricter than MV3's default: only our own bundled scripts, no plugins, no <base> or form
    // targets. (Pages cannot frame ours: nothing is web-accessible.) connect-src is the allow-list
    // of src/api/allow-list.ts: the background (an extension page for CSP) reaches LivePerson only.
    content_security_policy: {
      extension_pages: [
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        // wss: LivePerson Messaging's socket (src/conversation/messaging/); ws: the loopback emulator's, sandbox builds only.
        `connect-src ${[...LIVEPERSON_HOST_PATTERNS.map(cspSource), ...LIVEPERSON_WSS_SOURCES, ...(isStoreBuild(mode) ? [] : [...LOOPBACK_CSP_SOURCES, ...LOOPBACK_WS_SOURCES])].join(' ')}`,
      ].join('; '),
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: GECKO_ID,
          // 140 (ESR): MV3 event pages, storage.session, and the built-in data-consent keys below.
          strict_min_version: '140.0',
          // The agent's sign-in and the chat lines go to the LivePerson account the agent signs into.
          data_collection_permissions: { required: ['authenticationInfo', 'personalCommunications'] },
        },
      },
    }),
  }),
});
