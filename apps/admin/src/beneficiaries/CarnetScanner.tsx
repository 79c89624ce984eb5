import { Alert, Box, Button, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';

import { type CarnetReference, carnetReferenceOf, createDetector } from './scanning';

/** Whether this browser can film at all (a secure origin with a camera API). */
export const canScan = (): boolean =>
  typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';

const SCAN_EVERY_MS = 300;

/**
 * Films with the back camera until it reads a cheque's QR code (or a barcode of the serial) and
 * hands what it read to `onRead`. Stops the camera when it closes.
 */
export const CarnetScanner = ({
  onRead,
  onCancel,
}: {
  onRead: (reference: CarnetReference) => void;
  onCancel: () => void;
}) => {
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
              const reference = carnetReferenceOf(code.rawValue);
              if (reference) {
                onRead(reference);
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
        setProblem(denied ? 'carnet.handOut.scan.denied' : 'carnet.handOut.scan.unavailable');
      }
    };
    void start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onRead]);

  return (
    <Box>
      {problem ? (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate(problem)}
        </Alert>
      ) : (
        <>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {translate('carnet.handOut.scan.help')}
          </Typography>
          <Box
            component="video"
            ref={video}
            muted
            playsInline
            aria-label={translate('carnet.handOut.scan.video')}
            sx={{ width: '100%', maxHeight: 320, bgcolor: 'black', borderRadius: 1 }}
          />
          {foreign && (
            <Typography variant="body2" role="status" sx={{ mt: 1 }}>
              {translate('carnet.handOut.scan.foreign')}
            </Typography>
          )}
        </>
      )}
      <Button onClick={onCancel} sx={{ mt: 1, minHeight: 44 }}>
        {translate('carnet.handOut.scan.stop')}
      </Button>
    </Box>
  );
};
