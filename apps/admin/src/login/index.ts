import { ForgotPasswordPage } from './ForgotPasswordPage';
import { SetPasswordPage } from './SetPasswordPage';

export { LoginPage } from './LoginPage';

/** Screens without sign-in, linked from the sign-in page and from e-mails. */
export const forgotPassword = { path: '/mot-de-passe-oublie', page: ForgotPasswordPage };
export const setPassword = { path: '/mot-de-passe/:token', page: SetPasswordPage };
