/** The « Vérifier un chèque » page (a custom route, see App.tsx). */
export const CHEQUE_CHECK_PATH = '/verifier-un-cheque';

/** The page, with the number already typed in: from a carnet's cheques. */
export const chequeCheckLink = (number: string): string =>
  `${CHEQUE_CHECK_PATH}?${new URLSearchParams({ numero: number }).toString()}`;
