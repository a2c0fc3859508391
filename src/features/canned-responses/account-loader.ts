/**
 * Loads the account's library for the background (which owns every call to LivePerson): the
 * items and the categories in parallel from the `accountConfigReadOnly` service. Categories only
 * name groups, so when they fail the items still serve, without group names.
 */
import type { AccountAddress, AccountConfigApi, ApiError, Result } from '../../api/types';
import { accountResponses } from './account-library';
import type { CannedResponse } from './response';

export interface AccountLibrary {
  responses: CannedResponse[];
  /** `ac-revision` of the items: changes when an administrator edits the library. */
  revision?: string;
  /** What did not load and why, for the log (never shown as an error: the responses serve). */
  warnings: string[];
}

export async function loadAccountLibrary(api: AccountConfigApi, address: AccountAddress, languages: readonly string[]): Promise<Result<AccountLibrary>> {
  const [content, categories] = await Promise.all([api.getPredefinedContent(address), api.getPredefinedCategories(address)]);
  if (!content.ok) return content;
  const warnings: string[] = [];
  if (!categories.ok) warnings.push(`Predefined categories: ${describe(categories.error)}`);
  if (content.value.unreadable) warnings.push(`Predefined content: ${content.value.unreadable} item(s) could not be read and were left out`);
  return {
    ok: true,
    value: {
      responses: accountResponses(content.value.items, categories.ok ? categories.value.categories : [], languages),
      revision: content.value.revision,
      warnings,
    },
  };
}

const describe = (error: ApiError) => error.message;
