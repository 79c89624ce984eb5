/** Where the dashboard lives; `?programme=<id>` chooses the programme. */
export const REPORTS_PATH = '/tableau-de-bord';
/** A venue's « Mes chiffres ». */
export const VENUE_FIGURES_PATH = '/mes-chiffres';
