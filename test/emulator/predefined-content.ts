/**
 * The emulator's Account Configuration API: Predefined Content (canned responses) and Predefined
 * Categories, served on the CSDS service `accountConfigReadOnly`. Pages (LivePersonInc/developer-center):
 * - predefined-content-api-methods-get-predefined-content-items.html (`GET …/engagement-window/canned-responses`,
 *   query `lang`, `skill_ids`, `ids`, `include_deleted`, `group_by`, `select`; `ac-revision` header)
 * - account-configuration-predefined-content-appendix.html (the entity; `v` is required, 400 without)
 * - predefined-categories-api-methods-categories-list.html (`GET …/le-categories/categories`)
 *
 * Our reading where the pages are silent:
 * - `lang` keeps, case-insensitively, the translations in the listed languages and drops items
 *   left with none; `skill_ids` keeps items for any listed skill plus items with no skill (those
 *   serve every skill in LivePerson's own workspace); disabled items are still listed (`enabled`
 *   false): the API describes configuration, not what an agent may use.
 * - `select` and the deprecated `fields` / `field_set` are accepted and ignored: every field is sent.
 * - Revisions are fixed numbers, sent as the header's string.
 * The data set mirrors what an account really holds: categories (one deleted), several languages,
 * skill-scoped items (skills 1 Sales and 2 Support, as the emulator's agents have), one HTML item,
 * placeholders in Agent Dock's `{name}` form, one deleted and one disabled item, and both of the
 * pages' hotkey spellings (`hotkey`, `hot-key`).
 */

export const PREDEFINED_CONTENT_REVISION = '42';
export const PREDEFINED_CATEGORIES_REVISION = '7';

export const PREDEFINED_CATEGORIES = [
  { id: 3100001, deleted: false, name: 'Greetings', order: 1, proposed: false },
  { id: 3100002, deleted: false, name: 'Orders and shipping', order: 2, proposed: false },
  { id: 3100003, deleted: false, name: 'Account and billing', order: 3, proposed: false },
  { id: 3100004, deleted: false, name: 'Closings', order: 4, proposed: false },
  { id: 3100005, deleted: true, name: 'Summer sale 2025', order: 5, proposed: false },
];

const text = (lang: string, title: string, msg: string) => ({ lang, title, msg, isDefault: false });

export const PREDEFINED_CONTENT = [
  {
    id: 3400001,
    deleted: false,
    enabled: true,
    hotkey: { prefix: 'alt', suffix: '1' },
    type: 0,
    data: [
      text('en-US', 'Greeting', "Hi {visitorName}, I'm {agentName}. How can I help you today?"),
      text('es-ES', 'Saludo', 'Hola {visitorName}, soy {agentName}. ¿En qué puedo ayudarle hoy?'),
      text('de-DE', 'Begrüßung', 'Hallo {visitorName}, ich bin {agentName}. Wie kann ich Ihnen heute helfen?'),
    ],
    categoriesIds: [3100001],
    skillIds: [],
  },
  {
    id: 3400002,
    deleted: false,
    enabled: true,
    'hot-key': { prefix: 'alt', suffix: '2' },
    type: 0,
    data: [
      text('en-US', 'One moment', "I'll be right with you, {visitorName}. Thanks for your patience."),
      text('es-ES', 'Un momento', 'Enseguida estoy con usted, {visitorName}. Gracias por su paciencia.'),
    ],
    categoriesIds: [3100001],
    skillIds: [],
  },
  {
    id: 3400003,
    deleted: false,
    enabled: true,
    type: 0,
    data: [
      text('en-US', 'Order status', 'Let me look up your order. I can see order {var:orderNumber} on your account.'),
      text('es-ES', 'Estado del pedido', 'Voy a buscar su pedido. ¿Me indica el número de pedido?'),
    ],
    categoriesIds: [3100002],
    skillIds: [1],
  },
  {
    id: 3400004,
    deleted: false,
    enabled: true,
    type: 0,
    data: [
      text(
        'en-US',
        'Reset password',
        '<p>You can reset your password on <a href="https://www.example.com/account/reset" target="_blank">the reset page</a>. The link works for <b>24 hours</b>.</p>',
      ),
    ],
    categoriesIds: [3100003],
    skillIds: [2],
  },
  {
    id: 3400005,
    deleted: false,
    enabled: true,
    type: 0,
    data: [
      text('en-US', 'Refund policy', 'Refunds reach your card within 5 business days of our receiving the item.'),
      text('de-DE', 'Rückerstattung', 'Die Erstattung erfolgt innerhalb von 5 Werktagen nach Eingang der Ware.'),
    ],
    categoriesIds: [3100002, 3100003],
    skillIds: [1, 2],
  },
  {
    id: 3400006,
    deleted: false,
    enabled: true,
    hotkey: { prefix: 'alt', suffix: '9' },
    type: 0,
    data: [
      text('en-US', 'Closing', 'Thank you for chatting with us, {visitorName}. Have a great day!'),
      text('es-ES', 'Despedida', 'Gracias por escribirnos, {visitorName}. ¡Que tenga un buen día!'),
      text('de-DE', 'Abschied', 'Danke für Ihre Nachricht, {visitorName}. Einen schönen Tag noch!'),
    ],
    categoriesIds: [3100004],
    skillIds: [],
  },
  {
    id: 3400007,
    deleted: true,
    enabled: true,
    type: 0,
    data: [text('en-US', 'Summer sale', 'Use code SUMMER25 for 25% off until August 31.')],
    categoriesIds: [3100005],
    skillIds: [1],
  },
  {
    id: 3400008,
    deleted: false,
    enabled: false,
    type: 0,
    data: [text('en-US', 'Holiday hours', 'Over the holidays our team answers from 9:00 to 13:00.')],
    categoriesIds: [3100001],
    skillIds: [],
  },
];

export type AccountConfigAnswer = { status: number; body: unknown; headers: Record<string, string> } | { status: number; error: string };

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

function isTrue(value: string | null): boolean {
  return (value ?? '').toLowerCase() === 'true';
}

function items(query: URLSearchParams) {
  const langs = list(query.get('lang')).map((l) => l.toLowerCase());
  const skills = list(query.get('skill_ids'));
  const ids = list(query.get('ids'));
  return PREDEFINED_CONTENT.filter((item) => isTrue(query.get('include_deleted')) || !item.deleted)
    .filter((item) => !ids.length || ids.includes(String(item.id)))
    .filter((item) => !skills.length || !item.skillIds.length || item.skillIds.some((id) => skills.includes(String(id))))
    .map((item) => (langs.length ? { ...item, data: item.data.filter((d) => langs.includes(d.lang.toLowerCase())) } : item))
    .filter((item) => item.data.length > 0);
}

/** `group_by=CATEGORIES`: an object of category id → the items in it (an item may be in several). */
function byCategory(selected: ReturnType<typeof items>): Record<string, unknown[]> {
  const groups: Record<string, unknown[]> = {};
  for (const item of selected) for (const id of item.categoriesIds) (groups[String(id)] ??= []).push(item);
  return groups;
}

/** `rest` is the path after `/api/account/{accountId}`; called only for `/configuration/…`, after authentication. */
export function answerAccountConfig(rest: string, method: string, query: URLSearchParams): AccountConfigAnswer {
  const resource = rest.replace(/^\/configuration/, '');
  const known = resource === '/engagement-window/canned-responses' || resource === '/le-categories/categories';
  if (!known) return { status: 404, error: `No configuration resource at ${rest}` };
  if (method !== 'GET') return { status: 405, error: `${method} is not served by this read-only emulator` };
  const version = query.get('v');
  if (!version || !Number.isFinite(Number(version))) return { status: 400, error: 'Missing or invalid API version (v)' };

  if (resource === '/le-categories/categories') {
    const categories = PREDEFINED_CATEGORIES.filter((c) => isTrue(query.get('include_deleted')) || !c.deleted);
    return { status: 200, body: categories, headers: { 'ac-revision': PREDEFINED_CATEGORIES_REVISION } };
  }
  const groupBy = query.get('group_by');
  if (groupBy && groupBy.toUpperCase() !== 'CATEGORIES') return { status: 400, error: `Unknown group_by ${groupBy}` };
  const selected = items(query);
  return { status: 200, body: groupBy ? byCategory(selected) : selected, headers: { 'ac-revision': PREDEFINED_CONTENT_REVISION } };
}
