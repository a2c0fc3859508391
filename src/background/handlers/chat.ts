/**
 * What a panel does with the agent's chats. From our pages, or a content script on an enabled
 * site; a command that changes a chat only for a chat that panel shows.
 */
import type { AgentRuntime } from '../../agent/runtime';
import {
  chatIdSchema,
  draftSchema,
  outboxLineSchema,
  sendLineSchema,
  surveyAnswersSchema,
  transferSchema,
  typingSchema,
} from '../../messaging/schemas';
import type { HandlerTable } from './handler';

const byChatId = (input: { chatId: string }) => input.chatId;

export function chatHandlers(runtime: AgentRuntime): HandlerTable {
  return {
    getView: { from: 'panel', run: () => runtime.restore().then(() => runtime.view()) },
    acceptChat: { from: 'panel', run: () => runtime.acceptChat() },
    getCapacity: { from: 'panel', run: () => runtime.getCapacity() },
    sendLine: {
      from: 'panel',
      schema: sendLineSchema,
      chatOf: byChatId,
      run: (input) => runtime.sendLine(input.chatId, input.text, input.private ?? false, input.clientId, input.html),
    },
    retryLine: { from: 'panel', schema: outboxLineSchema, chatOf: byChatId, run: (input) => runtime.retryLine(input.chatId, input.localId) },
    discardLine: { from: 'panel', schema: outboxLineSchema, chatOf: byChatId, run: (input) => runtime.discardLine(input.chatId, input.localId) },
    saveDraft: { from: 'panel', schema: draftSchema, chatOf: byChatId, run: (input) => runtime.saveDraft(input.chatId, input.text) },
    setTyping: { from: 'panel', schema: typingSchema, chatOf: byChatId, run: (input) => runtime.setTyping(input.chatId, input.typing) },
    getTransferOptions: { from: 'panel', schema: chatIdSchema, chatOf: byChatId, run: (input) => runtime.getTransferOptions(input.chatId) },
    transferChat: {
      from: 'panel',
      schema: transferSchema,
      chatOf: byChatId,
      run: ({ chatId, skillId, agentId, note }) => runtime.transferChat(chatId, agentId ? { agentId, text: note } : { skillId: skillId!, text: note }),
    },
    getAgentSurvey: { from: 'panel', schema: chatIdSchema, chatOf: byChatId, run: (input) => runtime.getAgentSurvey(input.chatId) },
    submitAgentSurvey: {
      from: 'panel',
      schema: surveyAnswersSchema,
      chatOf: byChatId,
      run: (input) => runtime.submitAgentSurvey(input.chatId, input.surveyId, input.answers),
    },
    endChat: { from: 'panel', schema: chatIdSchema, chatOf: byChatId, run: (input) => runtime.endChat(input.chatId) },
    closeChat: { from: 'panel', schema: chatIdSchema, chatOf: byChatId, run: (input) => runtime.closeChat(input.chatId) },
  };
}
