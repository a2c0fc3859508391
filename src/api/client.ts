/** The LivePerson client: the resource modules bound to one HTTP layer and one bearer. */
import { getAgentInfo, getSessionLinks, startAgentSession } from './agent-session';
import { getAvailability, setAvailability } from './availability';
import { addLine, endChat, getChat, getChatInfo, getChats, getChatSessions, getEvents, setAgentTyping } from './chat';
import { lookupDomain } from './domain';
import { createHttp, type HttpOptions } from './http';
import { accept, getIncoming } from './incoming-requests';
import { loginWithPassword, logout, refreshLogin } from './login';
import { getTransferOptions, transfer } from './transfer';
import { getAvailableAgents, getAvailableSlots } from './capacity';
import { getAgentSurvey, submitAgentSurvey } from './survey';
import { getVisit } from './visit';
import type { AgentApi, LivePersonClient } from './types';

export function createLivePersonClient(options: HttpOptions = {}): LivePersonClient {
  const http = createHttp(options);
  return {
    domain: { lookup: (p) => lookupDomain(http, p) },
    login: {
      withPassword: (p) => loginWithPassword(http, p),
      refresh: (p) => refreshLogin(http, p),
      logout: (p) => logout(http, p),
    },
    agent({ bearer }): AgentApi {
      return {
        startSession: (p) => startAgentSession(http, bearer, p),
        getSessionLinks: (url) => getSessionLinks(http, bearer, url),
        getInfo: (url) => getAgentInfo(http, bearer, url),
        getAvailability: (url) => getAvailability(http, bearer, url),
        setAvailability: (url, chat) => setAvailability(http, bearer, url, chat),
        getIncoming: (url) => getIncoming(http, bearer, url),
        accept: (url) => accept(http, bearer, url),
        getChatSessions: (url) => getChatSessions(http, bearer, url),
        getChat: (url) => getChat(http, bearer, url),
        getEvents: (url) => getEvents(http, bearer, url),
        getChats: (url, cursors) => getChats(http, bearer, url, cursors),
        addLine: (url, line) => addLine(http, bearer, url, line),
        endChat: (url) => endChat(http, bearer, url),
        getChatInfo: (url) => getChatInfo(http, bearer, url),
        setAgentTyping: (url, typing) => setAgentTyping(http, bearer, url, typing),
        getTransferOptions: (url) => getTransferOptions(http, bearer, url),
        transfer: (url, target) => transfer(http, bearer, url, target),
        getVisit: (url) => getVisit(http, bearer, url),
        getAgentSurvey: (url) => getAgentSurvey(http, bearer, url),
        getAvailableAgents: (url, filter) => getAvailableAgents(http, bearer, url, filter),
        getAvailableSlots: (url, filter) => getAvailableSlots(http, bearer, url, filter),
        submitAgentSurvey: (url, surveyId, answers) => submitAgentSurvey(http, bearer, url, surveyId, answers),
      };
    },
  };
}
