import { createCarnetClient, type Schemas } from '@carnet/api-client';

export type PublicProgramme = Schemas['PublicProgrammeDto'];
export type PublicProgrammeDetail = Schemas['PublicProgrammeDetailDto'];
export type PublicVenue = Schemas['PublicVenueDto'];

/** The API's public routes: no token, no refresh (the page has no session). */
const client = createCarnetClient({ baseUrl: window.location.origin });

/** Why a call failed, as the page tells it: unknown programme, too many calls, anything else. */
export type LoadFailure = 'NOT_FOUND' | 'TOO_MANY' | 'FAILED';

export class LoadError extends Error {
  constructor(readonly failure: LoadFailure) {
    super(failure);
  }
}

const failureOf = (status: number): LoadFailure =>
  status === 404 || status === 400 ? 'NOT_FOUND' : status === 429 ? 'TOO_MANY' : 'FAILED';

async function settle<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  let answer: { data?: T; response: Response };
  try {
    answer = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new LoadError('FAILED');
  }
  if (answer.data === undefined) throw new LoadError(failureOf(answer.response.status));
  return answer.data;
}

export async function activeProgrammes(): Promise<PublicProgramme[]> {
  const list = await settle(client.GET('/api/v1/public/programmes'));
  return list.data;
}

export function programme(id: string): Promise<PublicProgrammeDetail> {
  return settle(client.GET('/api/v1/public/programmes/{id}', { params: { path: { id } } }));
}

export async function venues(
  id: string,
  filters: { commune: string; need: string },
  signal: AbortSignal,
): Promise<PublicVenue[]> {
  const query = {
    ...(filters.commune ? { commune: filters.commune } : {}),
    ...(filters.need ? { need: filters.need as PublicVenue['services'][number] } : {}),
  };
  const list = await settle(
    client.GET('/api/v1/public/programmes/{id}/venues', {
      params: { path: { id }, query },
      signal,
    }),
  );
  return list.data;
}
