import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  MobileStepper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';

import { beneficiaryActions, type NewDiagnostic } from '../beneficiaryData';
import {
  autonomyChoices,
  equipmentChoices,
  type Equipment,
  type MediationService,
  mediationServiceChoices,
  type OnlineProcedure,
  onlineProcedureChoices,
} from '../choices';
import { usePhone } from '../phone';
import { useNotifyError } from '../useNotifyError';
import { tappable } from './inputs';

/** The API's cap on a diagnostic's notes. */
export const NOTES_MAX = 500;

const STEPS = ['needs', 'autonomy', 'equipment', 'notes'] as const;
type Step = (typeof STEPS)[number];

const toggle = <T,>(values: T[], value: T): T[] =>
  values.includes(value) ? values.filter((v) => v !== value) : [...values, value];

/** Check boxes for a list of choices, each line a tap target. */
function Choices<T extends string>({
  legend,
  choices,
  values,
  onChange,
  translateNames = true,
}: {
  legend: string;
  choices: { id: T; name: string }[];
  values: T[];
  onChange: (values: T[]) => void;
  translateNames?: boolean;
}) {
  const translate = useTranslate();
  return (
    <FormControl component="fieldset" sx={{ mb: 2 }}>
      <FormLabel component="legend">{legend}</FormLabel>
      <FormGroup sx={tappable}>
        {choices.map((choice) => (
          <FormControlLabel
            key={choice.id}
            control={
              <Checkbox
                checked={values.includes(choice.id)}
                onChange={() => onChange(toggle(values, choice.id))}
              />
            }
            label={translateNames ? translate(choice.name) : choice.name}
          />
        ))}
      </FormGroup>
    </FormControl>
  );
}

/**
 * The guided diagnostic, in four short steps: needs (the programme's payable services and the
 * online procedures), autonomy, equipment at home, notes (no sensitive data, 500 characters).
 */
export const DiagnosticDialog = ({
  beneficiaryId,
  payableServices,
  onClose,
}: {
  beneficiaryId: string;
  /** The programme's payable services; empty: every service of the national list. */
  payableServices: readonly string[];
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const phone = usePhone();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('needs');
  const [services, setServices] = useState<MediationService[]>([]);
  const [procedures, setProcedures] = useState<OnlineProcedure[]>([]);
  const [autonomy, setAutonomy] = useState<NewDiagnostic['autonomy'] | null>(null);
  const [equipment, setEquipment] = useState<Equipment[]>([]);
  const [notes, setNotes] = useState('');
  const [tried, setTried] = useState(false);

  const serviceChoices = mediationServiceChoices.filter(
    (choice) => payableServices.length === 0 || payableServices.includes(choice.id),
  );
  const index = STEPS.indexOf(step);
  const problem: string | null =
    step === 'needs' && services.length + procedures.length === 0
      ? 'carnet.diagnostics.needsRequired'
      : step === 'autonomy' && autonomy === null
        ? 'carnet.diagnostics.autonomyRequired'
        : null;

  const save = useMutation({
    mutationFn: () => {
      const body: NewDiagnostic = {
        services,
        procedures,
        autonomy: autonomy ?? 1,
        equipment,
        notes: notes.trim() ? notes.trim() : null,
      };
      return beneficiaryActions.createDiagnostic(beneficiaryId, body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['diagnostics', beneficiaryId] });
      notify('carnet.diagnostics.saved', { type: 'success' });
      onClose();
    },
    onError: notifyError,
  });

  const next = () => {
    setTried(true);
    if (problem) return;
    setTried(false);
    if (index < STEPS.length - 1) setStep(STEPS[index + 1]);
    else save.mutate();
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth fullScreen={phone}>
      <DialogTitle>
        {translate('carnet.diagnostics.title')} — {translate(`carnet.diagnostics.steps.${step}`)}
      </DialogTitle>
      <DialogContent>
        <Stack sx={{ pt: 1 }}>
          {step === 'needs' && (
            <>
              <Choices
                legend={translate('carnet.diagnostics.services')}
                choices={serviceChoices}
                values={services}
                onChange={setServices}
                translateNames={false}
              />
              <Choices
                legend={translate('carnet.diagnostics.procedures')}
                choices={onlineProcedureChoices}
                values={procedures}
                onChange={setProcedures}
              />
            </>
          )}
          {step === 'autonomy' && (
            <FormControl component="fieldset">
              <FormLabel component="legend">
                {translate('carnet.diagnostics.autonomyQuestion')}
              </FormLabel>
              <RadioGroup
                value={autonomy === null ? '' : String(autonomy)}
                onChange={(event) =>
                  setAutonomy(Number(event.target.value) as NewDiagnostic['autonomy'])
                }
                sx={tappable}
              >
                {autonomyChoices.map((choice) => (
                  <FormControlLabel
                    key={choice.id}
                    value={String(choice.id)}
                    control={<Radio />}
                    label={translate(choice.name)}
                  />
                ))}
              </RadioGroup>
            </FormControl>
          )}
          {step === 'equipment' && (
            <Choices
              legend={translate('carnet.diagnostics.equipmentQuestion')}
              choices={equipmentChoices}
              values={equipment}
              onChange={setEquipment}
            />
          )}
          {step === 'notes' && (
            <>
              <Alert severity="warning" sx={{ mb: 2 }}>
                {translate('carnet.diagnostics.notesWarning')}
              </Alert>
              <TextField
                label={translate('carnet.diagnostics.notes')}
                value={notes}
                onChange={(event) => setNotes(event.target.value.slice(0, NOTES_MAX))}
                multiline
                minRows={4}
                fullWidth
                helperText={translate('carnet.diagnostics.notesLength', {
                  count: notes.length,
                  max: NOTES_MAX,
                })}
                slotProps={{ htmlInput: { maxLength: NOTES_MAX } }}
              />
            </>
          )}
          {tried && problem && (
            <FormHelperText error role="alert">
              {translate(problem)}
            </FormHelperText>
          )}
        </Stack>
      </DialogContent>
      <MobileStepper
        variant="text"
        steps={STEPS.length}
        position="static"
        activeStep={index}
        backButton={
          <Button
            onClick={() => (index === 0 ? onClose() : setStep(STEPS[index - 1]))}
            sx={{ minHeight: 44 }}
          >
            {translate(index === 0 ? 'ra.action.cancel' : 'carnet.diagnostics.previous')}
          </Button>
        }
        nextButton={
          <Button
            variant="contained"
            onClick={next}
            disabled={save.isPending}
            sx={{ minHeight: 44 }}
          >
            {translate(
              index === STEPS.length - 1 ? 'carnet.diagnostics.save' : 'carnet.diagnostics.next',
            )}
          </Button>
        }
        sx={{ px: 2, pb: 2 }}
      />
    </Dialog>
  );
};
