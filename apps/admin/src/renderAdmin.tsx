import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router';

import { App } from './App';

/** Renders the signed-in admin (react-admin) into the page. */
export function renderAdmin(root: HTMLElement): void {
  // react-admin would create this hash router itself, but with React transitions on. Then, when a
  // signed-out visitor lands on a page, react-admin's logout clears the query cache while the
  // redirect to /login is still a pending transition: the old page refetches, fails, logs out
  // again, and React only commits the login page after its 5 s transition timeout. Without
  // transitions the login page shows at once.
  const router = createHashRouter([{ path: '*', element: <App /> }]);

  createRoot(root).render(
    <StrictMode>
      <RouterProvider router={router} useTransitions={false} />
    </StrictMode>,
  );
}
