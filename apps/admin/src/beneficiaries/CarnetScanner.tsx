import { Alert, Box, Button, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';

import { type CarnetReference, carnetReferenceOf, createDetector } from './scanning';

/** Whether this browser can film at all (a secure origin with a camera API). */
export const canScan = (): boolean =>
  typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';

const SCAN_EVERY_MS = 300;

/** The i18n keys of what a scanner says: its use, and why it cannot film or read. */
export interface ScannerMessages {
  help: string;
  video: string;
  /** A code was read that is not one of those wanted. */
  foreign: string;
  denied: string;
  unavailable: string;
  stop: string;
}

/**
 * Films with the back camera until it reads a code that `readCode` accepts (a cheque's QR code,
 * a barcode…) and hands what it made of it to `onRead`. Stops the camera when it closes. The
 * counter reads a carnet with it, a venue the cheques it is paid with.
 */
export function CodeScanner<T>({
  readCode,
  messages,
  onRead,
  onCancel,
}: {
  readCode: (rawValue: string) => T | null;
  messages: ScannerMessages;
  onRead: (read: T) => void;
  onCancel: () => void;
}) {
  const translate = useTranslate();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [foreign, setForeign] = useState(false);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const start = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' } },
          audio: false,
        });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const detector = await createDetector();
        const scan = async () => {
          if (stopped || !video.current) return;
          try {
            const codes = await detector.detect(video.current);
            for (const code of codes) {
              const read = readCode(code.rawValue);
              if (read !== null) {
                onRead(read);
                return;
              }
              setForeign(true);
            }
          } catch {
            // A frame the reader could not take (not ready yet): try the next one.
          }
          timer = setTimeout(() => void scan(), SCAN_EVERY_MS);
        };
        void scan();
      } catch (error) {
        const denied = error instanceof DOMException && error.name === 'NotAllowedError';
        setProblem(denied ? messages.denied : messages.unavailable);
      }
    };
    void start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [readCode, messages, onRead]);

  return (
    <Box>
      {problem ? (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate(problem)}
        </Alert>
      ) : (
        <>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {translate(messages.help)}
          </Typography>
          <Box
            component="video"
            ref={video}
            muted
            playsInline
            aria-label={translate(messages.video)}
            sx={{ width: '100%', maxHeight: 320, bgcolor: 'black', borderRadius: 1 }}
          />
          {foreign && (
            <Typography variant="body2" role="status" sx={{ mt: 1 }}>
              {translate(messages.foreign)}
            </Typography>
          )}
        </>
      )}
      <Button onClick={onCancel} sx={{ mt: 1, minHeight: 44 }}>
        {translate(messages.stop)}
      </Button>
    </Box>
  );
}

const CARNET_SCAN_MESSAGES: ScannerMessages = {
  help: 'carnet.handOut.scan.help',
  video: 'carnet.handOut.scan.video',
  foreign: 'carnet.handOut.scan.foreign',
  denied: 'carnet.handOut.scan.denied',
  unavailable: 'carnet.handOut.scan.unavailable',
  stop: 'carnet.handOut.scan.stop',
};

/**
 * Reads a carnet: a cheque's QR code (or a barcode of the serial), handed to `onRead` as the
 * carnet it names.
 */
export const CarnetScanner = ({
  onRead,
  onCancel,
}: {
  onRead: (reference: CarnetReference) => void;
  onCancel: () => void;
}) => (
  <CodeScanner
    readCode={carnetReferenceOf}
    messages={CARNET_SCAN_MESSAGES}
    onRead={onRead}
    onCancel={onCancel}
  />
);
