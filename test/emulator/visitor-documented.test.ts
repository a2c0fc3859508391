/**
 * The emulator's visitor (test/emulator/visitor.ts, a Server Chat API client like the JS SDK) fed
 * LivePerson's documented visitor-side answers over real HTTP: the chat request as start-chat.md's
 * table documents it (200, an empty body, the chat in `Location`), then the chat resource exactly as
 * retrieve-chat-resources-events-and-information.md prints it (its `//` comment taken out).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { documentedText } from '../fixtures/liveperson/documented';
import { Visitor } from './visitor';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('a visitor fed the documented answers', () => {
  it('reads the documented chat: its lines, state and typing, from a 200 chat request with Location', async () => {
    const chat = documentedText('visitor/chat.txt').replace(/^\s*\/\/.*$/gm, '');
    const seen: string[] = [];
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      seen.push(`${req.method} ${path}`);
      const host = `127.0.0.1:${(server!.address() as AddressInfo).port}`;
      if (path.endsWith('/service/conversationVep/baseURI.json')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ service: 'conversationVep', account: '1234', baseURI: host }));
      }
      if (path.endsWith('/chat/request.json')) {
        res.writeHead(200, { Location: `http://${host}/api/account/1234/chat/H1-documentedK1` });
        return res.end();
      }
      if (path === '/api/account/1234/chat/H1-documentedK1') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(chat);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const visitor = await Visitor.start({ baseUrl: base, accountId: '1234' });
    expect(seen).toEqual(['GET /api/account/1234/service/conversationVep/baseURI.json', 'POST /api/account/1234/chat/request.json', 'GET /api/account/1234/chat/H1-documentedK1']);
    expect(visitor.lines()).toEqual([
      { id: 1, source: 'system', by: 'info', text: 'Thank you for choosing to chat with us.', textType: 'plain' },
      { id: 3, source: 'system', by: 'info', text: 'You are now chatting with Natalie.', textType: 'plain' },
    ]);
    expect(visitor.state()).toBe('chatting');
    expect(visitor.agentTyping()).toBe(false);
  });
});
