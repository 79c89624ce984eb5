/** What a training of prescriber agents covers (French labels in the admin's i18n). */
export const TRAINING_TOPICS = [
  'DIAGNOSTIC',
  'ORIENTATION',
  'PASS_USAGE',
  'DATA_PROTECTION',
  'DIGITAL_BASICS',
] as const;
export type TrainingTopic = (typeof TRAINING_TOPICS)[number];

/** A training an agent attended: its calendar day (YYYY-MM-DD). */
export interface AttendedTraining {
  date: string;
}

/**
 * An agent is trained once it has attended at least one training held on or before `today`
 * (a calendar day in Paris). Trainings are not refused in the future by this rule, only not
 * counted yet. A later validity period (e.g. "within the last 3 years") belongs here.
 */
export function isTrainedAgent(trainings: readonly AttendedTraining[], today: string): boolean {
  return trainings.some((training) => training.date <= today);
}
