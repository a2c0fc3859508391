/** The command registry: declared once, run conditions, palette filtering, every panel action bound. */
import { describe, expect, it, vi } from 'vitest';
import { bindPanelCommands, PANEL_COMMANDS, switchChatCommands, type PanelCommandContext, type PanelCommandHandlers } from '../../../src/features/command-palette/panel-commands';
import { createCommandRegistry, filterCommands, type Command } from '../../../src/features/command-palette/registry';

const idle: PanelCommandContext = { signedIn: true, availability: 'Away', ringing: false, chatCount: 0 };
const chatting: PanelCommandContext = { signedIn: true, availability: 'Online', ringing: false, chatCount: 2, activeChat: { id: 'c1', state: 'chatting' } };

function handlers(): PanelCommandHandlers {
  return Object.fromEntries(PANEL_COMMANDS.map((c) => [c.id, vi.fn()])) as unknown as PanelCommandHandlers;
}

function registry(extra: Command<PanelCommandContext>[] = []) {
  const built = createCommandRegistry([...bindPanelCommands(handlers()), ...extra]);
  if (!built.ok) throw new Error(built.errors.join('\n'));
  return built.registry;
}

describe('createCommandRegistry', () => {
  it('refuses an id declared twice, a malformed id, a missing title', () => {
    const run = () => {};
    const result = createCommandRegistry([
      { id: 'chat.end', title: 'End', run },
      { id: 'chat.end', title: 'End again', run },
      { id: 'End Chat', title: 'x', run },
      { id: 'chat.x', title: ' ', run },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: ['chat.end is declared twice', '"End Chat" is not a command id (feature.action, lower case)', 'chat.x has no title'],
    });
  });

  it('lists only the commands whose run condition holds', () => {
    const ids = (c: PanelCommandContext) => registry().available(c).map((x) => x.id);
    expect(ids(idle)).toEqual(['palette.open', 'availability.online']);
    expect(ids(chatting)).toEqual(expect.arrayContaining(['chat.next', 'chat.end', 'chat.transfer', 'composer.focus', 'availability.away', 'availability.drain']));
    expect(ids(chatting)).not.toContain('ring.accept');
    expect(ids({ ...chatting, ringing: true })).toContain('ring.accept');
    expect(ids({ ...chatting, activeChat: { id: 'c1', state: 'ended' } })).not.toContain('chat.end');
  });

  it('hides a command whose condition throws, and keeps the others', () => {
    const broken: Command<PanelCommandContext> = { id: 'broken.thing', title: 'Broken', when: () => { throw new Error('boom'); }, run: () => {} };
    const available = registry([broken]).available(idle).map((c) => c.id);
    expect(available).not.toContain('broken.thing');
    expect(available).toContain('palette.open');
  });
});

describe('panel commands', () => {
  it('bind a handler to every action the panel has, and run it', async () => {
    const bound = handlers();
    const commands = bindPanelCommands(bound);
    expect(commands.map((c) => c.id)).toEqual(PANEL_COMMANDS.map((c) => c.id));
    await commands.find((c) => c.id === 'chat.end')!.run(chatting);
    expect(bound['chat.end']).toHaveBeenCalledWith(chatting);
  });

  it('offer one "switch to" command per open chat but the one in front', () => {
    const select = vi.fn();
    const switches = switchChatCommands([{ id: 'c1', visitorName: 'Dana' }, { id: 'CHAT/2', visitorName: '' }], select);
    expect(switches.map((c) => [c.id, c.title])).toEqual([
      ['chat.switch-to.1-c1', 'Switch to chat with Dana'],
      ['chat.switch-to.2-chat-2', 'Switch to chat with visitor'],
    ]);
    const reg = registry(switches);
    expect(reg.available(chatting).map((c) => c.id)).toContain('chat.switch-to.2-chat-2');
    expect(reg.available(chatting).map((c) => c.id)).not.toContain('chat.switch-to.1-c1');
    void reg.get('chat.switch-to.2-chat-2')!.run(chatting);
    expect(select).toHaveBeenCalledWith('CHAT/2');
  });
});

describe('filterCommands', () => {
  const all = registry(switchChatCommands([{ id: 'c9', visitorName: 'Dana Whitfield' }], () => {})).available({ ...chatting, ringing: true });
  const titles = (typed: string) => filterCommands(all, typed).map((c) => c.title);

  it('lists everything in order for nothing typed', () => {
    expect(titles('')).toEqual(all.map((c) => c.title));
  });

  it('finds by title, fuzzily, best first', () => {
    expect(titles('end')[0]).toBe('End this chat');
    expect(titles('trnsfr')[0]).toBe('Transfer this chat');
    expect(titles('acc ring')[0]).toBe('Accept the ringing chat');
  });

  it('finds by keyword and by visitor name', () => {
    expect(titles('predefined')).toEqual(['Insert a canned response']);
    expect(titles('dana')[0]).toBe('Switch to chat with Dana Whitfield');
  });

  it('finds nothing for what matches nothing', () => {
    expect(titles('qqzzx')).toEqual([]);
  });
});
