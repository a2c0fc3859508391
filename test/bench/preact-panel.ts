/**
 * The Preact stand-in's extension: a copy of the built extension whose panel script is
 * ./preact-stand-in.tsx, built with the panel's own Preact and Vite plugin, minified like the
 * panel, its first line the same start mark. `npm run bench` times it beside the floor
 * (./bare-panel.ts) as information: the share of the start-up any Preact panel pays.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { build, type Rolldown } from 'vite';
import { SCRIPT_START_MARK } from '../../src/ui/dock/marks';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function standInScript(): Promise<string> {
  const result = await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    plugins: [preact({ devToolsEnabled: false })],
    build: {
      write: false,
      minify: true,
      lib: { entry: fileURLToPath(new URL('./preact-stand-in.tsx', import.meta.url)), formats: ['iife'], name: 'preactStandIn', fileName: 'panel' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('The Preact stand-in built no script');
  return `performance.mark(${JSON.stringify(SCRIPT_START_MARK)});\n${chunk.code}`;
}

/** A copy of the built extension (the e2e build) with the Preact stand-in as its panel script. */
export async function preactExtension(builtExtensionDir: string): Promise<string> {
  const dir = `${mkdtempSync(`${tmpdir()}/agent-dock-preact-`)}/extension`;
  cpSync(builtExtensionDir, dir, { recursive: true });
  writeFileSync(`${dir}/content-scripts/panel.js`, await standInScript());
  return dir;
}
