import VenueIcon from '@mui/icons-material/Place';
import { Menu as RaMenu, usePermissions, useResourceDefinitions } from 'react-admin';

import { resourceRoles } from './access';
import type { Role } from './choices';

// Each resource item asks authProvider.canAccess and hides itself when the role may not open it.
// A venue's staff sees the venues list (its own venue only) as « Mon lieu ».
export const Menu = () => {
  const resources = useResourceDefinitions();
  const { permissions } = usePermissions<Role>();
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      {Object.keys(resourceRoles)
        .filter((name) => resources[name]?.hasList)
        .map((name) =>
          name === 'venues' && permissions === 'VENUE_STAFF' ? (
            <RaMenu.Item
              key={name}
              to="/venues"
              primaryText="carnet.venues.myVenue"
              leftIcon={<VenueIcon />}
            />
          ) : (
            <RaMenu.ResourceItem key={name} name={name} />
          ),
        )}
    </RaMenu>
  );
};
