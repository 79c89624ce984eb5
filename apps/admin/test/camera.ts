// A fake camera for the browser tests: Chromium films a Y4M file instead of a device, so a test
// can show the page a QR code, as an agent holds a cheque in front of a phone.
import { writeFile } from 'node:fs/promises';

import QRCode from 'qrcode';

/** Chromium switches that film `file` and let the page use the camera without asking. */
export const fakeCameraArgs = (file: string): string[] => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${file}`,
];

const SIDE = 320;
const MODULE = 8;

/**
 * Writes a short Y4M video (4:2:0, 320 × 320) of `payload`'s QR code, black on white with its
 * quiet zone. Chromium opens the file when the page starts the camera, and loops it.
 */
export async function writeQrVideo(file: string, payload: string): Promise<void> {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const offset = Math.floor((SIDE - modules.size * MODULE) / 2);
  const luma = Buffer.alloc(SIDE * SIDE, 255);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let y = 0; y < MODULE; y++) {
        const start = (offset + row * MODULE + y) * SIDE + offset + col * MODULE;
        luma.fill(0, start, start + MODULE);
      }
    }
  }
  const chroma = Buffer.alloc((SIDE / 2) * (SIDE / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${SIDE} H${SIDE} F10:1 Ip A1:1 C420jpeg\n`);
  await writeFile(file, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
}
