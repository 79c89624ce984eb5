/**
 * Opening hours as people read them. Venues keep them in OpenStreetMap's `opening_hours` format
 * (the national schema's), « Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00 »; this writes the
 * common cases in French, « lun.–ven. 9 h–12 h, 14 h–17 h 30 ; sam. 9 h–12 h », and leaves any
 * other word as it is.
 */
const DAYS: Record<string, string> = {
  Mo: 'lun.',
  Tu: 'mar.',
  We: 'mer.',
  Th: 'jeu.',
  Fr: 'ven.',
  Sa: 'sam.',
  Su: 'dim.',
  PH: 'jours fériés',
};

const time = (hours: string, minutes: string): string =>
  `${Number(hours)} h${minutes === '00' ? '' : ` ${minutes}`}`;

export function frenchOpeningHours(osm: string): string {
  return osm
    .split(';')
    .map((rule) =>
      rule
        .trim()
        .replace(
          /\b(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})\b/g,
          (_, h1, m1, h2, m2) =>
            `${time(h1 as string, m1 as string)}–${time(h2 as string, m2 as string)}`,
        )
        .replace(/\b(Mo|Tu|We|Th|Fr|Sa|Su|PH)\b/g, (day: string) => DAYS[day] ?? day)
        .replace(/(\.|s)-(?=[a-z])/g, '$1–')
        .replace(/\boff\b/g, 'fermé')
        .replace(/,(?=\S)/g, ', '),
    )
    .filter((rule) => rule !== '')
    .join(' ; ');
}
