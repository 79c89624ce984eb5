import { createCarnetClient } from '@carnet/api-client';

/** The API's routes that need no sign-in (sign-in page, links received by e-mail). */
export const publicApi = createCarnetClient({ baseUrl: window.location.origin });
