import type { LineView } from '../../messaging/view';
import { run } from '../store';

/** Under the agent's own queued line: "Sending…", or why it failed with Retry and Discard. */
export function LineDelivery({ chatId, line, onError }: { chatId: string; line: LineView; onError?: (message: string) => void }) {
  if (line.delivery === 'pending') {
    return (
      <div class="line-status" data-testid="line-pending" title={line.problem ? `Retrying: ${line.problem}` : undefined}>
        {line.problem ? 'Sending… (retrying)' : 'Sending…'}
      </div>
    );
  }
  if (line.delivery !== 'failed') return null;
  const localId = line.id.replace(/^pending:/, '');
  const act = async (command: 'retryLine' | 'discardLine') => {
    const result = await run(command, { chatId, localId });
    if (!result.ok) onError?.(result.message);
  };
  return (
    <div class="line-status line-failed" data-testid="line-failed" role="alert">
      Not sent{line.problem ? `: ${line.problem}` : ''}.{' '}
      <button type="button" class="btn btn-link" data-testid="line-retry" onClick={() => void act('retryLine')}>
        Retry
      </button>{' '}
      <button type="button" class="btn btn-link" data-testid="line-discard" onClick={() => void act('discardLine')}>
        Discard
      </button>
    </div>
  );
}
