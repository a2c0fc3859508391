/**
 * zod helpers for LivePerson's JSON, which is a mapping of an XML model (reference §9):
 * a list of one may be a bare object and an empty list may be absent; numbers often arrive as
 * strings; the same link or event is spelled `@href`/`@rel`/`@id`/`@type` on some resources and
 * `href`/`rel`/`id`/`type` on others. We read every spelling and normalise once, here.
 */
import { z } from 'zod';

/** A list that may arrive as an array, a single object, or not at all. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value == null ? [] : Array.isArray(value) ? value : [value]), z.array(item));
}

/** A number that may arrive as a number or a numeric string. */
export const numberish = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
  z.number().finite(),
);

/** An id compared as a string, whatever type it was sent as. */
export const idish = z.union([z.string(), z.number()]).transform(String);

/** A boolean that may arrive as a boolean or as the string "true" / "false" (in any case). */
export const booleanish = z.preprocess((value) => {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  return word === 'true' ? true : word === 'false' ? false : value;
}, z.boolean());

/**
 * The items of a list read one by one: one we cannot read (or that its schema reads as nothing) is
 * dropped, and the others still serve.
 */
export function readEach<T>(items: readonly unknown[], item: z.ZodType<T | undefined>): T[] {
  return items.flatMap((raw) => {
    const read = item.safeParse(raw);
    return read.success && read.data !== undefined ? [read.data] : [];
  });
}

export const linkSchema = z
  .object({ '@href': z.string().optional(), href: z.string().optional(), '@rel': z.string().optional(), rel: z.string().optional() })
  .transform((link) => ({ href: link['@href'] ?? link.href, rel: link['@rel'] ?? link.rel ?? '' }))
  .refine((link): link is { href: string; rel: string } => typeof link.href === 'string' && link.href.length > 0, 'link without href');

export const linksSchema = listOf(linkSchema).transform((links) => {
  const byRel: Record<string, string> = {};
  for (const link of links) if (!(link.rel in byRel)) byRel[link.rel] = link.href;
  return byRel;
});

/** `{"link": …}` wrappers such as `agentSessionLocation` and `chatLocation`: the first link's href. */
export const locationSchema = z
  .object({ link: listOf(linkSchema) })
  .transform((l) => l.link[0]?.href)
  .refine((href): href is string => !!href, 'location without href');

/** The last path segment of an href: agent session id, chat id, event id. */
export function lastSegment(href: string): string {
  const path = new URL(href).pathname.replace(/\.json$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}
