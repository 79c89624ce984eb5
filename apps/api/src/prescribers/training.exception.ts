import { DomainException, type FieldError } from '#src/common/domain.exception.js';

export enum TrainingExceptionCode {
  TRAINING_NOT_FOUND = 'TRAINING_NOT_FOUND',
  TRAINING_DATE_IN_FUTURE = 'TRAINING_DATE_IN_FUTURE',
  TRAINING_ATTENDEE_NOT_AGENT = 'TRAINING_ATTENDEE_NOT_AGENT',
  AGENT_NOT_TRAINED = 'AGENT_NOT_TRAINED',
  TRAINING_SHARED = 'TRAINING_SHARED',
}

export class TrainingException extends DomainException<TrainingExceptionCode> {
  constructor(code: TrainingExceptionCode, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}
