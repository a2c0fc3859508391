/**
 * LivePerson Messaging for agents over UMS, LivePerson's WebSocket service (`src/api/ums/`, named
 * after the service so it is not mistaken for `src/messaging/`, the extension's own protocol).
 * Wire level only: the conversation-service implementation on top of it lives in src/agent/.
 */
export * from './agent-requests';
export { UmsConnection, type KeepAliveOptions, type UmsClose, type UmsConnectionOptions } from './connection';
export { canonicalType, readNotification, type ConversationMeta, type ConversationParticipant, type MessagingContent, type MessagingEvent, type Ring, type UmsNotification } from './frames';
export { redactSocketUrl, umsAgentSocketUrl } from './socket-url';
