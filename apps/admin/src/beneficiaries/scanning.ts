/**
 * What the camera can read on a carnet, and how to find the carnet from it. The carnet PDF
 * (apps/api/src/issuance/print/carnet-print.ts) prints the serial as text only (« Carnet n°
 * 0000042 ») and one QR code per cheque, `PN1:<cheque number>:<security code>`: the hand-out
 * takes that cheque number (the API finds its carnet), never the security code. A plain barcode
 * of digits (an outside printer may add one to the cover) is read as the serial.
 */
export type CarnetReference = { carnetSerial: string } | { chequeNumber: string };

const CHEQUE_QR = /^PN1:(\d{12}):([0-9A-Z]{10})$/;
const SERIAL = /^\d{1,10}$/;

/**
 * A cheque's number and security code from its QR code (`PN1:<number>:<code>`, the format of
 * libs/domain's `qrPayload`), or null for another code. A venue needs both to be paid.
 */
export function scannedCheque(rawValue: string): { number: string; securityCode: string } | null {
  const cheque = CHEQUE_QR.exec(rawValue.trim().toUpperCase());
  return cheque ? { number: cheque[1], securityCode: cheque[2] } : null;
}

/** The carnet a scanned code names, or null for a code that is not one of ours. */
export function carnetReferenceOf(rawValue: string): CarnetReference | null {
  const value = rawValue.trim().toUpperCase();
  const cheque = scannedCheque(value);
  if (cheque) return { chequeNumber: cheque.number };
  if (SERIAL.test(value)) return { carnetSerial: value };
  return null;
}

/** A serial as typed (« 0000042 », « n° 42 », « 00 00 042 »): its digits, or null. */
export function typedSerial(typed: string): string | null {
  const digits = typed.replace(/\D/g, '');
  return digits.length > 0 && digits.length <= 10 ? digits : null;
}

/** « 0000 0000 0017 », as the cheque prints it. */
export const formatChequeNumber = (number: string): string =>
  number.replace(/(\d{4})(?=\d)/g, '$1 ');

/** « 0000042 », as the carnet prints it (7 digits at least). */
export const formatCarnetSerial = (serial: number | string): string =>
  String(serial).padStart(7, '0');

/** The browser's barcode reader: its own where it has one, else ZXing compiled to WebAssembly. */
export interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

interface NativeDetectorClass {
  new (options?: { formats?: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

const FORMATS = ['qr_code', 'code_128', 'code_39', 'ean_13', 'itf'];

export async function createDetector(): Promise<Detector> {
  const native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (native) {
    const supported = await native.getSupportedFormats();
    const formats = FORMATS.filter((format) => supported.includes(format));
    if (formats.includes('qr_code')) return new native({ formats });
  }
  // Loaded only where needed (iOS Safari, Firefox): the WebAssembly file is ~1 MB.
  const { ZXingDetector } = await import('./zxingDetector');
  return new ZXingDetector({ formats: FORMATS as never });
}
