import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Firefox identifies the extension by this id (MV3 requires one; AMO keeps it across versions). */
export const GECKO_ID = 'agent-dock@agent-dock';

// Build modes: `production` (npm run build) and `e2e` (npm run build:test), which differs only in
// opening the panel's shadow root so puppeteer can look inside it.
export default defineConfig({
  // AGENT_DOCK_OUT_DIR lets parallel local runs build side by side; the default is `.output/`.
  outDir: process.env.AGENT_DOCK_OUT_DIR ?? '.output',
  // WXT builds Firefox as MV2 by default, which silently drops MV3-only keys: MV3 everywhere.
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The polyfill is for the background (promise-returning onMessage before Chrome 144). The
    // content script only sends messages and opens a port, which native `browser`/`chrome` do
    // everywhere MV3 runs: keep it out of every page's bundle (~2.5 KB gzipped).
    'vite:build:extendConfig': (entrypoints, config) => {
      const alias = config.resolve?.alias as Record<string, string> | undefined;
      if (!alias || !entrypoints.every((e) => e.type === 'content-script')) return;
      // A copy: the other build steps may share the object.
      const { 'wxt/browser': _polyfill, ...native } = alias;
      config.resolve!.alias = native;
    },
  },
  manifest: ({ browser }) => ({
    name: 'Agent Dock',
    description: 'Take LivePerson chats inside your CRM: ring, accept, chat and end without leaving the record.',
    permissions: ['storage', 'alarms'],
    // The LivePerson services the background talks to, plus loopback for the local sandbox.
    host_permissions: ['https://*.liveperson.net/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    action: { default_title: 'Agent Dock' },
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
