import QueueIcon from '@mui/icons-material/Dns';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';

import { api, unwrap } from '../http';

/**
 * « Files d'attente » (administrators): Bull Board, the worker's jobs (waiting, running, failed,
 * retry). The board is a page of the API that no bearer token reaches, so this asks the API for a
 * single-use link (valid one minute) and opens it in a new tab, where it becomes a session cookie
 * on the board's path.
 */
export const QueueBoardMenuItem = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [opening, setOpening] = useState(false);

  const open = async () => {
    setOpening(true);
    // Opened before the request, while the click still counts as the user's: no popup blocker.
    const tab = window.open('about:blank', '_blank');
    try {
      const { url } = await unwrap(api.POST('/api/v1/queue-board/tickets'));
      if (tab) tab.location.href = url;
      else window.location.assign(url);
    } catch (error) {
      tab?.close();
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', {
        type: 'error',
      });
    } finally {
      setOpening(false);
    }
  };

  return (
    <MenuItem onClick={() => void open()} disabled={opening} sx={{ minHeight: 44 }}>
      <ListItemIcon>
        <QueueIcon />
      </ListItemIcon>
      <ListItemText>{translate('carnet.queues.menu')}</ListItemText>
    </MenuItem>
  );
};
