import { describe, expect, it } from '@jest/globals';

import {
  carnetReferenceOf,
  formatCarnetSerial,
  formatChequeNumber,
  scannedCheque,
  typedSerial,
} from './scanning';

describe('what the camera reads on a carnet', () => {
  it("takes a cheque's QR code for its number, never its security code", () => {
    expect(carnetReferenceOf('PN1:000000000017:ABCDEFGHJK')).toEqual({
      chequeNumber: '000000000017',
    });
    expect(JSON.stringify(carnetReferenceOf('PN1:000000000017:ABCDEFGHJK'))).not.toContain('ABCDE');
    // Readers may hand back lower case or a trailing line end.
    expect(carnetReferenceOf(' pn1:000000000017:abcdefghjk\n')).toEqual({
      chequeNumber: '000000000017',
    });
  });

  it('takes a barcode of digits for the serial', () => {
    expect(carnetReferenceOf('0000042')).toEqual({ carnetSerial: '0000042' });
  });

  it('refuses any other code', () => {
    expect(carnetReferenceOf('https://example.org')).toBeNull();
    expect(carnetReferenceOf('PN2:000000000017:ABCDEFGHJK')).toBeNull();
    expect(carnetReferenceOf('PN1:00000000017:ABCDEFGHJK')).toBeNull();
    expect(carnetReferenceOf('12345678901')).toBeNull();
  });
});

describe('what the camera reads on a cheque, for a venue', () => {
  it('takes its number and its security code', () => {
    expect(scannedCheque(' pn1:000000000017:abcdefghjk\n')).toEqual({
      number: '000000000017',
      securityCode: 'ABCDEFGHJK',
    });
  });

  it('refuses anything else, a carnet serial included', () => {
    expect(scannedCheque('0000042')).toBeNull();
    expect(scannedCheque('PN1:000000000017:ABCDE')).toBeNull();
    expect(scannedCheque('PN2:000000000017:ABCDEFGHJK')).toBeNull();
  });
});

describe('a typed serial', () => {
  it('keeps its digits, whatever surrounds them', () => {
    expect(typedSerial('0000042')).toBe('0000042');
    expect(typedSerial('n° 00 00 042')).toBe('0000042');
    expect(typedSerial('abc')).toBeNull();
    expect(typedSerial('12345678901')).toBeNull();
  });

  it('is printed as the carnet prints it', () => {
    expect(formatCarnetSerial(42)).toBe('0000042');
    expect(formatChequeNumber('000000000017')).toBe('0000 0000 0017');
  });
});
