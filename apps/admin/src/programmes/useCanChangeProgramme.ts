import type { Schemas } from '@carnet/api-client';
import { useCanAccess, useRecordContext } from 'react-admin';

type Programme = Schemas['ProgrammeResponseDto'];

/**
 * Whether the signed-in user may change this programme and its parts (shares, enrolments,
 * criteria, allocation): managers only, and nothing changes once the programme is closed.
 */
export function useCanChangeProgramme(): boolean {
  const record = useRecordContext<Programme>();
  const { canAccess } = useCanAccess({ resource: 'programmes', action: 'edit' });
  return canAccess === true && record !== undefined && record.status !== 'CLOSED';
}
