import { accessModalityChoices } from '../choices';
import { frenchOpeningHours } from '../beneficiaries/openingHours';
import type { PublicVenue } from './publicApi';
import { TEXTS } from './texts';

/** A phone number as a `tel:` address: digits and a leading +. */
const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** How to come or book, with the national list's French labels, in its order. */
const bookingLabels = (modalities: readonly string[]) =>
  accessModalityChoices.filter((c) => modalities.includes(c.id)).map((c) => c.name);

/** One venue of the list: where, when, how to reach it, what the pass pays for there. */
export const VenueCard = ({ venue }: { venue: PublicVenue }) => {
  const booking = bookingLabels(venue.accessModalities);
  return (
    <article className="pp-venue" data-testid="public-venue">
      <h2>{venue.name}</h2>
      <p>
        {venue.address}, {venue.postalCode} {venue.communeName}
      </p>
      {venue.itinerant && <p>{TEXTS.itinerant}</p>}
      {venue.openingHours && (
        <p>
          <strong>{TEXTS.hours}</strong> {frenchOpeningHours(venue.openingHours)}
        </p>
      )}
      {booking.length > 0 && (
        <p>
          <strong>{TEXTS.booking}</strong> {booking.join(', ')}
        </p>
      )}
      {(venue.phone || venue.email || venue.website) && (
        <ul className="pp-contacts">
          {venue.phone && (
            <li>
              {TEXTS.phone}{' '}
              <a className="pp-link" href={telHref(venue.phone)}>
                {venue.phone}
              </a>
            </li>
          )}
          {venue.email && (
            <li>
              {TEXTS.email}{' '}
              <a className="pp-link" href={`mailto:${venue.email}`}>
                {venue.email}
              </a>
            </li>
          )}
          {venue.website && (
            <li>
              <a className="pp-link" href={venue.website} rel="noopener noreferrer">
                {TEXTS.website}
              </a>
            </li>
          )}
        </ul>
      )}
      {venue.services.length > 0 && (
        <>
          <p>
            <strong>{TEXTS.services}</strong>
          </p>
          <ul className="pp-services">
            {venue.services.map((service) => (
              <li key={service}>{service}</li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
};
