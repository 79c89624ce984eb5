import type { Schemas } from '@carnet/api-client';

import { api, unwrap } from './http';

/** A structure's agents (PRESCRIBER_AGENT users), as the API lists them. */
export type Agent = Schemas['AgentResponseDto'];

export const prescriberActions = {
  listAgents: async (prescriberId: string): Promise<Agent[]> =>
    (
      await unwrap(
        api.GET('/api/v1/prescribers/{id}/agents', {
          params: { path: { id: prescriberId }, query: { pageSize: 200 } },
        }),
      )
    ).data,

  /** Creates the agent's account with the initial password the inviter gives them. */
  inviteAgent: (prescriberId: string, body: Schemas['InviteAgentDto']) =>
    unwrap(
      api.POST('/api/v1/prescribers/{id}/agents', { params: { path: { id: prescriberId } }, body }),
    ),

  /** A new invitation e-mail (the former link stops working) to an agent without a password. */
  resendAgentInvitation: (prescriberId: string, userId: string) =>
    unwrap(
      api.POST('/api/v1/prescribers/{id}/agents/{userId}/invitation', {
        params: { path: { id: prescriberId, userId } },
      }),
    ),

  /** Disabling closes the agent's sessions at once; enabling lets them sign in again. */
  setAgentActive: (prescriberId: string, userId: string, active: boolean) =>
    unwrap(
      active
        ? api.POST('/api/v1/prescribers/{id}/agents/{userId}/enable', {
            params: { path: { id: prescriberId, userId } },
          })
        : api.POST('/api/v1/prescribers/{id}/agents/{userId}/disable', {
            params: { path: { id: prescriberId, userId } },
          }),
    ),
};
