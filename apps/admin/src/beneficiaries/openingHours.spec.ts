import { describe, expect, it } from '@jest/globals';

import { frenchOpeningHours } from './openingHours';

describe('opening hours in French', () => {
  it('writes the days and hours of the usual rules', () => {
    expect(frenchOpeningHours('Mo-Fr 09:00-12:00,14:00-17:30')).toBe(
      'lun.–ven. 9 h–12 h, 14 h–17 h 30',
    );
    expect(frenchOpeningHours('Mo,We 10:00-12:00; Sa 09:30-12:00; Su off')).toBe(
      'lun., mer. 10 h–12 h ; sam. 9 h 30–12 h ; dim. fermé',
    );
  });

  it('leaves what it does not know as it is', () => {
    expect(frenchOpeningHours('sur rendez-vous')).toBe('sur rendez-vous');
  });
});
