import { Menu as RaMenu, useResourceDefinitions } from 'react-admin';

import { resourceRoles } from './access';

// Each resource item asks authProvider.canAccess and hides itself when the role may not open it.
export const Menu = () => {
  const resources = useResourceDefinitions();
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      {Object.keys(resourceRoles)
        .filter((name) => resources[name]?.hasList)
        .map((name) => (
          <RaMenu.ResourceItem key={name} name={name} />
        ))}
    </RaMenu>
  );
};
