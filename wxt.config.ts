import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Build modes: `production` (npm run build) and `e2e` (npm run build:test), which differs only in
// opening the panel's shadow root so puppeteer can look inside it.
export default defineConfig({
  // AGENT_DOCK_OUT_DIR lets parallel local runs build side by side; the default is `.output/`.
  outDir: process.env.AGENT_DOCK_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Agent Dock',
    description: 'Take LivePerson chats inside your CRM: ring, accept, chat and end without leaving the record.',
    permissions: ['storage', 'alarms'],
    // The LivePerson services the background talks to, plus loopback for the local sandbox.
    host_permissions: ['https://*.liveperson.net/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    action: { default_title: 'Agent Dock' },
  },
});
