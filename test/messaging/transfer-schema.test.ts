/**
 * What a panel may ask to transfer to (src/messaging/schemas.ts): a skill id (or Messaging's "no
 * skill", -1), or an agent by user id or in Messaging's `{accountId}.{userId}` form (routing and
 * `GetUserProfile`'s `"qa20971604.3836897210"`, docs/reference/messaging.md §1) — nothing else.
 */
import { describe, expect, it } from 'vitest';
import { transferSchema } from '../../src/messaging/schemas';

const ok = (data: object) => transferSchema.safeParse({ chatId: 'c1', ...data }).success;

describe('transferSchema', () => {
  it('takes LivePerson’s documented agent id forms', () => {
    expect(ok({ agentId: '3836897210' })).toBe(true);
    expect(ok({ agentId: 'qa20971604.3836897210' })).toBe(true);
    expect(ok({ agentId: '12345678.1002' })).toBe(true);
    expect(ok({ agentId: 'le_account_1.42' })).toBe(true);
  });

  it('refuses anything else a hostile page could send as an agent id', () => {
    for (const agentId of ['', 'abc', '.123', '123.', '1.2.3', 'qa.x', '<script>.1', 'a b.1', `${'a'.repeat(21)}.1`, '1'.repeat(21), '12345678.1002\n']) {
      expect(ok({ agentId }), agentId).toBe(false);
    }
  });

  it('takes a skill or an agent, never both or neither', () => {
    expect(ok({ skillId: '-1' })).toBe(true);
    expect(ok({ skillId: '2' })).toBe(true);
    expect(ok({ skillId: '2', agentId: '1002' })).toBe(false);
    expect(ok({})).toBe(false);
    expect(ok({ skillId: 'Sales' })).toBe(false);
  });
});
