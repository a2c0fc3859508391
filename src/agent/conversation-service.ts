/**
 * The conversation-service seam: what the background core (presence, rings, chats, lines, outbox,
 * alerts, the panel's view) needs from whatever protocol carries the conversations, in the
 * product's own terms. Today one implementation speaks LivePerson's Chat Agent API over REST
 * (src/conversation/chat-agent-api/); LivePerson Messaging (a WebSocket) is meant to be the next,
 * behind this same interface. Nothing in src/agent/ imports a protocol implementation except the
 * runtime façade's default (./runtime.ts), and nothing here names a REST resource.
 *
 * Every call answers a `Result`: a failure is a value with an `ApiError` kind (auth-expired,
 * session-gone, rate-limited, http, network, …) that the core's rules act on (./retry-policy.ts).
 *
 * Wire data: a `Connection` and a `StoredChat` carry the fields an implementation needs to find
 * its session and chats again after a worker restart (REST: the session and chat URLs, the chat's
 * links and event cursor). The core copies them, never reads their meaning; `rehome` is the one
 * call that rewrites them.
 */
import type {
  AgentSurvey,
  ApiError,
  AvailableAgent,
  ChatAvailability,
  ChatEvent,
  ChatInfo,
  ChatLineEvent,
  ChatRef,
  ChatSnapshot,
  ParticipantInfo,
  Result,
  TransferSkill,
  TransferTarget,
  Visit,
} from '../api/types';
import type { SignIn, SignInWithApiKey } from '../messaging/protocol';
import type { AgentProfile } from '../messaging/view';
import type { Connection, StoredChat } from './state';

// The neutral types the seam speaks in: the core imports them from here. They are defined beside
// the REST client today (src/api/types.ts) and carry nothing REST-specific.
export type {
  AgentSurvey,
  ApiError,
  AvailableAgent,
  ChatAvailability,
  ChatEvent,
  ChatInfo,
  ChatLineEvent,
  ChatRef,
  ChatSnapshot,
  ParticipantInfo,
  Result,
  TransferSkill,
  TransferTarget,
  Visit,
};

/** The agent's presence as the core asks for it; 'Back soon' exists in Messaging only (the Chat Agent API refuses it). */
export type PresenceChoice = ChatAvailability | 'Back soon';

/** What an agent or a bot signs in with. */
export type SignInRequest = SignIn | SignInWithApiKey;

/** A new connection: who the agent is, their presence, and the chats they already hold (another device, a lost worker). */
export interface OpenedConnection {
  connection: Connection;
  profile?: AgentProfile;
  availability: string;
  chats: ChatSnapshot[];
}

/** Work offered to the agent: how many chats ring, and the offer that `accept` takes. */
export interface IncomingWork {
  ringing: number;
  /** Opaque to the core; REST: the link that accepts "the next" ringing chat. */
  offer?: string;
}

/** A line the agent sends. */
export interface OutgoingLine {
  /** The words; what a protocol without HTML lines sends. */
  text: string;
  /** Seen by agents only. */
  private: boolean;
  /** The same line as sanitized HTML (checked at the boundary), for protocols that carry HTML lines. */
  html?: string;
}

/** What `sendLine` answers: the event id it got (the proof it arrived), and whether the line went as HTML. */
export interface SentLine {
  eventId: number;
  asHtml?: boolean;
}

export interface ConversationService {
  /**
   * Push protocols only (Messaging): the implementation calls `wake` when something arrived, and
   * the core runs a cycle at once instead of at the next interval; that cycle's calls are answered
   * from the implementation's buffer. Poll-only protocols (the Chat Agent API) leave it out.
   */
  listen?(wake: () => void): void;

  // ---- connection -----------------------------------------------------------------------------
  /** Finds the account's service, signs in, starts the agent's session. A refusal is a sentence for the agent. */
  signIn(request: SignInRequest, now: number): Promise<{ ok: true; value: OpenedConnection } | { ok: false; error: string }>;
  /** Ends the login (and with it the agent's session). */
  signOut(connection: Connection): Promise<Result<void>>;
  /** Keeps the login alive (LivePerson: every 3–5 minutes). */
  keepSignedIn(connection: Connection): Promise<Result<void>>;
  /** A new agent session after the old one was lost; answers its wire id (the core stores it on the connection). */
  newSession(connection: Connection): Promise<Result<string>>;
  /** Whether this session is still there: false when it is gone, an error when it could not tell. */
  sessionAlive(connection: Connection, session: string): Promise<Result<boolean>>;
  /** The chats the agent holds on LivePerson's side. */
  heldChats(connection: Connection): Promise<Result<ChatRef[]>>;
  /** Moves a chat's wire data to the connection's current session (`ref`: where the session says it is now). */
  rehome(chat: StoredChat, connection: Connection, ref?: ChatRef): void;

  // ---- presence and incoming work ---------------------------------------------------------------
  presence(connection: Connection): Promise<Result<string>>;
  /** `reason`: an away reason's text, where the protocol carries one (Messaging); others ignore it. */
  setPresence(connection: Connection, availability: PresenceChoice, reason?: string): Promise<Result<void>>;
  incomingWork(connection: Connection): Promise<Result<IncomingWork>>;
  /** The account's away reasons (their texts), where the protocol offers them (Messaging); others leave it out. */
  awayReasons?(connection: Connection): Promise<Result<string[]>>;
  /** Takes the offered chat; answers where it is (then `chat` loads it). */
  accept(connection: Connection, offer: string): Promise<Result<ChatRef>>;

  // ---- chats --------------------------------------------------------------------------------------
  chat(connection: Connection, ref: ChatRef): Promise<Result<ChatSnapshot>>;
  /** What happened in these chats since each one's cursor: one answer for all of them. */
  chatEvents(connection: Connection, chats: StoredChat[]): Promise<Result<ChatSnapshot[]>>;
  /** Sends a line; answers the event id it got (the proof it arrived) and how it went. */
  sendLine(connection: Connection, chat: StoredChat, line: OutgoingLine): Promise<Result<SentLine>>;
  setTyping(connection: Connection, chat: StoredChat, typing: boolean): Promise<Result<void>>;
  transferTargets(connection: Connection, chat: StoredChat): Promise<Result<TransferSkill[]>>;
  transfer(connection: Connection, chat: StoredChat, target: TransferTarget): Promise<Result<void>>;
  end(connection: Connection, chat: StoredChat): Promise<Result<void>>;
  survey(connection: Connection, chat: StoredChat): Promise<Result<AgentSurvey>>;
  submitSurvey(connection: Connection, chat: StoredChat, surveyId: string, answers: Record<string, string[]>): Promise<Result<void>>;
  /** The visitor's visit (pages, pre-chat survey, variables); undefined when the chat offers none. */
  visit(connection: Connection, chat: StoredChat): Promise<Result<Visit> | undefined>;
  /** What the account's identity provider says about an authenticated visitor. */
  visitorIdentity(connection: Connection, participantId: string): Promise<Result<ParticipantInfo>>;

  // ---- capacity ---------------------------------------------------------------------------------
  /** Free chat slots (-1 unlimited): the agent's own (`agent`: their login name), or the account's. */
  freeSlots(connection: Connection, filter?: { agent?: string }): Promise<Result<number>>;
  colleagues(connection: Connection, filter?: { chatState?: AvailableAgent['chatState'] }): Promise<Result<AvailableAgent[]>>;
}

/**
 * The same service, telling `heard` each time the far side answered a call successfully: the poll
 * loop's cue that an outage is over (./poller.ts). Protocol-neutral: it wraps any implementation.
 */
export function listenForAnswers(service: ConversationService, heard: () => void): ConversationService {
  return new Proxy(service, {
    get(target, name, receiver) {
      const member: unknown = Reflect.get(target, name, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        const answer: unknown = member.apply(target, args);
        if (!(answer instanceof Promise)) return answer;
        return answer.then((result: unknown) => {
          if ((result as { ok?: unknown } | undefined)?.ok === true) heard();
          return result;
        });
      };
    },
  });
}
