/**
 * Answers that point the client at another host (our design, not LivePerson; off by default). Real
 * LivePerson names only its own hosts; these let the end-to-end tests prove that a Domain API
 * (CSDS) or login answer naming another host, or a redirect to one, gets no password, bearer or
 * cookie (docs/security.md, issue #19). Set with `startEmulator({ foreignHosts })`,
 * `--foreign-hosts '<json>'`, or at run time `emulator.foreignHosts.set(…)`.
 */
import { z } from 'zod';

export const ForeignHostsSchema = z
  .object({
    /** The Domain API names this host (e.g. `evil.example`) for every service. */
    csds: z.string().min(1).max(200).optional(),
    /** The login answer's `csdsCollectionResponse` names this host for every service. */
    login: z.string().min(1).max(200).optional(),
    /** Requests whose path matches `pathPattern` are answered `302 Found` (or 307, which keeps a POST's body) to `location`. */
    redirect: z
      .object({ pathPattern: z.string().max(200), location: z.string().url(), status: z.union([z.literal(302), z.literal(307)]).default(302) })
      .strict()
      .optional(),
  })
  .strict();
export type ForeignHostsPlan = z.input<typeof ForeignHostsSchema>;

export class ForeignHosts {
  private plan: z.infer<typeof ForeignHostsSchema>;

  constructor(plan: ForeignHostsPlan = {}) {
    this.plan = ForeignHostsSchema.parse(plan);
  }

  set(plan: ForeignHostsPlan = {}): void {
    this.plan = ForeignHostsSchema.parse(plan);
  }

  /** The host the Domain API answers: ours, unless told otherwise. */
  csdsHost(own: string): string {
    return this.plan.csds ?? own;
  }

  /** The host the login answer names for each service. */
  loginHost(own: string): string {
    return this.plan.login ?? own;
  }

  /** Where to redirect a request for `path`, if anywhere. */
  redirectFor(path: string): { status: number; location: string } | undefined {
    const redirect = this.plan.redirect;
    return redirect && new RegExp(redirect.pathPattern).test(path) ? redirect : undefined;
  }
}
