import { useDataProvider, useNotify } from 'react-admin';

import { CsvImportDialog } from '../csvImport';
import type { CarnetDataProvider } from '../dataProvider';

/**
 * Replaces the programme's criteria from a CSV (`inseeCode,qpvPopulation,population`). The API
 * checks every line first: on a refusal nothing was saved, and every faulty line is listed.
 */
export const ImportCriteriaDialog = ({
  programmeId,
  open,
  onClose,
}: {
  programmeId: string;
  open: boolean;
  onClose: () => void;
}) => {
  const notify = useNotify();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  return (
    <CsvImportDialog
      open={open}
      onClose={onClose}
      name="criteria"
      labels={{
        title: 'carnet.criteria.importTitle',
        help: 'carnet.criteria.importHelp',
        chooseFile: 'carnet.criteria.chooseFile',
        noFile: 'carnet.criteria.noFile',
        errors: 'carnet.criteria.errors',
        submit: 'carnet.criteria.importSubmit',
      }}
      example={'inseeCode;qpvPopulation;population\n62498;8 200;32 920\n62510;4 120;30 409'}
      upload={async (file) => {
        const criteria = await dataProvider.importCriteria(programmeId, file);
        notify('carnet.criteria.imported', {
          type: 'success',
          messageArgs: { smart_count: criteria.rows.length },
        });
      }}
    />
  );
};
