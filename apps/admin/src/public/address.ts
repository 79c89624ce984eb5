/** The short address printed on carnets: the public page, as typed. */
export const PUBLIC_SHORT_PATH = '/lieux';

/** Whether a location hash is the public page's: `#/lieux` or `#/lieux/{programmeId}`. */
export const isPublicPage = (hash: string): boolean => /^#\/lieux(?:[/?]|$)/.test(hash);

export interface PublicRoute {
  /** The programme in the address, or null: the page then offers the active ones. */
  programmeId: string | null;
  /** Filters kept in the address, so that a link (or a QR code) can name a commune or a need. */
  commune: string;
  need: string;
}

/** Reads `#/lieux/{programmeId}?commune=62498&besoin=…`. */
export function parsePublicRoute(hash: string): PublicRoute {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const [, , id] = path.split('/');
  const params = new URLSearchParams(query);
  return {
    programmeId: id ? decodeURIComponent(id) : null,
    commune: params.get('commune') ?? '',
    need: params.get('besoin') ?? '',
  };
}

/** The hash of a programme's page with its filters (empty ones left out). */
export function publicRouteHash(route: PublicRoute): string {
  const params = new URLSearchParams();
  if (route.commune) params.set('commune', route.commune);
  if (route.need) params.set('besoin', route.need);
  const query = params.toString();
  const path = route.programmeId
    ? `/lieux/${encodeURIComponent(route.programmeId)}`
    : PUBLIC_SHORT_PATH;
  return `#${path}${query ? `?${query}` : ''}`;
}
