import type { Schemas } from '@carnet/api-client';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { useState } from 'react';
import {
  Button,
  useCanAccess,
  useListContext,
  usePermissions,
  useRecordContext,
  useUnselectAll,
} from 'react-admin';

import type { Role } from '../choices';
import { transferDestinations } from './destinations';
import { TransferDialog } from './TransferDialog';

type Carnet = Schemas['CarnetResponseDto'];

const useMayTransfer = (): boolean =>
  useCanAccess({ resource: 'carnets', action: 'transfer' }).canAccess === true;

/** « Transférer » on a carnet's page, when it is active and may go somewhere from its holder. */
export const TransferButton = () => {
  const record = useRecordContext<Carnet>();
  const mayTransfer = useMayTransfer();
  const { permissions } = usePermissions<Role>();
  const [open, setOpen] = useState(false);
  if (!record || !mayTransfer || record.status !== 'ACTIVE' || !record.holder) return null;
  if (transferDestinations(permissions, record.holder.kind).length === 0) return null;
  return (
    <>
      <Button label="carnet.transfers.button" onClick={() => setOpen(true)}>
        <SwapHorizIcon />
      </Button>
      {open && (
        <TransferDialog
          selection={{ kind: 'one', carnet: record }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
};

/** « Transférer une plage » above the list, starting from the serials the list is filtered on. */
export const TransferRangeButton = () => {
  const filters = useListContext().filterValues as { serialFrom?: unknown; serialTo?: unknown };
  const mayTransfer = useMayTransfer();
  const [open, setOpen] = useState(false);
  if (!mayTransfer) return null;
  const serial = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return (
    <>
      <Button label="carnet.transfers.rangeButton" onClick={() => setOpen(true)}>
        <SwapHorizIcon />
      </Button>
      {open && (
        <TransferDialog
          selection={{
            kind: 'range',
            serialFrom: serial(filters.serialFrom),
            serialTo: serial(filters.serialTo),
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
};

/** The list's bulk action: moves the ticked carnets. */
export const TransferSelectionButton = () => {
  const { selectedIds, resource } = useListContext();
  const unselectAll = useUnselectAll(resource);
  const mayTransfer = useMayTransfer();
  const [open, setOpen] = useState(false);
  if (!mayTransfer) return null;
  return (
    <>
      <Button label="carnet.transfers.selectionButton" onClick={() => setOpen(true)}>
        <SwapHorizIcon />
      </Button>
      {open && (
        <TransferDialog
          selection={{ kind: 'ids', carnetIds: selectedIds.map(String) }}
          onClose={() => setOpen(false)}
          onDone={() => unselectAll()}
        />
      )}
    </>
  );
};
