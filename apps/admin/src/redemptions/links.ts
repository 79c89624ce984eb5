/** The venue's screens (custom routes, see App.tsx). */
export const REDEEM_PATH = '/encaisser';
export const HISTORY_PATH = '/encaissements';
