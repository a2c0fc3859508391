/**
 * The shapes the Skills API and the Agent Status Reason API are read into (./skills.ts,
 * ./status-reasons.ts), apart from ./types.ts so that both it and they can name them without a cycle.
 */

/** A skill as the Skills API describes it, with its documented transfer rules. */
export interface AccountSkill {
  id: string;
  name: string;
  deleted: boolean;
  /** false: conversations of this skill may only be requeued to it. */
  canTransfer: boolean;
  /** The only skills it may transfer to (absent: all). */
  transferTo?: string[];
}

/** One of the account's agent status reasons (Agent Status Reason API). */
export interface StatusReason {
  id: string;
  text: string;
  /** `Online`, `Occupied` or `Away`, as sent. */
  state: string;
  enabled: boolean;
  deleted: boolean;
}
