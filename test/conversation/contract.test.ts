/** The seam's contract (./contract.ts) run against both implementations. */
import fetchCookie from 'fetch-cookie';
import { createLivePersonClient } from '../../src/api';
import { chatAgentApiService } from '../../src/conversation/chat-agent-api/service';
import { messagingService } from '../../src/conversation/messaging/service';
import { Consumer } from '../emulator/messaging/consumer';
import { Visitor } from '../emulator/visitor';
import { conversationServiceContract } from './contract';

const client = () => createLivePersonClient({ fetch: fetchCookie(fetch) as typeof fetch, allowLoopback: true });

conversationServiceContract({
  name: 'Chat Agent API',
  service: () => chatAgentApiService(client()),
  carriesHtml: true,
  farSide: async (emulator, name) => {
    const visitor = await Visitor.start({ baseUrl: emulator.baseUrl, name });
    return {
      say: (text) => visitor.sendLine(text),
      sees: (text) => visitor.waitFor((v) => v.lines().some((l) => l.text === text), 10_000),
      stop: () => undefined,
    };
  },
});

conversationServiceContract({
  name: 'LivePerson Messaging',
  service: () => messagingService({ client: client(), allowLoopback: true, requestTimeoutMs: 5_000 }),
  // A ContentEvent's contentType is "text/plain" only (src/conversation/messaging/service.ts, sendLine).
  carriesHtml: false,
  farSide: async (emulator, name) => {
    const consumer = await Consumer.start({ baseUrl: emulator.baseUrl, firstName: name });
    await consumer.requestConversation();
    return {
      say: async (text) => void (await consumer.say(text)),
      sees: async (text) => void (await consumer.waitForText(text, 10_000)),
      stop: () => consumer.disconnect(),
    };
  },
});
