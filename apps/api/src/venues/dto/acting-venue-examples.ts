import type { ProblemExample } from '#src/common/api-problems.js';
import { VenueExceptionCode } from '../venue.exception.js';

/** Refusals of VenueNetworksService.actingVenue, for the routes a venue calls for itself. */
export const VENUE_NOT_YOURS_EXAMPLE: ProblemExample = {
  code: VenueExceptionCode.VENUE_NOT_YOURS,
  summary:
    "`venueId` is not the caller's venue (or, for a network's API client, not one of its venues).",
  detail: 'You may act for your own venue only (or, for a network, its member venues).',
  errors: [{ field: 'venueId', message: 'not a venue you act for' }],
};

export const VENUE_REQUIRED_EXAMPLE: ProblemExample = {
  code: VenueExceptionCode.VENUE_REQUIRED,
  summary: 'An API client of a network of venues did not say which of its venues acts.',
  detail: 'A network of venues acts for one of its venues at a time: name it with venueId.',
  errors: [{ field: 'venueId', message: 'required for a network of venues' }],
};
