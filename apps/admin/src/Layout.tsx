import type { ReactNode } from 'react';
import {
  AppBar,
  Layout as RaLayout,
  TitlePortal,
  UserMenu,
  useGetIdentity,
  useTranslate,
} from 'react-admin';

import { Menu } from './Menu';
import { usePhone } from './phone';

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

/**
 * The user menu's button shows the user's name: its accessible name must contain it (WCAG 2.5.3),
 * not only react-admin's « Profil ».
 */
const NamedUserMenu = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  // On a phone react-admin shows the icon alone, and translates the label again with « Profile »
  // (in English) as its fallback: it gets the key, « Profil ».
  const phone = usePhone();
  const label =
    identity?.fullName && !phone
      ? translate('carnet.layout.userMenu', { name: identity.fullName })
      : 'ra.auth.user_menu';
  return <UserMenu label={label} />;
};

/** Each page's title (react-admin's <Title>) is the page's one level-1 heading. */
const CarnetAppBar = () => (
  <AppBar userMenu={<NamedUserMenu />}>
    <TitlePortal component="h1" variant="h6" />
  </AppBar>
);

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout menu={Menu} appBar={CarnetAppBar} sx={fitTheWindow}>
    {children}
  </RaLayout>
);
