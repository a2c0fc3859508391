/**
 * The account's skills: LivePerson's Skills API (Account Configuration, CSDS `accountConfigReadOnly`,
 * the agent's own bearer or API keys), `GET /api/account/{accountId}/configuration/le-users/skills?v=…`,
 * developers.liveperson.com administration-get-all-skills.html; the entity and its transfer rules in
 * administration-skills-appendix.html:
 * - `canTransfer` — "Whether the skill can transfer to other skills … Default: true. If false can
 *   only transfer to itself (requeue)";
 * - `skillTransferList` — "The list of Skill ids to which this skill can transfer conversations …
 *   Default: null (i.e. skill can transfer to all skills)".
 * Tolerance as elsewhere in src/api: ids as numbers or strings, a list of one as the bare object,
 * booleans as strings; a skill we cannot read is dropped, not the whole list.
 */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import { booleanish, idish, listOf, readEach } from './quirks';
import type { AccountAddress, AccountSkill, Result } from './types';

/**
 * The appendix: `v` required, "Default Value: 1.0 (Most updated: v=4.0)". Our reading: 2.0, as the
 * other Account Configuration reads here and LivePerson's integrators send it; the page lists the
 * entity's fields (`canTransfer`, `skillTransferList` included) without a version.
 */
export const SKILLS_API_VERSION = '2.0';

const skillSchema = z
  .looseObject({
    id: idish,
    name: z.coerce.string(),
    deleted: booleanish.optional().catch(undefined),
    canTransfer: booleanish.optional().catch(undefined),
    skillTransferList: z.union([z.null(), listOf(idish)]).optional().catch(undefined),
  })
  .transform(
    (s): AccountSkill => ({
      id: s.id,
      name: s.name,
      deleted: s.deleted ?? false,
      canTransfer: s.canTransfer ?? true,
      // null or absent: every skill; an empty list is read the same way (nothing says "none").
      ...(s.skillTransferList && s.skillTransferList.length > 0 ? { transferTo: s.skillTransferList } : {}),
    }),
  );

export async function getSkills(http: Http, auth: RequestAuth, p: AccountAddress): Promise<Result<AccountSkill[]>> {
  const result = await http.request({
    url: `${p.origin.replace(/\/+$/, '')}/api/account/${encodeURIComponent(p.accountId)}/configuration/le-users/skills`,
    query: { v: SKILLS_API_VERSION },
    auth,
    schema: listOf(z.unknown()),
  });
  if (!result.ok) return result;
  return { ok: true, value: readEach(result.value, skillSchema) };
}

/**
 * The skills a conversation of `fromSkillId` may be transferred to, by the documented rules: its own
 * skill always (requeue); others only if `canTransfer`, limited to `skillTransferList` when set;
 * deleted skills never. An unknown or absent skill (`-1`, "no skill") limits nothing.
 */
export function transferableSkills(skills: readonly AccountSkill[], fromSkillId: string | undefined): AccountSkill[] {
  const live = skills.filter((s) => !s.deleted);
  const from = live.find((s) => s.id === fromSkillId);
  if (!from) return live;
  if (!from.canTransfer) return [from];
  if (!from.transferTo) return live;
  const allowed = new Set([from.id, ...from.transferTo]);
  return live.filter((s) => allowed.has(s.id));
}
