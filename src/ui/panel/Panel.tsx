/** The chat panel injected into CRM pages. It renders the background's view; it decides nothing. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRingCountdown } from '../ring-countdown';
import { connectView, run, view } from '../store';
import { awaitingFirstView } from '../../messaging/view';
import { ChatPane } from './ChatPane';
import { LineAnnouncer } from './LineAnnouncer';
import { useSignalValue } from '../state/use-signal-value';
import { showBidiControls } from '../bidi';
import { ReplyDueTimerSlot, UrgencyToggle, useChatOrder } from './reply-due/slots';
import { onPanelKeyDown, paletteOpen, PaletteSlot, quickTools, type PanelHandle } from './quick-tools';


export interface PanelProps {
  /** The site's rule: start as the slim tab. */
  startCollapsed?: boolean;
  /** The site's rule: a ring opens the collapsed panel. */
  openOnRing?: boolean;
  /** The page around the panel follows it (resize handle, page margin). */
  onCollapsedChange?: (collapsed: boolean) => void;
}

export function Panel({ startCollapsed = false, openOnRing = false, onCollapsedChange }: PanelProps = {}) {
  useEffect(connectView, []);
  const v = useSignalValue(view);
  const [collapsed, setCollapsed] = useState(startCollapsed);
  useEffect(() => onCollapsedChange?.(collapsed), [collapsed]);
  const ringing = v.ringing.count > 0;
  useEffect(() => {
    if (ringing && openOnRing) setCollapsed(false);
  }, [ringing, openOnRing]);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  // Unread counts: lines that arrived in a chat while another one was shown.
  const seen = useRef(new Map<string, number>());
  const chats = v.chats;
  const tabOrder = useChatOrder(chats);
  const active = chats.find((c) => c.id === selected) ?? chats[chats.length - 1];
  if (active) seen.current.set(active.id, active.lines.length);
  const unread = (id: string, total: number) => total - (seen.current.get(id) ?? total);
  const totalUnread = chats.reduce((sum, c) => sum + (c.id === active?.id ? 0 : unread(c.id, c.lines.length)), 0);

  // LivePerson sets the agent Away when a ringing chat is not accepted within 20 s: count it down.
  const awayIn = useRingCountdown();
  // Shortcuts and the command palette (#21): the keys stop in the panel; the tools load on first focus.
  const root = useRef<HTMLElement>(null);
  const handle: PanelHandle = { root, select: setSelected, activeChatId: active?.id };
  const palette = useSignalValue(paletteOpen);

  const accept = async () => {
    const result = await run('acceptChat');
    if (!result.ok) setError(result.message);
  };

  if (collapsed) {
    return (
      <>
        <LineAnnouncer chats={chats} />
        <button type="button" class="tab" data-testid="panel" aria-label="Open Agent Dock" onClick={() => setCollapsed(false)}>
          <span class="tab-title">Agent Dock</span>
          {v.ringing.count > 0 && <span class="badge badge-ring">{v.ringing.count}</span>}
          {totalUnread > 0 && <span class="badge">{totalUnread}</span>}
        </button>
      </>
    );
  }

  const connecting = awaitingFirstView(v);
  return (
    <aside
      class="panel"
      data-testid="panel"
      aria-label="Agent Dock"
      aria-busy={connecting}
      ref={root}
      onKeyDown={(event) => onPanelKeyDown(event, handle)}
      onFocusIn={() => void quickTools.get()}
    >
      {palette && <PaletteSlot {...handle} />}
      {!connecting && <LineAnnouncer chats={chats} />}
      <header class="head">
        <div>
          <div class="title">Agent Dock</div>
          <div class="sub">
            {connecting ? 'Connecting…' : v.auth.status === 'signed-in' ? `${v.auth.agentName ?? ''} · ${v.availability ?? ''}` : 'Signed out'}
          </div>
          {!connecting && v.auth.status === 'signed-in' && !!v.agent?.skills.length && (
            <div class="sub" data-testid="panel-skills">
              Skills: {v.agent.skills.map((s) => s.name).join(', ')}
            </div>
          )}
        </div>
        <button type="button" class="btn btn-quiet" aria-label="Collapse the panel" onClick={() => setCollapsed(true)}>
          ⟩
        </button>
      </header>

      {error && (
        <div class="error" role="alert" data-testid="error">
          <span>{error}</span>
          <button type="button" class="btn btn-quiet" aria-label="Dismiss" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
      {v.health.problem && <div class="warning">{v.health.problem}</div>}
      {v.presence?.awayNotice && v.availability === 'Away' && (
        <div class="warning" data-testid="away-notice">
          {v.presence.awayNotice.reason}
        </div>
      )}

      {connecting ? null : v.auth.status !== 'signed-in' ? (
        <p class="empty">Sign in from the Agent Dock toolbar button.</p>
      ) : (
        <>
          {v.ringing.count > 0 && (
            <div class="ring" role="alert" data-testid="ring">
              <span>
                Incoming chat{v.ringing.count > 1 ? `s (${v.ringing.count})` : ''}
                {awayIn !== undefined && (
                  <span class="ring-countdown" data-testid="ring-countdown">
                    {awayIn > 0 ? ` · accept within ${awayIn} s or you go Away` : ' · you will be set Away'}
                  </span>
                )}
              </span>
              <button type="button" class="btn btn-primary" data-testid="accept" onClick={accept}>
                Accept
              </button>
            </div>
          )}
          {chats.length > 1 && <UrgencyToggle />}
          {chats.length > 1 && (
            <div class="tabs" role="tablist">
              {tabOrder.map((c) => (
                <button
                  key={c.id}
                  type="button"
                  role="tab"
                  class="chat-tab"
                  data-testid="chat-tab"
                  aria-selected={c.id === active?.id}
                  onClick={() => setSelected(c.id)}
                >
                  <span dir="auto">{showBidiControls(c.visitorName)}</span>
                  <ReplyDueTimerSlot chat={c} />
                  {c.id !== active?.id && unread(c.id, c.lines.length) > 0 && <span class="badge">{unread(c.id, c.lines.length)}</span>}
                </button>
              ))}
            </div>
          )}
          {active ? <ChatPane key={active.id} chat={active} onError={setError} /> : <p class="empty">No open chats. New chats ring here.</p>}
        </>
      )}
    </aside>
  );
}
