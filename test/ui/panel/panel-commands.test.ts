// @vitest-environment jsdom
/**
 * The panel's commands and shortcuts: a shortcut runs its command and its event is stopped (no
 * page listener and no browser default sees it); other keys pass; commands are offered only while
 * their control is in the panel; availability is offered in CRM tabs too, and sent only for a
 * trusted gesture (a page's synthetic key or click sends nothing).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyView } from '../../../src/messaging/view';
import { shortcutOverridesItem } from '../../../src/features/command-palette/stored';
import { handlePanelKey, panelContext, panelKeymap, panelRegistry, UNTRUSTED_AVAILABILITY } from '../../../src/ui/panel/palette/panel-commands';
import { paletteOpen, type PanelHandle } from '../../../src/ui/panel/quick-state';
import { run, view } from '../../../src/ui/store';

vi.mock('../../../src/ui/store', async (actual) => ({ ...(await actual<typeof import('../../../src/ui/store')>()), run: vi.fn(async () => ({ ok: true })) }));

let selected: string[];
let handle: PanelHandle;

function key(init: KeyboardEventInit): KeyboardEvent {
  return new KeyboardEvent('keydown', { bubbles: true, cancelable: true, composed: true, ...init });
}

beforeEach(() => {
  document.body.innerHTML = `<aside class="panel" tabindex="-1"><section class="chat"><button data-testid="end-chat">End</button>
    <details data-testid="visitor-info"><summary>Visitor</summary></details><textarea data-testid="composer"></textarea></section></aside>`;
  selected = [];
  vi.mocked(run).mockClear();
  handle = { root: { current: document.querySelector('aside') }, select: (id) => void selected.push(id), activeChatId: 'A' };
  view.value = {
    ...emptyView,
    version: 1,
    auth: { status: 'signed-in', agentName: 'Alex' },
    availability: 'Online',
    chats: ['A', 'B'].map((id) => ({ id, state: 'chatting', visitorName: id === 'A' ? 'Dana' : 'Sam', visitorTyping: false, lines: [] })),
  };
  paletteOpen.value = false;
});

describe('panel shortcuts', () => {
  it('run their command and stop the event', () => {
    const event = key({ key: 'k', code: 'KeyK', ctrlKey: true });
    let pageHeard = false;
    document.addEventListener('keydown', () => (pageHeard = true));
    document.querySelector('textarea')!.addEventListener('keydown', (e) => handlePanelKey(e, handle));
    document.querySelector('textarea')!.dispatchEvent(event);
    expect(paletteOpen.value).toBe(true);
    expect(event.defaultPrevented).toBe(true);
    expect(pageHeard).toBe(false);
  });

  it('moves to the next chat with Alt+ArrowDown', () => {
    handlePanelKey(key({ key: 'ArrowDown', code: 'ArrowDown', altKey: true }), handle);
    expect(selected).toEqual(['B']);
  });

  it('let every other key through untouched', () => {
    for (const init of [{ key: 'k', code: 'KeyK' }, { key: 'c', code: 'KeyC', ctrlKey: true }, { key: 'Enter', code: 'Enter' }]) {
      const event = key(init);
      handlePanelKey(event, handle);
      expect(event.defaultPrevented).toBe(false);
    }
  });
});

describe('the palette’s commands', () => {
  it('are offered while their control is in the panel, availability in a CRM tab too', () => {
    expect(location.protocol).toBe('http:'); // not an extension page
    const ids = panelRegistry(handle, () => {}).available(panelContext(handle)).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['chat.end', 'visitor.info', 'composer.focus', 'chat.next', 'chat.previous']));
    expect(ids).not.toContain('chat.transfer');
    expect(ids).not.toContain('ring.accept');
    expect(ids.filter((id) => id.startsWith('availability.'))).toEqual(['availability.away', 'availability.drain']);
    expect(ids.filter((id) => id.startsWith('chat.switch-to.'))).toHaveLength(1);
  });

  it('change availability for a trusted gesture only: a synthetic key or click sends nothing and says why', async () => {
    const reports: string[] = [];
    const registry = panelRegistry(handle, (message) => reports.push(message));
    const command = (id: string, event: Event | { isTrusted: boolean }) => registry.available(panelContext(handle, event)).find((c) => c.id === id)!.run(panelContext(handle, event));
    // What a page can make: dispatched events are never trusted.
    for (const synthetic of [new KeyboardEvent('keydown', { key: 'Enter' }), new MouseEvent('mousedown')]) {
      document.body.dispatchEvent(synthetic);
      expect(synthetic.isTrusted).toBe(false);
      await command('availability.away', synthetic);
      await command('availability.drain', synthetic);
    }
    await command('availability.away', { isTrusted: false });
    expect(run).not.toHaveBeenCalled();
    expect(reports).toEqual(Array(5).fill(UNTRUSTED_AVAILABILITY));
    // The browser's own events (the agent's key press or click) are trusted.
    await command('availability.away', { isTrusted: true });
    await command('availability.drain', { isTrusted: true });
    expect(vi.mocked(run).mock.calls).toEqual([['setAvailability', { state: 'Away' }], ['finishChatsThenAway']]);
  });

  it('never change availability for a key the page dispatched, even on a shortcut the agent gave it', async () => {
    await shortcutOverridesItem.setValue({ 'availability.away': 'Alt+W' });
    await vi.waitFor(() => expect(panelKeymap().bindings.get('availability.away')).toBeDefined());
    const textarea = document.querySelector('textarea')!;
    textarea.addEventListener('keydown', (e) => handlePanelKey(e, handle));
    const forged = key({ key: 'w', code: 'KeyW', altKey: true });
    textarea.dispatchEvent(forged);
    expect(forged.defaultPrevented).toBe(true); // taken by the panel as its shortcut…
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(run).not.toHaveBeenCalled(); // …and refused: not the agent's own key press
    await shortcutOverridesItem.setValue({});
  });
});
