/** Serves the demo CRM record page (and any other page in this folder) on 127.0.0.1. */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const PAGES_DIR = fileURLToPath(new URL('.', import.meta.url));

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
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } catch {
      res.writeHead(404).end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
