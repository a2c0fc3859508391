/**
 * Reply-due thresholds for a panel: the agent's preferences under the administrator's policy, for
 * the page the asking panel runs on (the sender's URL, which the browser sets: a content script
 * cannot ask for another site's values). Read-only; the options page writes the preferences.
 */
import { effectiveReplyDue, replyDuePreferencesItem } from '../../features/reply-due/settings';
import { readManagedPolicy } from '../../settings/policy';
import type { HandlerTable } from './handler';

export function replyDueHandlers(): HandlerTable {
  return {
    getReplyDue: {
      from: 'panel',
      async run(_input, sender) {
        const [preferences, policy] = await Promise.all([replyDuePreferencesItem.getValue(), readManagedPolicy()]);
        // An extension page (the side panel) has no CRM page: the everywhere values.
        const pageUrl = sender.tab ? sender.url : undefined;
        const { amberSeconds, redSeconds } = effectiveReplyDue(preferences, policy, pageUrl);
        return { ok: true, amberSeconds, redSeconds };
      },
    },
  };
}
