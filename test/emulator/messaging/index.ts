/** The emulator's Messaging mode (LivePerson's UMS WebSocket API); see service.ts. */
export { agentPid, oldAgentId, type MessagingAgent } from './conversations';
export { createMessagingService, type MessagingOptions, type MessagingService } from './service';
