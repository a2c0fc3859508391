/** Canned responses for a panel (src/features/canned-responses): from our pages, or a content script on an enabled site. */
import type { CannedResponsesSource } from '../canned-responses';
import type { HandlerTable } from './handler';

export function cannedResponseHandlers(source?: CannedResponsesSource): HandlerTable {
  return {
    getCannedResponses: {
      from: 'panel',
      run: () => source?.responses() ?? { ok: false, message: 'Canned responses are not available.' },
    },
  };
}
