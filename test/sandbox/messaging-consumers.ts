/**
 * The sandbox's Messaging side: simulated consumers who open LivePerson Messaging conversations
 * (they ring agents signed in with Protocol: Messaging), write, and answer the agent once.
 * Consumers speak only LivePerson's Messaging Window API (test/emulator/messaging/consumer.ts).
 */
import { Consumer } from '../emulator/messaging/consumer';

const CONSUMERS = [
  { firstName: 'Lena', after: 20_000, lines: ['Hi, I wrote yesterday about my delivery', 'It still has not arrived'] },
  { firstName: 'Omar', after: 60_000, lines: ['Can I change the address of an order?'] },
];

/** Starts the consumers; returns a function that disconnects them. */
export function runMessagingConsumers(baseUrl: string, log: (line: string) => void): () => void {
  const started: Consumer[] = [];
  const timers = CONSUMERS.map((c) =>
    setTimeout(async () => {
      try {
        const consumer = await Consumer.start({ baseUrl, firstName: c.firstName });
        started.push(consumer);
        await consumer.requestConversation();
        for (const line of c.lines) await consumer.say(line);
        log(`${c.firstName} opened a Messaging conversation`);
        // One answer once the agent wrote something.
        await consumer.socket.waitFor((f) => f.kind === 'notification' && JSON.stringify(f.body).includes('ASSIGNED_AGENT') && JSON.stringify(f.body).includes('ContentEvent'), 30 * 60_000);
        await consumer.say('Thank you!');
      } catch (error) {
        log(`${c.firstName}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }, c.after),
  );
  return () => {
    for (const t of timers) clearTimeout(t);
    for (const c of started) c.disconnect();
  };
}
