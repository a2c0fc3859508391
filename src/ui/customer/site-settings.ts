/**
 * The CRM settings of the page the panel is on (record link, dispositions, recipe), asked of the
 * background once per page and again after Teach saves a recipe. The background answers only for
 * the asking tab's own site.
 */
import { signal } from '@preact/signals-core';
import type { CrmSiteSettings, Refusal } from '../../messaging/protocol';
import { useSignalValue } from '../state/use-signal-value';
import { run } from '../store';

type Answer = ({ ok: true } & CrmSiteSettings) | Refusal;

const settings = signal<Answer | undefined>(undefined);
let asked = false;

export function refreshCrmSiteSettings(): Promise<void> {
  asked = true;
  return run('getCrmSiteSettings').then((answer) => {
    settings.value = answer;
  });
}

/** The settings for a component (undefined until the first answer). */
export function useCrmSiteSettings(): Answer | undefined {
  useSignalValue(settings);
  if (!asked) void refreshCrmSiteSettings();
  return settings.peek();
}
