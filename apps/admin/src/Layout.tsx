import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';

import { Menu } from './Menu';

/**
 * react-admin's layout is `min-width: fit-content` and its flex children `min-width: auto`, so
 * the page grows to its widest content (a row of tabs, a table) and scrolls sideways on a phone.
 * With `min-width: 0` the page keeps the window's width and what is wide scrolls in its own box.
 */
const fitTheWindow = {
  minWidth: 0,
  '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content, & .show-page, & .list-page, & .RaShow-main, & .RaShow-card, & .RaList-main, & .RaList-content':
    { minWidth: 0 },
};

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout menu={Menu} sx={fitTheWindow}>
    {children}
  </RaLayout>
);
