/**
 * Open record: the site's record-lookup template filled from what the panel knows, opened in this
 * CRM tab. The panel sets its own page's location rather than asking the background to navigate
 * the tab: the link is checked to be on the page's own origin (fillRecordUrl), so this is a
 * navigation the page could make itself; it needs no message, no tab access in the background,
 * and cannot be used by a content script to send its tab anywhere else. The panel comes back
 * with the record page (the chat lives in the background).
 */
import { fillRecordUrl } from '../../features/crm-record/template';
import type { ChatView } from '../../messaging/view';
import { chatValues } from './chat-facts';
import { useCrmSiteSettings } from './site-settings';

export function OpenRecord({ chat }: { chat: ChatView }) {
  const settings = useCrmSiteSettings();
  if (!settings?.ok || !settings.template) return null;
  const link = fillRecordUrl(settings.template, location.origin, chatValues(chat));
  return (
    <div class="open-record">
      <button
        type="button"
        class="btn"
        data-testid="open-record"
        disabled={!link.ok}
        title={link.ok ? link.url : link.reason}
        onClick={() => {
          if (link.ok) location.assign(link.url);
        }}
      >
        Open record
      </button>
      {!link.ok && (
        <span class="hint" data-testid="open-record-why" data-kind={link.kind}>
          {link.reason}
        </span>
      )}
    </div>
  );
}
