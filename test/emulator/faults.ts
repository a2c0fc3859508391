/**
 * Fault injection (our design, not LivePerson): for a share of requests, answer what a real
 * service sometimes does — 5xx, 429 with Retry-After, latency, a dropped connection, or a response
 * lost after the request was applied — or expire the bearer / agent session before serving it.
 * Set with `--faults` / `EMULATOR_FAULTS` (JSON) or `PUT /sandbox/faults`.
 */
import { z } from 'zod';
import type { RequestSide } from './request-log';

export const FAULT_KINDS = [
  '500',
  '502',
  '503',
  '429',
  'latency',
  'drop',
  'lost-response',
  'expire-bearer',
  'expire-agent-session',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FaultPlanSchema = z
  .object({
    /** Share of eligible requests that get a fault, 0…1. */
    rate: z.number().min(0).max(1),
    /** Which faults to draw from (evenly); all of them by default. */
    kinds: z.array(z.enum(FAULT_KINDS)).min(1).default([...FAULT_KINDS]),
    /** Which sides of the service are eligible; the agent side (what the extension calls) by default. */
    sides: z.array(z.enum(['agent', 'login', 'domain', 'visitor'])).min(1).default(['agent']),
    /** Only requests with these methods (all by default). */
    methods: z.array(z.enum(['GET', 'POST', 'PUT'])).min(1).optional(),
    /** Only requests whose path matches this regular expression (all by default). */
    pathPattern: z.string().max(200).optional(),
    latencyMs: z.number().int().min(0).max(30_000).default(1_500),
    retryAfterSeconds: z.number().int().min(0).max(120).default(1),
    /** Stop injecting after this many faults (bounded fault tests). */
    maxFaults: z.number().int().positive().optional(),
  })
  .strict();
export type FaultPlan = z.infer<typeof FaultPlanSchema>;

export interface FaultCounts {
  total: number;
  byKind: Partial<Record<FaultKind, number>>;
}

export class FaultInjector {
  private plan: FaultPlan | undefined;
  private counts: FaultCounts = { total: 0, byKind: {} };

  constructor(
    plan?: FaultPlan,
    private readonly random: () => number = Math.random,
  ) {
    this.plan = plan;
  }

  set(plan: FaultPlan | undefined): void {
    this.plan = plan;
    this.counts = { total: 0, byKind: {} };
  }

  status(): { plan: FaultPlan | null; injected: FaultCounts } {
    return { plan: this.plan ?? null, injected: this.counts };
  }

  /** The fault for this request, if one is drawn. */
  pick(request: { side: RequestSide; method: string; path: string }): FaultKind | undefined {
    const plan = this.plan;
    if (!plan || plan.rate <= 0) return undefined;
    if (!(plan.sides as string[]).includes(request.side)) return undefined;
    if (plan.methods && !(plan.methods as string[]).includes(request.method)) return undefined;
    if (plan.pathPattern && !new RegExp(plan.pathPattern).test(request.path)) return undefined;
    if (plan.maxFaults !== undefined && this.counts.total >= plan.maxFaults) return undefined;
    if (this.random() >= plan.rate) return undefined;
    const kind = plan.kinds[Math.floor(this.random() * plan.kinds.length)] ?? plan.kinds[0]!;
    this.counts.total += 1;
    this.counts.byKind[kind] = (this.counts.byKind[kind] ?? 0) + 1;
    return kind;
  }

  get latencyMs(): number {
    return this.plan?.latencyMs ?? 0;
  }

  get retryAfterSeconds(): number {
    return this.plan?.retryAfterSeconds ?? 1;
  }
}

/** Parses a plan from JSON text (CLI flag, env, request body); throws a readable message. */
export function parseFaultPlan(text: string): FaultPlan {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('The fault plan is not valid JSON');
  }
  const parsed = FaultPlanSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Bad fault plan: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
