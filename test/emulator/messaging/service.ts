/**
 * The emulator's Messaging mode: LivePerson's UMS WebSocket API for agents
 * (`/ws_api/account/{accountId}/messaging/brand/{bearer}?v=2`) and consumers
 * (`/ws_api/account/{accountId}/messaging/consumer?v=3`), the IDP's consumer `signup`, and a few
 * `/sandbox/messaging/…` controls. server.ts hands it the HTTP `upgrade` events and the requests
 * it does not serve itself. See docs/reference/messaging.md.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { handleAgentRequest } from './agent-api';
import { handleConsumerRequest } from './consumer-api';
import { MessagingStore, StoreError, type MessagingAgent } from './conversations';
import { respond } from './frames';
import { fanOut, Session } from './sessions';

export interface MessagingOptions {
  /** How long a ring waits before it expires (LivePerson's example: 72000 ms). */
  ringExpirationMs?: number;
  /** The server closes a socket that sent nothing (no frame, no ping) for this long (LivePerson: 60 s). */
  idleTimeoutMs?: number;
}

export interface MessagingDeps {
  accountId: string;
  /** Every agent of the account, for routing. */
  agents: MessagingAgent[];
  /** The Login Service's check: the agent behind a live bearer, or undefined. */
  agentForBearer(bearer: string): MessagingAgent | undefined;
  log?: (line: string) => void;
}

export interface MessagingService {
  store: MessagingStore;
  /** Takes an HTTP upgrade if it is a UMS path; answers false otherwise. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Serves `signup` and `/sandbox/messaging/…`; answers false for any other path. */
  handleHttp(req: IncomingMessage, res: ServerResponse, path: string, method: string): Promise<boolean>;
  /** Drops every agent socket without a close frame (a network loss); conversations stay. */
  dropAgentSockets(): void;
  reset(): void;
  close(): void;
}

const AGENT_PATH = /^\/ws_api\/account\/([^/]+)\/messaging\/brand\/([^/?]+)$/;
const CONSUMER_PATH = /^\/ws_api\/account\/([^/]+)\/messaging\/consumer$/;

export function createMessagingService(deps: MessagingDeps, opts: MessagingOptions = {}): MessagingService {
  const store = new MessagingStore({ accountId: deps.accountId, ringExpirationMs: opts.ringExpirationMs ?? 72_000 });
  for (const agent of deps.agents) store.agents.set(agent.userId, agent);
  const idleTimeoutMs = opts.idleTimeoutMs ?? 60_000;
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Set<Session>();
  store.on((event) => fanOut(store, sessions, event));

  function refuse(socket: Duplex, status: number, text: string): void {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  function attach(ws: WebSocket, session: Session): void {
    sessions.add(session);
    let idle: NodeJS.Timeout;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => ws.close(1000, 'Idle connection closed'), idleTimeoutMs);
      idle.unref?.();
    };
    touch();
    ws.on('ping', touch);
    ws.on('message', (data, isBinary) => {
      touch();
      if (isBinary) return;
      let frame: Record<string, unknown>;
      try {
        frame = JSON.parse(String(data)) as Record<string, unknown>;
      } catch {
        return; // our design: a frame that is not JSON has no id to answer; it is ignored
      }
      if (!frame || typeof frame !== 'object' || frame.kind !== undefined && frame.kind !== 'req') return;
      deps.log?.(`[ums ${session.side}] ${String(frame.type)}`);
      try {
        if (session.side === 'agent') {
          // The bearer is checked on every request: an expired one closes the socket with 4401.
          const agent = session.bearer ? deps.agentForBearer(session.bearer) : undefined;
          if (!agent) {
            respond(ws, frame.id, 401, '.ReqBody$StringResp', 'Unauthorized');
            ws.close(4401, 'Token expired');
            return;
          }
          handleAgentRequest(store, session, frame);
        } else {
          handleConsumerRequest(store, session, frame);
        }
      } catch (error) {
        const code = error instanceof StoreError ? error.code : 500;
        if (!(error instanceof StoreError)) console.error('[emulator ums] unexpected error', error);
        respond(ws, frame.id, code, '.ReqBody$StringResp', error instanceof Error ? error.message : 'Internal error');
      }
    });
    ws.on('close', () => {
      clearTimeout(idle);
      sessions.delete(session);
      const agent = session.agent;
      if (agent && ![...sessions].some((s) => s.agent?.userId === agent.userId)) {
        // Our reading: with no socket left the agent cannot be rung; their conversations stay theirs.
        store.routable.delete(agent.userId);
        store.setState(agent.userId, 'OFFLINE');
      } else if (agent && ![...sessions].some((s) => s.agent?.userId === agent.userId && s.has('routing'))) {
        store.setRoutable(agent.userId, false);
      }
    });
  }

  return {
    store,
    upgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://emulator');
      const agentMatch = AGENT_PATH.exec(url.pathname);
      const consumerMatch = CONSUMER_PATH.exec(url.pathname);
      if (!agentMatch && !consumerMatch) return false;
      const account = (agentMatch ?? consumerMatch)![1];
      if (account !== deps.accountId) {
        refuse(socket, 401, 'Unauthorized');
        return true;
      }
      if (agentMatch) {
        const bearer = decodeURIComponent(agentMatch[2]!);
        const agent = deps.agentForBearer(bearer);
        if (!agent) {
          refuse(socket, 401, 'Unauthorized');
          return true;
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
          const session = new Session(ws, 'agent', bearer);
          session.agent = agent;
          attach(ws, session);
        });
        return true;
      }
      // Consumers: `Authorization: jwt …` on the upgrade, or an InitConnection request afterwards.
      const jwt = /^jwt\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
      const consumer = jwt ? store.consumerByJwt(jwt) : undefined;
      if (jwt && !consumer) {
        refuse(socket, 401, 'Unauthorized');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const session = new Session(ws, 'consumer');
        session.consumer = consumer;
        attach(ws, session);
      });
      return true;
    },

    async handleHttp(req, res, path, method) {
      const sendJson = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const signup = /^\/api\/account\/([^/]+)\/signup$/.exec(path);
      if (signup && method === 'POST') {
        if (signup[1] !== deps.accountId) {
          sendJson(401, { error: 'unknown account' });
          return true;
        }
        // LivePerson's signup takes no body; ours accepts an optional {firstName,lastName} for the demo profile.
        let names: { firstName?: string; lastName?: string } = {};
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        try {
          const parsed = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
          names = {
            firstName: typeof parsed.firstName === 'string' ? parsed.firstName.slice(0, 100) : undefined,
            lastName: typeof parsed.lastName === 'string' ? parsed.lastName.slice(0, 100) : undefined,
          };
        } catch {
          // no names
        }
        sendJson(200, { jwt: store.signUp(names).jwt });
        return true;
      }
      if (path === '/sandbox/messaging/state' && method === 'GET') {
        sendJson(200, {
          agents: [...store.agents.values()].map((a) => ({ userId: a.userId, ...store.stateOf(a.userId), sockets: [...sessions].filter((s) => s.agent?.userId === a.userId).length })),
          conversations: [...store.conversations.values()].map((c) => ({
            id: c.id,
            state: c.state,
            skillId: c.skillId,
            participants: c.participants,
            events: c.events.length,
            ring: c.ring && { ringId: c.ring.ringId, state: c.ring.state, agentUserId: c.ring.agentUserId },
          })),
        });
        return true;
      }
      if (path === '/sandbox/messaging/drop-agent-sockets' && method === 'POST') {
        this.dropAgentSockets();
        sendJson(200, { ok: true });
        return true;
      }
      return false;
    },

    dropAgentSockets() {
      for (const session of sessions) if (session.side === 'agent') session.ws.terminate();
    },
    reset() {
      for (const session of sessions) session.ws.terminate();
      store.reset();
    },
    close() {
      for (const session of sessions) session.ws.terminate();
      store.dispose();
      wss.close();
    },
  };
}
