/**
 * The Messaging side of the emulator, without sockets: conversations (they live on whether or not
 * anybody is connected), their messaging events with per-conversation sequence numbers, the
 * routing service's rings, and agents' routing states. Shapes and rules follow
 * docs/reference/messaging.md; "our design" marks what LivePerson does not document.
 */
import { createHash, randomUUID } from 'node:crypto';

export type Availability = 'ONLINE' | 'AWAY' | 'BACK_SOON' | 'OFFLINE' | 'OCCUPIED';
export type Role = 'CONSUMER' | 'ASSIGNED_AGENT' | 'MANAGER' | 'READER';
export type RingState = 'WAITING' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED' | 'CANCELLED';

/** An agent as the Login Service knows it (the server hands these over after checking a bearer). */
export interface MessagingAgent {
  userId: string;
  loginName: string;
  nickname: string;
  skills: Array<{ id: string; name: string }>;
  maxChats: number;
}

export interface Participant {
  id: string;
  role: Role;
  /** `SUGGESTED` for an agent a conversation was transferred to who has not accepted yet. */
  state: 'ACTIVE' | 'SUGGESTED';
}

/** One stored messaging event, as `OnlineEventDistribution` carries it. */
export interface MessagingChange {
  sequence: number;
  originatorId: string;
  originatorPId: string;
  originatorMetadata: { id: string; role: Role };
  serverTimestamp: number;
  event: Record<string, unknown>;
  dialogId: string;
  messageAudience?: string;
}

export interface Ring {
  ringId: string;
  convId: string;
  agentUserId: string;
  state: RingState;
  createdAt: number;
  expiresAt: number;
  timer?: NodeJS.Timeout;
}

export interface Conversation {
  id: string;
  consumerId: string;
  skillId: string;
  state: 'OPEN' | 'CLOSE';
  closeReason?: 'AGENT' | 'CONSUMER';
  startTs: number;
  endTs?: number;
  metaDataLastUpdateTs: number;
  participants: Participant[];
  events: MessagingChange[];
  ring?: Ring;
  /** Agents who let a ring pass (rejected or expired): routing tries someone else first. */
  passedBy: Set<string>;
}

export interface Consumer {
  id: string;
  jwt: string;
  firstName?: string;
  lastName?: string;
}

export type StoreEvent =
  | { kind: 'conversation'; conversation: Conversation; before: Set<string> }
  | { kind: 'message'; conversation: Conversation; change: MessagingChange; stored: boolean }
  | { kind: 'ring'; ring: Ring }
  | { kind: 'agent-state'; userId: string };

export class StoreError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** A stable participant id (PID) per agent: LivePerson's are UUIDs; ours derive from the user id. */
export function agentPid(accountId: string, userId: string): string {
  const h = createHash('sha1').update(`${accountId}:${userId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The "old" agent id the routing and AAM services use: `{accountId}.{userId}`. */
export const oldAgentId = (accountId: string, userId: string) => `${accountId}.${userId}`;

export interface StoreOptions {
  accountId: string;
  /** How long a ring waits for an answer (LivePerson's example: `ringExpiration` 72000). */
  ringExpirationMs: number;
}

export class MessagingStore {
  readonly conversations = new Map<string, Conversation>();
  readonly consumers = new Map<string, Consumer>();
  readonly agents = new Map<string, MessagingAgent>();
  readonly availability = new Map<string, { availability: Availability; description: string }>();
  /** Agents with a routing-task subscription on an open socket (who may be rung). */
  readonly routable = new Set<string>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  constructor(readonly opts: StoreOptions) {}

  on(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  pidOf(userId: string): string {
    return agentPid(this.opts.accountId, userId);
  }

  /** Accepts a user id, an old id (`account.user`) or a PID; answers the user id. */
  resolveAgent(id: string): string | undefined {
    for (const agent of this.agents.values()) {
      if (id === agent.userId || id === oldAgentId(this.opts.accountId, agent.userId) || id === this.pidOf(agent.userId)) return agent.userId;
    }
    return undefined;
  }

  signUp(names: { firstName?: string; lastName?: string } = {}): Consumer {
    const id = randomUUID();
    // An opaque token shaped like a JWT (our design: the emulator looks it up, it does not verify a signature).
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${b64({ kid: '00001', typ: 'JWT', alg: 'none' })}.${b64({ sub: id, aud: `acc:${this.opts.accountId}`, iss: 'emulator', iat: Math.floor(Date.now() / 1000) })}.${randomUUID()}`;
    const consumer: Consumer = { id, jwt, ...names };
    this.consumers.set(id, consumer);
    return consumer;
  }

  consumerByJwt(jwt: string): Consumer | undefined {
    for (const consumer of this.consumers.values()) if (consumer.jwt === jwt) return consumer;
    return undefined;
  }

  // ---- agents -------------------------------------------------------------------------------

  stateOf(userId: string) {
    return this.availability.get(userId) ?? { availability: 'OFFLINE' as Availability, description: '' };
  }

  setState(userId: string, availability: Availability, description = ''): void {
    this.availability.set(userId, { availability, description });
    this.emit({ kind: 'agent-state', userId });
    this.route();
  }

  setRoutable(userId: string, routable: boolean): void {
    if (routable) this.routable.add(userId);
    else this.routable.delete(userId);
    this.route();
  }

  // ---- conversations ------------------------------------------------------------------------

  /** Who sees a conversation in their AAM subscription before a change (to send DELETE after). */
  private watchers(c: Conversation): Set<string> {
    return new Set(c.participants.filter((p) => p.role !== 'CONSUMER').map((p) => p.id));
  }

  private changed(c: Conversation, before: Set<string>): void {
    c.metaDataLastUpdateTs = Date.now();
    this.emit({ kind: 'conversation', conversation: c, before });
  }

  requestConversation(consumer: Consumer, skillId = '-1'): Conversation {
    const open = [...this.conversations.values()].find((c) => c.consumerId === consumer.id && c.state === 'OPEN');
    // Our reading: a consumer has one open conversation at a time.
    if (open) throw new StoreError(400, `The consumer already has an open conversation (${open.id})`);
    const now = Date.now();
    const c: Conversation = {
      id: randomUUID(),
      consumerId: consumer.id,
      skillId,
      state: 'OPEN',
      startTs: now,
      metaDataLastUpdateTs: now,
      participants: [{ id: consumer.id, role: 'CONSUMER', state: 'ACTIVE' }],
      events: [],
      passedBy: new Set(),
    };
    this.conversations.set(c.id, c);
    this.changed(c, new Set());
    this.route();
    return c;
  }

  get(convId: string): Conversation {
    const c = this.conversations.get(convId);
    if (!c) throw new StoreError(404, `No conversation ${convId}`);
    return c;
  }

  assignedAgent(c: Conversation): Participant | undefined {
    return c.participants.find((p) => p.role === 'ASSIGNED_AGENT' && p.state === 'ACTIVE');
  }

  isAgentParticipant(c: Conversation, userId: string): boolean {
    const pid = this.pidOf(userId);
    return c.participants.some((p) => p.id === pid && p.role !== 'CONSUMER' && p.state === 'ACTIVE');
  }

  /** Stores (or, for chat states, only distributes) one event; answers its sequence. */
  publish(c: Conversation, from: { pid: string; oldId: string; role: Role }, event: Record<string, unknown>, messageAudience?: string): number {
    if (c.state === 'CLOSE') throw new StoreError(400, `Conversation ${c.id} is closed`);
    const stored = event.type !== 'ChatStateEvent';
    const change: MessagingChange = {
      // Chat states are not part of the conversation's history; LivePerson answers them with sequence 0.
      sequence: stored ? c.events.length : 0,
      originatorId: from.oldId,
      originatorPId: from.pid,
      originatorMetadata: { id: from.pid, role: from.role },
      serverTimestamp: Date.now(),
      event,
      dialogId: c.id,
      ...(messageAudience ? { messageAudience } : {}),
    };
    if (stored) c.events.push(change);
    this.emit({ kind: 'message', conversation: c, change, stored });
    return change.sequence;
  }

  close(c: Conversation, by: 'AGENT' | 'CONSUMER'): void {
    if (c.state === 'CLOSE') return;
    const before = this.watchers(c);
    c.state = 'CLOSE';
    c.closeReason = by;
    c.endTs = Date.now();
    if (c.ring?.state === 'WAITING') this.endRing(c.ring, 'CANCELLED');
    this.changed(c, before);
    this.route();
  }

  addParticipant(c: Conversation, userId: string, role: Role): void {
    const before = this.watchers(c);
    const pid = this.pidOf(userId);
    c.participants = c.participants.filter((p) => p.id !== pid);
    c.participants.push({ id: pid, role, state: 'ACTIVE' });
    this.changed(c, before);
  }

  /** Removes the assigned agent (back to the queue, or the first half of a transfer). */
  removeAssigned(c: Conversation, userId?: string): void {
    const assigned = this.assignedAgent(c);
    if (!assigned || (userId && assigned.id !== this.pidOf(userId))) {
      throw new StoreError(400, 'The conversation has no such assigned agent to remove');
    }
    const before = this.watchers(c);
    c.participants = c.participants.filter((p) => p !== assigned);
    c.passedBy.clear();
    // Our design: whoever gave the conversation away is rung again only when nobody else can take it.
    const leaver = this.resolveAgent(assigned.id);
    if (leaver) c.passedBy.add(leaver);
    this.changed(c, before);
  }

  suggest(c: Conversation, userId: string): void {
    const before = this.watchers(c);
    const pid = this.pidOf(userId);
    c.participants = c.participants.filter((p) => !(p.role === 'ASSIGNED_AGENT' && p.state === 'SUGGESTED'));
    c.participants.push({ id: pid, role: 'ASSIGNED_AGENT', state: 'SUGGESTED' });
    this.changed(c, before);
  }

  setSkill(c: Conversation, skillId: string): void {
    const before = this.watchers(c);
    c.skillId = skillId;
    this.changed(c, before);
  }

  /** Call after a batch of field changes: a conversation without an agent goes back to routing. */
  settle(): void {
    this.route();
  }

  // ---- routing -------------------------------------------------------------------------------

  private openCount(userId: string): number {
    const pid = this.pidOf(userId);
    let n = 0;
    for (const c of this.conversations.values()) {
      if (c.state === 'OPEN' && c.participants.some((p) => p.id === pid && p.role === 'ASSIGNED_AGENT' && p.state === 'ACTIVE')) n++;
      if (c.state === 'OPEN' && c.ring?.state === 'WAITING' && c.ring.agentUserId === userId) n++;
    }
    return n;
  }

  private candidate(c: Conversation): string | undefined {
    const suggested = c.participants.find((p) => p.role === 'ASSIGNED_AGENT' && p.state === 'SUGGESTED');
    const eligible = [...this.agents.values()].filter((a) => {
      if (!this.routable.has(a.userId)) return false;
      const { availability } = this.stateOf(a.userId);
      // Occupied agents take transfers only (the Chat API's rule, which LivePerson's SDK docs repeat for Messaging).
      if (availability !== 'ONLINE' && !(availability === 'OCCUPIED' && suggested)) return false;
      if (suggested) return this.pidOf(a.userId) === suggested.id;
      if (c.skillId !== '-1' && !a.skills.some((s) => s.id === c.skillId)) return false;
      return this.openCount(a.userId) < a.maxChats;
    });
    const fresh = eligible.filter((a) => !c.passedBy.has(a.userId));
    // Our design: the agent with the fewest open conversations first; someone who let it pass last.
    const pool = fresh.length > 0 ? fresh : eligible;
    pool.sort((a, b) => this.openCount(a.userId) - this.openCount(b.userId));
    return pool[0]?.userId;
  }

  /** Rings an eligible agent for every open conversation that has neither an agent nor a ring. */
  route(): void {
    for (const c of this.conversations.values()) {
      if (c.state !== 'OPEN' || this.assignedAgent(c) || c.ring?.state === 'WAITING') continue;
      const userId = this.candidate(c);
      if (!userId) continue;
      const now = Date.now();
      const ring: Ring = {
        ringId: `${c.id}_${this.opts.accountId}_${now}`,
        convId: c.id,
        agentUserId: userId,
        state: 'WAITING',
        createdAt: now,
        expiresAt: now + this.opts.ringExpirationMs,
      };
      ring.timer = setTimeout(() => {
        if (ring.state !== 'WAITING') return;
        c.passedBy.add(userId);
        this.endRing(ring, 'EXPIRED');
        this.route();
      }, this.opts.ringExpirationMs);
      ring.timer.unref?.();
      c.ring = ring;
      this.emit({ kind: 'ring', ring });
    }
  }

  private endRing(ring: Ring, state: RingState): void {
    clearTimeout(ring.timer);
    ring.state = state;
    this.emit({ kind: 'ring', ring });
  }

  findRing(ringId: string): { ring: Ring; conversation: Conversation } | undefined {
    for (const c of this.conversations.values()) if (c.ring?.ringId === ringId) return { ring: c.ring, conversation: c };
    return undefined;
  }

  answerRing(userId: string, ringId: string, answer: 'ACCEPTED' | 'REJECTED'): void {
    const found = this.findRing(ringId);
    if (!found || found.ring.agentUserId !== userId) throw new StoreError(404, `No ring ${ringId} for this agent`);
    const { ring, conversation: c } = found;
    if (ring.state !== 'WAITING') throw new StoreError(400, `The ring is ${ring.state}`);
    this.endRing(ring, answer);
    if (answer === 'ACCEPTED') {
      const before = this.watchers(c);
      const pid = this.pidOf(userId);
      c.participants = c.participants.filter((p) => !(p.role === 'ASSIGNED_AGENT') && p.id !== pid);
      c.participants.push({ id: pid, role: 'ASSIGNED_AGENT', state: 'ACTIVE' });
      this.changed(c, before);
    } else {
      c.passedBy.add(userId);
      // Our reading: an agent who refuses a transfer sends it back to the skill's queue.
      c.participants = c.participants.filter((p) => !(p.role === 'ASSIGNED_AGENT' && p.state === 'SUGGESTED'));
    }
    this.route();
  }

  dispose(): void {
    for (const c of this.conversations.values()) clearTimeout(c.ring?.timer);
  }

  reset(): void {
    this.dispose();
    this.conversations.clear();
    this.consumers.clear();
    this.availability.clear();
    this.routable.clear();
  }
}
