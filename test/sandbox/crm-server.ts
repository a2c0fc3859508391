/**
 * Serves the demo CRM record page (and any other page in this folder, such as the hostile test
 * pages `hostile-*.html`) on 127.0.0.1. `hostile-csp.html` comes with a strict Content-Security-Policy.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const PAGES_DIR = fileURLToPath(new URL('.', import.meta.url));

/** What a locked-down CRM sends: nothing inline, nothing from anywhere. */
export const STRICT_CSP = "default-src 'none'; style-src 'none'; script-src 'none'; img-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

export interface CrmServer {
  url: string;
  close(): Promise<void>;
}

export async function startCrmServer(opts: { port?: number } = {}): Promise<CrmServer> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const name = path === '/' ? 'crm.html' : path.slice(1);
    if (!/^[a-z0-9-]+\.html$/.test(name)) {
      res.writeHead(404).end('Not found');
      return;
    }
    try {
      const html = await readFile(PAGES_DIR + name);
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
      if (name === 'hostile-csp.html') headers['content-security-policy'] = STRICT_CSP;
      res.writeHead(200, headers).end(html);
    } catch {
      res.writeHead(404).end('Not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
