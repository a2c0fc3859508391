/** The LivePerson client: the resource modules bound to one HTTP layer and one bearer. */
import { getAgentInfo, getSessionLinks, startAgentSession } from './agent-session';
import { getAvailability, setAvailability } from './availability';
import { addLine, endChat, getChat, getChatInfo, getChats, getChatSessions, getEvents, getInfoField, setAgentTyping } from './chat';
import { getParticipantInfo } from './participant';
import { getPredefinedCategories, getPredefinedContent } from './predefined-content';
import { getAgentStatus } from './agent-metrics';
import { getSkills } from './skills';
import { getStatusReasons } from './status-reasons';
import { lookupDomain } from './domain';
import { createHttp, type HttpOptions } from './http';
import { accept, getIncoming } from './incoming-requests';
import { loginWithApiKey, loginWithPassword, logout, refreshLogin } from './login';
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
      withApiKey: (p) => loginWithApiKey(http, p),
      refresh: (p) => refreshLogin(http, p),
      logout: (p) => logout(http, p),
    },
    agent(auth): AgentApi {
      return {
        startSession: (p) => startAgentSession(http, auth, p),
        getSessionLinks: (url) => getSessionLinks(http, auth, url),
        getInfo: (url) => getAgentInfo(http, auth, url),
        getAvailability: (url) => getAvailability(http, auth, url),
        setAvailability: (url, chat) => setAvailability(http, auth, url, chat),
        getIncoming: (url) => getIncoming(http, auth, url),
        accept: (url) => accept(http, auth, url),
        getChatSessions: (url) => getChatSessions(http, auth, url),
        getChat: (url) => getChat(http, auth, url),
        getEvents: (url) => getEvents(http, auth, url),
        getChats: (url, cursors) => getChats(http, auth, url, cursors),
        addLine: (url, line) => addLine(http, auth, url, line),
        endChat: (url) => endChat(http, auth, url),
        getChatInfo: (url) => getChatInfo(http, auth, url),
        setAgentTyping: (url, typing) => setAgentTyping(http, auth, url, typing),
        getInfoField: (url, field) => getInfoField(http, auth, url, field),
        getParticipantInfo: (url, participantId) => getParticipantInfo(http, auth, url, participantId),
        getTransferOptions: (url) => getTransferOptions(http, auth, url),
        transfer: (url, target) => transfer(http, auth, url, target),
        getVisit: (url) => getVisit(http, auth, url),
        getAgentSurvey: (url) => getAgentSurvey(http, auth, url),
        getAvailableAgents: (url, filter) => getAvailableAgents(http, auth, url, filter),
        getAvailableSlots: (url, filter) => getAvailableSlots(http, auth, url, filter),
        submitAgentSurvey: (url, surveyId, answers) => submitAgentSurvey(http, auth, url, surveyId, answers),
      };
    },
    agentMetrics: (auth) => ({
      getAgentStatus: (p) => getAgentStatus(http, auth, p),
    }),
    accountConfig: (auth) => ({
      getPredefinedContent: (p) => getPredefinedContent(http, auth, p),
      getPredefinedCategories: (p) => getPredefinedCategories(http, auth, p),
      getSkills: (p) => getSkills(http, auth, p),
      getStatusReasons: (p) => getStatusReasons(http, auth, p),
    }),
  };
}
