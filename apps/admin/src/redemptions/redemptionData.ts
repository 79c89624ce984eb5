import type { Schemas } from '@carnet/api-client';

import { api, unwrap } from '../http';

export type Redemption = Schemas['RedemptionResponseDto'];
export type NewRedemption = Schemas['CreateRedemptionDto'];
export type ChequeCheck = Schemas['ChequeCheckResponseDto'];
export type Venue = Schemas['VenueResponseDto'];
export type MediationService = Schemas['MediationService'];

/** A page of the history: newest first, the next one by key (`nextCursor`). */
export interface RedemptionPage {
  data: Redemption[];
  nextCursor: string | null;
}

/** Largest page the API serves. */
const MAX_PAGE_SIZE = 200;
/** A month's redemptions read for the home, at most (50 pages of 200: far above any venue's). */
const MAX_MONTH_PAGES = 50;

/** The calls of a venue's redemption screens (none of them is react-admin CRUD). */
export const redemptionActions = {
  /** The venues the signed-in staff act for: the API lists a venue's staff their own only. */
  myVenues: async (): Promise<Venue[]> =>
    (await unwrap(api.GET('/api/v1/venues', { params: { query: { page: 1, pageSize: 50 } } })))
      .data,

  /**
   * Whether `venueId` may accept the cheque today. The code goes in a header, never in the URL
   * (so never in a log); a wrong one answers 404 CHEQUE_NOT_FOUND, as an unknown number does.
   */
  check: (venueId: string, number: string, securityCode: string): Promise<ChequeCheck> =>
    unwrap(
      api.GET('/api/v1/cheques/{number}', {
        params: {
          path: { number },
          query: { venueId },
          header: { 'x-security-code': securityCode },
        },
      }),
    ),

  /**
   * Redeems the cheques, all or none. `idempotencyKey` names the attempt: sent again with the
   * same body (after a lost answer), the API answers the same redemption and pays nothing twice.
   */
  redeem: (body: NewRedemption, idempotencyKey: string): Promise<Redemption> =>
    unwrap(
      api.POST('/api/v1/redemptions', {
        params: { header: { 'Idempotency-Key': idempotencyKey } },
        body,
      }),
    ),

  /** The venue's redemptions, newest first; `cursor` is the previous page's `nextCursor`. */
  history: async (venueId: string, cursor?: string, pageSize = 20): Promise<RedemptionPage> => {
    const page = await unwrap(
      api.GET('/api/v1/redemptions', {
        params: { query: { pageSize, sort: '-createdAt', cursor, filter: { venueId } } },
      }),
    );
    return { data: page.data, nextCursor: page.meta.nextCursor };
  },

  /** Every redemption of the venue still standing (not cancelled) made in `period` (YYYY-MM). */
  month: async (venueId: string, period: string): Promise<Redemption[]> => {
    const all: Redemption[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_MONTH_PAGES; page++) {
      const answer = await unwrap(
        api.GET('/api/v1/redemptions', {
          params: {
            query: {
              pageSize: MAX_PAGE_SIZE,
              sort: '-createdAt',
              cursor,
              filter: { venueId, period, status: 'ACTIVE' },
            },
          },
        }),
      );
      all.push(...answer.data);
      if (!answer.meta.nextCursor) break;
      cursor = answer.meta.nextCursor;
    }
    return all;
  },

  /** Cancels a redemption of the last 24 h: its cheques may be spent again. */
  cancel: (id: string): Promise<Redemption> =>
    unwrap(api.POST('/api/v1/redemptions/{id}/cancel', { params: { path: { id } } })),
};
