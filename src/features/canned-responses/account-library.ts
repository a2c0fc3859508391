/**
 * The account's library: LivePerson's Predefined Content (src/api/predefined-content.ts) as
 * canned responses. Deleted, disabled and non-text items are left out; each item offers the
 * translation that best fits the languages asked for (the agent's, or the visitor's first).
 */
import type { PredefinedCategory, PredefinedContentItem, PredefinedContentText } from '../../api/types';
import { looksLikeHtml, type CannedResponse } from './response';

/** 0 is text, the only type LivePerson documents; other types may hold what a text line cannot carry. */
const TEXT_TYPE = 0;

const lower = (tag: string) => tag.trim().toLowerCase();
const primary = (tag: string) => lower(tag).split(/[-_]/)[0] ?? '';

/**
 * The translation for the first language that has one: exact tag first (`es-ES`), then the same
 * language in another region (`es-MX` for `es-ES`); else the item's first translation.
 */
export function pickTranslation(texts: readonly PredefinedContentText[], languages: readonly string[]): PredefinedContentText | undefined {
  for (const wanted of languages) {
    const exact = texts.find((t) => lower(t.lang) === lower(wanted));
    if (exact) return exact;
    const sameLanguage = texts.find((t) => primary(t.lang) === primary(wanted));
    if (sameLanguage) return sameLanguage;
  }
  return texts[0];
}

export function accountResponses(
  items: readonly PredefinedContentItem[],
  categories: readonly PredefinedCategory[],
  languages: readonly string[],
): CannedResponse[] {
  const categoryNames = new Map(categories.filter((c) => !c.deleted).map((c) => [c.id, c.name] as const));
  return items.flatMap((item) => {
    if (item.deleted || !item.enabled || item.type !== TEXT_TYPE) return [];
    const translation = pickTranslation(item.texts, languages);
    if (!translation || !translation.msg.trim()) return [];
    return [
      {
        key: `account:${item.id}`,
        source: 'account' as const,
        title: translation.title.trim() || translation.msg.trim().slice(0, 40),
        text: translation.msg,
        format: looksLikeHtml(translation.msg) ? ('html' as const) : ('plain' as const),
        lang: translation.lang || undefined,
        categories: item.categoryIds.flatMap((id) => categoryNames.get(id) ?? []),
        skillIds: item.skillIds,
      },
    ];
  });
}
