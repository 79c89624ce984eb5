import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { DomainException } from '#src/common/domain.exception.js';
import { isStructurallyPdf } from './pdf-structure.js';

export enum DocumentExceptionCode {
  DOCUMENT_NOT_PDF = 'DOCUMENT_NOT_PDF',
  DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE',
  IMAGE_NOT_PNG_OR_JPEG = 'IMAGE_NOT_PNG_OR_JPEG',
  IMAGE_TOO_LARGE = 'IMAGE_TOO_LARGE',
}

export class DocumentException extends DomainException<DocumentExceptionCode> {
  constructor(code: DocumentExceptionCode, message: string) {
    super(code, message);
  }
}

const MAX_PDF_BYTES = 10 * 1024 * 1024;

/** Supporting documents are PDFs of at most 10 MB, sent as the raw body (application/pdf). */
export function assertPdf(
  content: unknown,
  contentType: string | undefined,
): asserts content is Buffer {
  const isPdf =
    contentType?.split(';')[0]?.trim() === 'application/pdf' &&
    Buffer.isBuffer(content) &&
    isStructurallyPdf(content);
  if (!isPdf) {
    throw new DocumentException(
      DocumentExceptionCode.DOCUMENT_NOT_PDF,
      'Send the document as a PDF (Content-Type: application/pdf): this file is not a readable PDF.',
    );
  }
  if (content.length > MAX_PDF_BYTES) {
    throw new DocumentException(
      DocumentExceptionCode.DOCUMENT_TOO_LARGE,
      'The PDF is larger than 10 MB.',
    );
  }
}

/** Largest image (a funder's logo) we keep: plenty for a logo printed a few centimetres wide. */
export const MAX_IMAGE_BYTES = 1024 * 1024;
/** A logo of at most 4,000 × 4,000 pixels: plenty for print, and bounded once inflated. */
export const MAX_IMAGE_PIXELS = 4000 * 4000;

export const IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/**
 * Images (logos) are PNG or JPEG of at most 1 MB, sent as the raw body with their type. They are
 * printed by pdfkit, so pdfkit must read them: a file it cannot open is refused here rather than
 * when a run is printed.
 */
export function assertImage(
  content: unknown,
  contentType: string | undefined,
): asserts content is Buffer {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  const readable =
    IMAGE_TYPES.some((t) => t === type) &&
    Buffer.isBuffer(content) &&
    content.length > 0 &&
    matchesType(content, type as ImageType);
  if (!readable) {
    throw new DocumentException(
      DocumentExceptionCode.IMAGE_NOT_PNG_OR_JPEG,
      'Send the image as PNG (Content-Type: image/png) or JPEG (image/jpeg): this file is not a readable image of that type.',
    );
  }
  if (content.length > MAX_IMAGE_BYTES) {
    throw new DocumentException(
      DocumentExceptionCode.IMAGE_TOO_LARGE,
      'The image is larger than 1 MB.',
    );
  }
  const pixels = readablePixels(content, type as ImageType);
  if (pixels > MAX_IMAGE_PIXELS) {
    throw new DocumentException(
      DocumentExceptionCode.IMAGE_TOO_LARGE,
      'The image is larger than 4,000 × 4,000 pixels.',
    );
  }
}

/** The image's pixel count, once pdfkit (the PDF printer) has read it; refused if it cannot. */
function readablePixels(content: Buffer, type: ImageType): number {
  try {
    const doc = new PDFDocument({ autoFirstPage: false }) as unknown as {
      openImage(src: Buffer): { width: number; height: number; image?: { imgData?: Uint8Array } };
    };
    const opened = doc.openImage(content);
    const pixels = opened.width * opened.height;
    // pdfkit inflates a PNG's pixels in a callback when it embeds it, where an error cannot be
    // caught: inflate them here, once, to refuse a damaged one; never past what a logo of the
    // largest size accepted holds (a small file may inflate to gigabytes).
    if (type === 'image/png' && pixels <= MAX_IMAGE_PIXELS) {
      inflateSync(Buffer.from(opened.image?.imgData ?? []), {
        maxOutputLength: MAX_IMAGE_PIXELS * 8 + 4096 * 8,
      });
    }
    return pixels;
  } catch {
    throw new DocumentException(
      DocumentExceptionCode.IMAGE_NOT_PNG_OR_JPEG,
      'This image cannot be read (damaged, or a PNG or JPEG variant the PDF printer does not know).',
    );
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function matchesType(content: Buffer, type: ImageType): boolean {
  return type === 'image/png'
    ? content.subarray(0, 8).equals(PNG_SIGNATURE)
    : content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff;
}
