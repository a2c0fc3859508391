/**
 * A Preact stand-in for the panel (built by ./preact-panel.ts): what any panel drawn with Preact
 * must do before an agent can type, and nothing of ours. Like the bare stand-in (./bare-panel.ts)
 * it takes over the early read of the site rules and attaches a shadow root with the panel's real
 * stylesheet; then Preact draws, in one render, the panel's elements for a chat with its newest 10
 * lines and an enabled composer, from constants: no view, no background, no messaging, no state
 * beyond the composer's. Its time, beside the floor's, is the framework's own share of the start-up.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import panelCss from '../../src/ui/panel/panel.css?inline';
import dockCss from '../../src/ui/dock/dock.css?inline';
import { MOUNT_MEASURE, SCRIPT_START_MARK } from '../../src/ui/dock/marks';

/** As in ./bare-panel.ts: the early read's global and the storage keys it holds. */
const EARLY_READ_GLOBAL = Symbol.for('agent-dock.panel-settings');
const KEYS = ['siteRules', 'panelPlacements'];
/** As the real transcript draws in the task that opens a chat (src/ui/panel/Transcript.tsx). */
const LINES = 10;

interface EarlyRead {
  stored: Promise<Record<string, unknown>>;
  stopFollowing(): void;
}

function Line({ n }: { n: number }) {
  const visitor = n % 2 === 0;
  return (
    <div class={`line line-${visitor ? 'visitor' : 'agent'}`} data-testid="line" data-line-id={String(n)}>
      <div class="line-meta">
        <span class="line-by">{visitor ? 'Dana' : 'Alex'}</span> <span class="line-time">09:0{n % 10}</span>
      </div>
      <div class="line-bubble">
        <span data-testid="line-text" dir="auto">
          {visitor ? `A question about my order, part ${n}` : `Let me look that up (${n})`}
        </span>
      </div>
      <span class="line-actions">
        <span class="write-back-actions">
          <button type="button" class="btn-write-back">Copy</button>
          <button type="button" class="btn-write-back">Fill</button>
        </span>
      </span>
    </div>
  );
}

function StandInPanel() {
  const [draft, setDraft] = useState('');
  return (
    <aside class="panel" data-testid="panel" aria-label="Agent Dock">
      <header class="head">
        <div>
          <div class="title">Agent Dock</div>
          <div class="sub">Alex · Online</div>
        </div>
        <button type="button" class="btn btn-quiet" aria-label="Collapse the panel">⟩</button>
      </header>
      <section class="chat" data-testid="chat" aria-label="Chat with Dana">
        <div class="chat-head">
          <div>
            <div class="chat-visitor">Dana</div>
            <div class="chat-state">Chatting · since 09:00 · 3 min</div>
          </div>
          <span class="chat-actions">
            <button type="button" class="btn btn-quiet">Transfer</button>
            <button type="button" class="btn btn-quiet">End chat</button>
          </span>
        </div>
        <div class="transcript" role="log" aria-label="Transcript">
          {Array.from({ length: LINES }, (_, i) => (
            <Line key={i} n={i} />
          ))}
        </div>
        <form class="composer" onSubmit={(event) => event.preventDefault()}>
          <textarea data-testid="composer" aria-label="Message" value={draft} onInput={(event) => setDraft((event.target as HTMLTextAreaElement).value)} />
          <div class="composer-side">
            <button type="submit" class="btn btn-primary" disabled={!draft.trim()}>
              Send
            </button>
          </div>
        </form>
      </section>
    </aside>
  );
}

const start = performance.getEntriesByName(SCRIPT_START_MARK)[0]!.startTime;
const scope = globalThis as { [EARLY_READ_GLOBAL]?: EarlyRead };
const early = scope[EARLY_READ_GLOBAL];
delete scope[EARLY_READ_GLOBAL];
early?.stopFollowing();
const read = early?.stored ?? browser.storage.local.get(KEYS);
const host = document.createElement('agent-dock-panel');
const shadow = host.attachShadow({ mode: 'open' });
const sheet = new CSSStyleSheet();
sheet.replaceSync(`:host { all: initial !important; }\n${panelCss}\n${dockCss}`);
shadow.adoptedStyleSheets = [sheet];
void read.then(() => {
  const dock = document.createElement('div');
  dock.className = 'dock dock-right';
  dock.style.setProperty('--agent-dock-width', '360px');
  shadow.append(dock);
  document.documentElement.append(host);
  render(<StandInPanel />, dock);
  performance.measure(MOUNT_MEASURE, { start });
});
