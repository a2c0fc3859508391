/**
 * The account's canned responses: LivePerson's Account Configuration API, "Predefined Content"
 * and "Predefined Categories", on the CSDS service `accountConfigReadOnly` (a bearer from the
 * Login Service or API keys, like every other call).
 * - Items: `GET /api/account/{accountId}/configuration/engagement-window/canned-responses?v=2.0`
 *   (optional `lang`, `skill_ids`, `include_deleted`), developers.liveperson.com
 *   predefined-content-api-methods-get-predefined-content-items.html; the entity is described in
 *   account-configuration-predefined-content-appendix.html.
 * - Categories: `GET /api/account/{accountId}/configuration/le-categories/categories?v=2.0`,
 *   predefined-categories-api-methods-categories-list.html.
 * Both answer a JSON array and the collection's revision in the `ac-revision` header.
 *
 * Our reading of the pages, which disagree with themselves in places: the hotkey is spelled
 * `hotkey` in one example and `hot-key` in the other (and in the field lists); skills are
 * `skillIds` in the examples and `skillsIds` in the appendix's table; `data[].isDefault` is
 * optional. We read every spelling, take ids and numbers as numbers or strings, lists as lists or
 * single objects, and drop (and count) an item we cannot read rather than refuse the whole
 * library: one odd item must not take the agent's canned responses away.
 */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import { idish, listOf, numberish } from './quirks';
import type { AccountAddress, PredefinedCategories, PredefinedContent, PredefinedContentItem, PredefinedContentQuery, Result } from './types';

/** The Domain API (CSDS) service that serves both resources for reading. */
export const ACCOUNT_CONFIG_SERVICE = 'accountConfigReadOnly';

const booleanish = z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean());

const hotkeySchema = z.object({ prefix: idish, suffix: idish });

const textSchema = z.object({
  lang: z.string().default(''),
  title: z.coerce.string().default(''),
  msg: z.string(),
  isDefault: booleanish.optional().catch(undefined),
});

const itemSchema = z
  .looseObject({
    id: idish,
    deleted: booleanish.optional().catch(undefined),
    enabled: booleanish.optional().catch(undefined),
    type: numberish.optional().catch(undefined),
    data: listOf(z.unknown()),
    categoriesIds: listOf(idish).catch([]),
    skillIds: listOf(idish).catch([]),
    skillsIds: listOf(idish).catch([]),
    hotkey: hotkeySchema.optional().catch(undefined),
    'hot-key': hotkeySchema.optional().catch(undefined),
  })
  .transform(
    (item): PredefinedContentItem => ({
      id: item.id,
      deleted: item.deleted ?? false,
      enabled: item.enabled ?? true,
      type: item.type ?? 0,
      // A translation we cannot read is skipped; the others still serve.
      texts: item.data.flatMap((entry) => {
        const text = textSchema.safeParse(entry);
        return text.success ? [{ ...text.data, isDefault: text.data.isDefault ?? false }] : [];
      }),
      categoryIds: item.categoriesIds,
      skillIds: [...new Set([...item.skillIds, ...item.skillsIds])],
      hotkey: item.hotkey ?? item['hot-key'],
    }),
  );

const categorySchema = z.looseObject({
  id: idish,
  name: z.coerce.string().default(''),
  deleted: booleanish.optional().catch(undefined),
  order: numberish.optional().catch(undefined),
});

function configUrl(p: AccountAddress, resource: string): string {
  return `${p.origin.replace(/\/+$/, '')}/api/account/${encodeURIComponent(p.accountId)}/configuration/${resource}`;
}

export async function getPredefinedContent(
  http: Http,
  auth: RequestAuth,
  p: AccountAddress & PredefinedContentQuery,
): Promise<Result<PredefinedContent>> {
  const query: Record<string, string> = { v: '2.0' };
  if (p.langs?.length) query.lang = p.langs.join(',');
  if (p.skillIds?.length) query.skill_ids = p.skillIds.join(',');
  if (p.includeDeleted) query.include_deleted = 'true';
  let revision: string | undefined;
  const result = await http.request({
    url: configUrl(p, 'engagement-window/canned-responses'),
    query,
    auth,
    schema: listOf(z.unknown()),
    onHeaders: (headers) => (revision = headers.get('ac-revision') ?? undefined),
  });
  if (!result.ok) return result;
  const items: PredefinedContentItem[] = [];
  let unreadable = 0;
  for (const raw of result.value) {
    const item = itemSchema.safeParse(raw);
    if (item.success) items.push(item.data);
    else unreadable += 1;
  }
  return { ok: true, value: { items, revision, unreadable } };
}

export async function getPredefinedCategories(
  http: Http,
  auth: RequestAuth,
  p: AccountAddress & { includeDeleted?: boolean },
): Promise<Result<PredefinedCategories>> {
  const query: Record<string, string> = { v: '2.0' };
  if (p.includeDeleted) query.include_deleted = 'true';
  let revision: string | undefined;
  const result = await http.request({
    url: configUrl(p, 'le-categories/categories'),
    query,
    auth,
    schema: listOf(z.unknown()),
    onHeaders: (headers) => (revision = headers.get('ac-revision') ?? undefined),
  });
  if (!result.ok) return result;
  const categories = result.value.flatMap((raw) => {
    const category = categorySchema.safeParse(raw);
    return category.success ? [{ id: category.data.id, name: category.data.name, deleted: category.data.deleted ?? false, order: category.data.order }] : [];
  });
  return { ok: true, value: { categories, revision } };
}
