/**
 * The UIs' command sender: a line whose command got no answer because the worker stopped is sent
 * again with the same client id (the background queues it once); other commands are never resent.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const sendMessage = vi.fn();
vi.mock('../../src/messaging/protocol', () => ({ sendMessage: (...args: unknown[]) => sendMessage(...args), VIEW_PORT: 'agent-dock:view' }));

const { run } = await import('../../src/ui/store');

const WORKER_STOPPED = new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received');

describe('run', () => {
  beforeEach(() => {
    sendMessage.mockReset();
  });

  it('sends a line again, with the same client id, when the worker stopped before answering', async () => {
    sendMessage.mockRejectedValueOnce(WORKER_STOPPED).mockResolvedValueOnce({ ok: true });
    expect(await run('sendLine', { chatId: 'c1', text: 'hello' })).toEqual({ ok: true });
    expect(sendMessage).toHaveBeenCalledTimes(2);
    const [first, second] = sendMessage.mock.calls.map((call) => call[1] as { clientId: string; text: string });
    expect(first!.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toEqual(first);
    expect(first!.text).toBe('hello');
  });

  it('gives each line its own client id, and gives up with a sentence after a few tries', async () => {
    sendMessage.mockRejectedValue(WORKER_STOPPED);
    const result = await run('sendLine', { chatId: 'c1', text: 'hello' });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^Agent Dock is not reachable/) });
    expect(sendMessage).toHaveBeenCalledTimes(3);
    sendMessage.mockReset().mockResolvedValue({ ok: true });
    await run('sendLine', { chatId: 'c1', text: 'hello' });
    await run('sendLine', { chatId: 'c1', text: 'hello' });
    const ids = sendMessage.mock.calls.map((call) => (call[1] as { clientId: string }).clientId);
    expect(new Set(ids).size).toBe(2);
  });

  it('never resends other commands (accepting twice would take two chats)', async () => {
    sendMessage.mockRejectedValue(WORKER_STOPPED);
    expect(await run('acceptChat')).toMatchObject({ ok: false });
    expect(sendMessage).toHaveBeenCalledTimes(1);
  });
});
