// The entry point only chooses which app to load, so that the public page « Où utiliser mon Pass
// numérique ? » (#/lieux…, printed on the carnets) never downloads react-admin and MUI: a
// beneficiary's cheap phone loads React and the page's own few kilobytes (README « Public page »).
import { isPublicPage, PUBLIC_SHORT_PATH } from './public/address';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The short address printed on carnets, /lieux, is served this index.html by the history
// fallback (Vite, nginx): it becomes the hash route the app reads.
if (window.location.pathname.replace(/\/+$/, '') === PUBLIC_SHORT_PATH) {
  window.history.replaceState(null, '', `/#${PUBLIC_SHORT_PATH}`);
}

const publicPage = isPublicPage(window.location.hash);
// Moving between the public page and the admin (a typed address, a bookmark) loads the other app.
window.addEventListener('hashchange', () => {
  if (isPublicPage(window.location.hash) !== publicPage) window.location.reload();
});

if (publicPage) {
  void import('./public/renderPublicPage').then(({ renderPublicPage }) => renderPublicPage(root));
} else {
  void import('./renderAdmin').then(({ renderAdmin }) => renderAdmin(root));
}
