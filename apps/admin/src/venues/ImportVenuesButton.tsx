import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useState } from 'react';
import { Button, useCanAccess, useDataProvider, useNotify } from 'react-admin';

import { CsvImportDialog } from '../csvImport';
import type { CarnetDataProvider } from '../dataProvider';

/**
 * Imports venues from a CSV in the national schema of digital-mediation places. The API checks
 * every line first: on a refusal nothing was created, and every faulty line is listed.
 */
export const ImportVenuesButton = () => {
  const notify = useNotify();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'venues', action: 'import' });
  const [open, setOpen] = useState(false);

  if (!canAccess) return null;

  return (
    <>
      <Button label="carnet.venues.import.button" onClick={() => setOpen(true)}>
        <UploadFileIcon />
      </Button>
      <CsvImportDialog
        open={open}
        onClose={() => setOpen(false)}
        name="venues"
        labels={{
          title: 'carnet.venues.import.title',
          help: 'carnet.venues.import.help',
          chooseFile: 'carnet.venues.import.chooseFile',
          noFile: 'carnet.venues.import.noFile',
          errors: 'carnet.venues.import.errors',
          submit: 'carnet.venues.import.submit',
        }}
        upload={async (file) => {
          const created = await dataProvider.importVenues(file);
          notify('carnet.venues.import.done', {
            type: 'success',
            messageArgs: { smart_count: created },
          });
        }}
      />
    </>
  );
};
