// @vitest-environment jsdom
/**
 * The panel's commands and shortcuts: a shortcut runs its command and its event is stopped (no
 * page listener and no browser default sees it); other keys pass; commands are offered only while
 * their control is in the panel; availability only on extension pages.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyView } from '../../../src/messaging/view';
import { handlePanelKey, panelContext, panelRegistry } from '../../../src/ui/panel/palette/panel-commands';
import { paletteOpen, type PanelHandle } from '../../../src/ui/panel/quick-state';
import { view } from '../../../src/ui/store';

let selected: string[];
let handle: PanelHandle;

function key(init: KeyboardEventInit): KeyboardEvent {
  return new KeyboardEvent('keydown', { bubbles: true, cancelable: true, composed: true, ...init });
}

beforeEach(() => {
  document.body.innerHTML = `<aside class="panel" tabindex="-1"><section class="chat"><button data-testid="end-chat">End</button>
    <details data-testid="visitor-info"><summary>Visitor</summary></details><textarea data-testid="composer"></textarea></section></aside>`;
  selected = [];
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
  it('are offered while their control is in the panel, availability only on extension pages', () => {
    const ids = panelRegistry(handle, () => {}).available(panelContext(handle)).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['chat.end', 'visitor.info', 'composer.focus', 'chat.next', 'chat.previous']));
    expect(ids).not.toContain('chat.transfer');
    expect(ids).not.toContain('ring.accept');
    expect(ids.filter((id) => id.startsWith('availability.'))).toEqual([]);
    expect(ids.filter((id) => id.startsWith('chat.switch-to.'))).toHaveLength(1);
  });
});
