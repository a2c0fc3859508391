/**
 * The site rules and panel placements, read as the panel's content script loads: the entrypoint
 * imports this module first, so the storage round trip runs while the rest of the script
 * initializes (the panel's first paint waits on it).
 */
import { getValues } from '../../settings/local-item';
import { panelPlacements, siteRules } from '../../settings/sites';

export const panelSettingsRead = getValues([siteRules, panelPlacements]);
