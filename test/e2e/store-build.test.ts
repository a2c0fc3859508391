/**
 * The store build (`npm run zip`, Chrome and Firefox) carries no sandbox (issue #19 L1): no
 * loopback host permission or connect-src, no demo password or account, no default demo rule,
 * no performance marks. Built here into a temporary directory from the working tree, and read
 * from the zips themselves, as a store would.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ACCOUNT, SANDBOX_CRM_ORIGIN, SANDBOX_PASSWORD } from '../../src/settings/sandbox';
import { STAND_IN_SUMMARY_PREFIX } from '../features/wrap-up/stand-in-summarizer';

const ROOT = new URL('../../', import.meta.url).pathname;
let outDir: string;

const zipOf = (browser: 'chrome' | 'firefox') => {
  const name = readdirSync(outDir).find((f) => f.endsWith(`-${browser}.zip`));
  if (!name) throw new Error(`No ${browser} zip in ${outDir}: ${readdirSync(outDir).join(', ')}`);
  return join(outDir, name);
};
const unzip = (...args: string[]) => execFileSync('unzip', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'agent-dock-store-'));
  const env = { ...process.env, AGENT_DOCK_OUT_DIR: outDir };
  // The very commands of `npm run zip`.
  execFileSync('npx', ['wxt', 'zip'], { cwd: ROOT, env, stdio: 'ignore' });
  execFileSync('npx', ['wxt', 'zip', '-b', 'firefox'], { cwd: ROOT, env, stdio: 'ignore' });
}, 240_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe.each(['chrome', 'firefox'] as const)('the %s store zip', (browser) => {
  it('asks for LivePerson’s hosts only, and its pages may connect to nothing else', () => {
    const manifest = JSON.parse(unzip('-p', zipOf(browser), 'manifest.json')) as {
      host_permissions: string[];
      content_security_policy: { extension_pages: string };
    };
    expect(manifest.host_permissions.length).toBeGreaterThan(0);
    for (const host of manifest.host_permissions) expect(host).toMatch(/^https:\/\/(\*\.)?(liveperson\.net|liveperson\.com|lprnd\.net|lpsnmedia\.net)\/\*$/);
    const connect = manifest.content_security_policy.extension_pages.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'));
    expect(connect).toBeDefined();
    // https for the REST APIs, wss for LivePerson Messaging's socket; nothing else, no loopback.
    for (const source of connect!.split(/\s+/).slice(1)) expect(source).toMatch(/^(https|wss):\/\/(\*\.)?(liveperson\.net|liveperson\.com|lprnd\.net|lpsnmedia\.net)$/);
    expect(connect).toContain('wss://*.liveperson.net');
  });

  it('holds no demo password, no demo rule and no performance marks in any file', () => {
    const files = unzip('-Z1', zipOf(browser)).split('\n').filter((f) => /\.(js|html|json)$/.test(f));
    expect(files.some((f) => f.endsWith('background.js'))).toBe(true);
    const everything = files.map((f) => unzip('-p', zipOf(browser), f)).join('\n');
    for (const needle of [SANDBOX_PASSWORD, SANDBOX_CRM_ORIGIN, 'performance.mark', 'performance.measure', 'http://localhost', SANDBOX_ACCOUNT.csdsUrl]) {
      expect(everything.includes(needle), needle).toBe(false);
    }
  });

  it('carries no stand-in translator or summarizer and no test clock; the translation comes with the chat tools, not in panel.js (issue #21)', () => {
    const files = unzip('-Z1', zipOf(browser)).split('\n').filter((f) => f.endsWith('.js'));
    const read = (f: string) => unzip('-p', zipOf(browser), f);
    const everything = files.map(read).join('\n');
    // The stand-in translator's phrase book and its fake user agent (test/features/translation/stand-in-translator.ts),
    // the stand-in summary's words (test/features/wrap-up/stand-in-summarizer.ts), the e2e clock's key.
    for (const needle of ['necesito ayuda con mi pedido', 'stand-in', STAND_IN_SUMMARY_PREFIX, 'e2e:clockOffsetMs']) expect(everything.includes(needle), needle).toBe(false);
    expect(read('content-scripts/panel.js').includes('LanguageDetector')).toBe(false);
    expect(read('content-scripts/panel-tools.js').includes('LanguageDetector')).toBe(true);
  });
});
