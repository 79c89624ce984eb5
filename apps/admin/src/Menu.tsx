import VenueIcon from '@mui/icons-material/Place';
import { Menu as RaMenu, usePermissions, useResourceDefinitions } from 'react-admin';

import accessibility from './accessibility';
import { resourceRoles, roleCanAccess } from './access';
import chequeCheck from './cheques';
import type { Role } from './choices';
import { redeem, redemptionHistory } from './redemptions';
import { QueueBoardMenuItem } from './queues/QueueBoardMenuItem';
import { statements } from './reimbursements';
import { reports, venueFigures } from './reports';

/** Pages that are not resources (custom routes), by their name in access.ts. */
const pages: Record<string, typeof chequeCheck> = {
  redeem,
  redemptions: redemptionHistory,
  cheques: chequeCheck,
  statements,
  reports,
  venueFigures,
};

// Each resource item asks authProvider.canAccess and hides itself when the role may not open it;
// a page is shown to the roles access.ts gives it.
// A venue's staff sees the venues list (its own venue only) as « Mon lieu ». Last, for everyone:
// the accessibility statement (RGAA: « Accessibilité : partiellement conforme » on every page).
export const Menu = () => {
  const resources = useResourceDefinitions();
  const { permissions } = usePermissions<Role>();
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      {Object.keys(resourceRoles).map((name) => {
        const page = pages[name];
        if (page) {
          if (!permissions || !roleCanAccess(permissions, name)) return null;
          const Icon = page.icon;
          return (
            <RaMenu.Item key={name} to={page.path} primaryText={page.label} leftIcon={<Icon />} />
          );
        }
        if (!resources[name]?.hasList) return null;
        return name === 'venues' && permissions === 'VENUE_STAFF' ? (
          <RaMenu.Item
            key={name}
            to="/venues"
            primaryText="carnet.venues.myVenue"
            leftIcon={<VenueIcon />}
          />
        ) : (
          <RaMenu.ResourceItem key={name} name={name} />
        );
      })}
      {permissions === 'ADMIN' && <QueueBoardMenuItem />}
      <RaMenu.Item
        to={accessibility.path}
        primaryText={accessibility.label}
        leftIcon={<accessibility.icon />}
      />
    </RaMenu>
  );
};
