import './publicPage.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { PublicPage } from './PublicPage';
import { TEXTS } from './texts';

/** Renders the public page « Où utiliser mon Pass numérique ? » (no react-admin, no login). */
export function renderPublicPage(root: HTMLElement): void {
  document.title = TEXTS.documentTitle;
  createRoot(root).render(
    <StrictMode>
      <PublicPage />
    </StrictMode>,
  );
}
