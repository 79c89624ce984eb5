import { DomainException } from '#src/common/domain.exception.js';
import { isStructurallyPdf } from './pdf-structure.js';

export enum DocumentExceptionCode {
  DOCUMENT_NOT_PDF = 'DOCUMENT_NOT_PDF',
  DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE',
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
