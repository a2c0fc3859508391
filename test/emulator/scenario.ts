/**
 * Scripted visitors for tests and the sandbox: each one is a real client of the Server Chat API
 * (the Visitor driver), arriving after a delay, typing, waiting, writing, leaving.
 */
import { z } from 'zod';
import { RETURNING_VISITOR_ID } from './engagement-history';
import { Visitor } from './visitor';

const stepSchema = z.union([
  z.object({ say: z.string().min(1).max(2000) }),
  z.object({ typeMs: z.number().int().min(0).max(60_000) }),
  z.object({ waitMs: z.number().int().min(0).max(600_000) }),
  /** Wait until the agent has accepted (or, with `line`, until the agent has written that many lines). */
  z.object({ waitForAgent: z.literal(true), lines: z.number().int().min(0).max(100).optional(), timeoutMs: z.number().int().max(3_600_000).optional() }),
  z.object({ end: z.literal(true) }),
]);

export const scenarioSchema = z.object({
  visitors: z
    .array(
      z.object({
        name: z.string().min(1).max(100),
        arriveAfterMs: z.number().int().min(0).max(3_600_000).default(0),
        skill: z.string().max(100).optional(),
        /** A returning visitor: the numeric visitorId of earlier chats. */
        visitorId: z.string().regex(/^\d{1,15}$/).optional(),
        survey: z.record(z.string(), z.string()).optional(),
        referrer: z.string().max(500).optional(),
        steps: z.array(stepSchema).max(100),
      }),
    )
    .max(50),
});

export type Scenario = z.input<typeof scenarioSchema>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunningScenario {
  stop(): void;
  /** Resolves when every visitor has finished or stopped (errors are logged, never thrown). */
  done: Promise<void>;
}

export function runScenario(baseUrl: string, input: Scenario, log: (line: string) => void = () => {}): RunningScenario {
  const scenario = scenarioSchema.parse(input);
  let stopped = false;
  const agentLines = (v: Visitor) => v.lines().filter((l) => l.source === 'agent').length;

  const runOne = async (spec: (typeof scenario.visitors)[number]) => {
    await sleep(spec.arriveAfterMs);
    if (stopped) return;
    const visitor = await Visitor.start({ baseUrl, name: spec.name, skill: spec.skill, survey: spec.survey, referrer: spec.referrer, visitorId: spec.visitorId });
    log(`${spec.name} asks for a chat`);
    for (const step of spec.steps) {
      if (stopped) return;
      if ('say' in step) {
        await visitor.sendLine(step.say);
        log(`${spec.name}: ${step.say}`);
      } else if ('typeMs' in step) {
        await visitor.setTyping(true);
        await sleep(step.typeMs);
        await visitor.setTyping(false);
      } else if ('waitMs' in step) {
        await sleep(step.waitMs);
      } else if ('waitForAgent' in step) {
        const wanted = step.lines ?? 0;
        await visitor.waitFor((v) => v.state() === 'chatting' && agentLines(v) >= wanted || v.state() === 'ended' || stopped, step.timeoutMs ?? 600_000);
        if (visitor.state() === 'ended') return;
      } else if ('end' in step) {
        await visitor.end();
        log(`${spec.name} leaves`);
        return;
      }
    }
  };

  const done = Promise.all(
    scenario.visitors.map((spec) => runOne(spec).catch((error: unknown) => log(`${spec.name} stopped: ${error instanceof Error ? error.message : String(error)}`))),
  ).then(() => undefined);
  return { stop: () => void (stopped = true), done };
}

/** The sandbox's day: a few customers of the demo CRM's shop, arriving over a few minutes. */
export const demoScenario: Scenario = {
  visitors: [
    {
      name: 'Dana Whitfield',
      arriveAfterMs: 3_000,
      // A returning visitor: her earlier chats are in the Engagement History (./engagement-history.ts).
      visitorId: RETURNING_VISITOR_ID,
      survey: { '4991310': 'Dana Whitfield', '4991311': 'dana.whitfield@example.com', '4991312': '88213' },
      referrer: 'https://shop.example/orders/88213',
      steps: [
        { waitForAgent: true },
        { typeMs: 2_500 },
        { say: 'Hi! My order #88213 was due on Friday and still has not arrived.' },
        { waitForAgent: true, lines: 1 },
        { typeMs: 2_000 },
        { say: 'It says "in transit" since Tuesday. Can you check with the carrier?' },
        { waitForAgent: true, lines: 2 },
        { typeMs: 1_500 },
        { say: 'Great, thank you so much!' },
      ],
    },
    {
      name: 'Marco Rossi',
      arriveAfterMs: 45_000,
      skill: 'Sales',
      referrer: 'https://shop.example/products/standing-desk',
      steps: [
        { waitForAgent: true },
        { typeMs: 3_000 },
        { say: 'Hello, does the standing desk frame come with a warranty?' },
        { waitForAgent: true, lines: 1 },
        { typeMs: 2_000 },
        { say: 'And can I get it delivered to Italy?' },
        { waitForAgent: true, lines: 2 },
        { say: 'Perfect, I will order today.' },
        { waitMs: 5_000 },
        { end: true },
      ],
    },
    {
      name: 'Aisha Khan',
      arriveAfterMs: 100_000,
      survey: { '4991310': 'Aisha Khan', '4991312': '86112' },
      steps: [
        { waitForAgent: true },
        { typeMs: 2_000 },
        { say: 'I returned two monitor arms in July and the refund is still missing.' },
        { waitForAgent: true, lines: 1 },
        { typeMs: 2_000 },
        { say: 'The return was case #4410.' },
        { waitForAgent: true, lines: 2 },
        { say: 'Thanks, bye.' },
        { end: true },
      ],
    },
  ],
};
