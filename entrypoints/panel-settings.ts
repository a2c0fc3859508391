import { startEarlyRead } from '../src/ui/dock/panel-settings';

// Registered beside the panel's script, for the same sites and frames, at document_start
// (src/agent/site-registration.ts): it starts the storage read the panel's first paint waits on,
// so the read is done by the time the panel's script runs. An unlisted script, not a content
// script entrypoint: it needs none of WXT's content-script context, and every CRM page loads it.
export default defineUnlistedScript(startEarlyRead);
