import { distanceKm, neededServices, ONLINE_PROCEDURES_SERVICE, roundKm } from './orientation.js';

const LENS = { latitude: 50.4322, longitude: 2.8333 };
const LIEVIN = { latitude: 50.4228, longitude: 2.7786 };
const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const MARSEILLE = { latitude: 43.2965, longitude: 5.3698 };

describe('distanceKm', () => {
  it('is zero from a point to itself and the same both ways', () => {
    expect(distanceKm(LENS, LENS)).toBe(0);
    expect(distanceKm(LENS, LIEVIN)).toBeCloseTo(distanceKm(LIEVIN, LENS), 12);
  });

  it('gives the great-circle distance of known pairs', () => {
    // Lens – Liévin: about 4 km; Paris – Marseille: about 661 km as the crow flies.
    expect(roundKm(distanceKm(LENS, LIEVIN))).toBe(4);
    expect(distanceKm(PARIS, MARSEILLE)).toBeGreaterThan(655);
    expect(distanceKm(PARIS, MARSEILLE)).toBeLessThan(665);
    // One degree of latitude is about 111.2 km anywhere.
    expect(distanceKm({ latitude: 45, longitude: 3 }, { latitude: 46, longitude: 3 })).toBeCloseTo(
      111.19,
      1,
    );
  });

  it('stays finite for antipodes', () => {
    const d = distanceKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 });
    expect(d).toBeCloseTo(Math.PI * 6371.0088, 3);
  });
});

describe('roundKm', () => {
  it('keeps one decimal', () => {
    expect(roundKm(3.96)).toBe(4);
    expect(roundKm(0.04)).toBe(0);
    expect(roundKm(12.345)).toBe(12.3);
  });
});

describe('neededServices', () => {
  const payable = ['Aide aux démarches administratives', 'Loisirs et créations numériques'];
  const all = ['A', 'B'];

  it('takes the services the diagnostic names', () => {
    expect(
      neededServices(
        { services: ['Loisirs et créations numériques'], procedures: ['CAF'] },
        payable,
        all,
      ),
    ).toEqual(['Loisirs et créations numériques']);
  });

  it('takes the service covering online procedures when only procedures are named', () => {
    expect(neededServices({ services: [], procedures: ['IMPOTS', 'CAF'] }, payable, all)).toEqual([
      ONLINE_PROCEDURES_SERVICE,
    ]);
  });

  it("falls back on the programme's payable services, else the whole list", () => {
    expect(neededServices({ services: [], procedures: [] }, payable, all)).toEqual(payable);
    expect(neededServices({ services: [], procedures: [] }, [], all)).toEqual(all);
  });
});
