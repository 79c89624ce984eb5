import type { Schemas } from '@carnet/api-client';
import { useQuery } from '@tanstack/react-query';

import { api, unwrap } from '../http';

export type PrescriberSummary = Schemas['PrescriberSummaryResponseDto'];
export type CommuneSummary = Schemas['CommuneSummaryResponseDto'];

/**
 * The structure an agent belongs to: the only one its `/prescribers` lists. Undefined while
 * loading, null when it has none.
 */
export const useMyStructure = () =>
  useQuery({
    queryKey: ['home', 'my-structure'],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/prescribers', { params: { query: { page: 1, pageSize: 1 } } }),
        )
      ).data[0] ?? null,
  });

/** The communes of a référent's organisation (its own `/communes`: usually one). */
export const useMyCommunes = (enabled = true) =>
  useQuery({
    queryKey: ['home', 'my-communes'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/communes', { params: { query: { page: 1, pageSize: 10 } } })))
        .data,
    enabled,
  });

/** A structure's home figures (GET /prescribers/{id}/summary). */
export const usePrescriberSummary = (id: string | undefined) =>
  useQuery({
    queryKey: ['home', 'prescriber-summary', id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/prescribers/{id}/summary', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
    retry: false,
  });

/** A commune's home figures (GET /communes/{inseeCode}/summary). */
export const useCommuneSummary = (inseeCode: string) =>
  useQuery({
    queryKey: ['home', 'commune-summary', inseeCode],
    queryFn: () =>
      unwrap(api.GET('/api/v1/communes/{inseeCode}/summary', { params: { path: { inseeCode } } })),
  });

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric' });

/** « 2026-11 » → « novembre 2026 ». */
export const formatMonth = (month: string): string =>
  monthFormat.format(new Date(`${month}-01T12:00:00`));
