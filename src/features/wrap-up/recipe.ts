/**
 * A "recipe": which CRM fields a chat's outcome goes into on one site, taught once by the agent
 * (Teach mode) or deployed by fleet policy. Versioned from the first version: a newer shape is a
 * new version with a step in `upgradeRecipe`, never an "if old format" check elsewhere.
 */
import { z } from 'zod';
import { siteMatchSchema } from '../../settings/site-pattern-schema';

export const RECIPE_VERSION = 1;

/** What a field can receive, and how the Teach menu names it. */
export const RECIPE_VALUES = {
  transcript: 'Transcript',
  notes: 'Notes',
  disposition: 'Disposition',
  'visitor.email': 'Visitor e-mail',
  'visitor.phone': 'Visitor phone',
  'visitor.name': 'Visitor name',
  'chat.id': 'Chat id',
  'chat.startTime': 'Start time',
  'chat.duration': 'Duration',
} as const;

export type RecipeValue = keyof typeof RECIPE_VALUES;

const recipeValueSchema = z.enum(Object.keys(RECIPE_VALUES) as [RecipeValue, ...RecipeValue[]]);

const attribute = z.string().trim().min(1).max(200);

/** How to find the field again after a re-render: its stable attributes, none of them required alone. */
export const fieldLocatorSchema = z
  .object({
    tag: z.enum(['input', 'textarea', 'select', 'contenteditable']),
    /** An input's `type` (text, email, date, number…). */
    type: z.string().trim().toLowerCase().max(40).optional(),
    id: attribute.optional(),
    name: attribute.optional(),
    ariaLabel: attribute.optional(),
    labelText: attribute.optional(),
    placeholder: attribute.optional(),
    data: z.record(z.string().regex(/^data-[a-z0-9_.:-]{1,60}$/, 'a data-* attribute name'), z.string().max(200)).optional(),
  })
  .strict()
  .refine((l) => !!(l.id || l.name || l.ariaLabel || l.labelText || l.placeholder || (l.data && Object.keys(l.data).length)), {
    message: 'A field needs at least one of id, name, aria-label, label text, placeholder or a data-* attribute to be found again.',
  });

export type FieldLocator = z.output<typeof fieldLocatorSchema>;

export const recipeFieldSchema = z
  .object({
    value: recipeValueSchema,
    locator: fieldLocatorSchema,
    /** What the agent called the field when teaching it ("Case notes"). */
    label: z.string().trim().min(1).max(100),
  })
  .strict();

export type RecipeField = z.output<typeof recipeFieldSchema>;

export const recipeSchema = z
  .object({
    version: z.literal(RECIPE_VERSION),
    /** The site, as a site rule's `match`. */
    site: siteMatchSchema,
    fields: z.array(recipeFieldSchema).min(1, 'A recipe fills at least one field.').max(30),
    /** Set on recipes a fleet policy deploys with a lock: the agent cannot re-teach them. */
    locked: z.boolean().optional(),
  })
  .strict()
  .superRefine((recipe, ctx) => {
    const seen = new Set<string>();
    recipe.fields.forEach((field, i) => {
      const key = JSON.stringify(field.locator);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'locator'], message: `“${field.label}” is the same field as an earlier one.` });
      seen.add(key);
    });
  });

export type Recipe = z.output<typeof recipeSchema>;

/**
 * Brings a stored or imported recipe to the current version, or says why it cannot. Version 1 is
 * the first, so today this only refuses versions it does not know.
 */
export function upgradeRecipe(raw: unknown): { ok: true; recipe: unknown } | { ok: false; reason: string } {
  if (!raw || typeof raw !== 'object') return { ok: false, reason: 'a recipe must be an object' };
  const version = (raw as { version?: unknown }).version;
  if (version === RECIPE_VERSION) return { ok: true, recipe: raw };
  if (typeof version === 'number' && version > RECIPE_VERSION) {
    return { ok: false, reason: `made by a newer Agent Dock (recipe version ${version}; this one reads version ${RECIPE_VERSION})` };
  }
  return { ok: false, reason: `unknown recipe version ${JSON.stringify(version)}` };
}
