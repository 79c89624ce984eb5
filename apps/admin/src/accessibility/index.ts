import AccessibilityIcon from '@mui/icons-material/AccessibilityNew';

import { AccessibilityStatement } from './AccessibilityStatement';

/**
 * « Déclaration d'accessibilité »: the statement French public services must publish (RGAA 4.1).
 * A page of its own, outside the layout and open without signing in: linked from the login page
 * and from the menu.
 */
export default {
  path: '/accessibilite',
  page: AccessibilityStatement,
  icon: AccessibilityIcon,
  label: 'carnet.layout.accessibility',
};
