import polyglotI18nProvider from 'ra-i18n-polyglot';
import frenchMessages from 'ra-language-french';
import { mergeTranslations, type TranslationMessages } from 'react-admin';

import { carnetFrenchMessages } from './i18n/fr';

export const i18nProvider = polyglotI18nProvider(
  // mergeTranslations is typed `any`.
  () => mergeTranslations(frenchMessages, carnetFrenchMessages) as TranslationMessages,
  'fr',
  [{ locale: 'fr', name: 'Français' }],
);
