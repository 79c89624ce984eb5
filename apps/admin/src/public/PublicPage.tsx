import { lazy, Suspense, useEffect, useState } from 'react';

import { mediationServiceChoices } from '../choices';
import { TILE_URL } from '../mapTiles';
import { parsePublicRoute, publicRouteHash, type PublicRoute } from './address';
import {
  activeProgrammes,
  LoadError,
  type LoadFailure,
  programme as loadProgramme,
  type PublicProgramme,
  type PublicProgrammeDetail,
  type PublicVenue,
  venues as loadVenues,
} from './publicApi';
import { TEXTS } from './texts';
import { VenueCard } from './VenueCard';

// Leaflet is downloaded only where tiles are configured: without them the list says it all.
const VenueMap = lazy(() => import('./PublicVenueMap'));

/** The needs to filter by: the programme's payable services, French labels of the national list. */
const needChoices = (services: readonly string[]) =>
  mediationServiceChoices.filter((choice) => services.includes(choice.id));

const failureOf = (error: unknown): LoadFailure =>
  error instanceof LoadError ? error.failure : 'FAILED';

/** The page « Où utiliser mon Pass numérique ? »: `#/lieux` or `#/lieux/{programmeId}`. */
export const PublicPage = () => {
  const [route, setRoute] = useState<PublicRoute>(() => parsePublicRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parsePublicRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  /** Filters change the address in place (no new history entry), so a reload keeps them. */
  const changeRoute = (next: PublicRoute) => {
    window.history.replaceState(null, '', publicRouteHash(next));
    setRoute(next);
  };

  return (
    <div className="pp">
      <header className="pp-header">
        <p className="pp-brand">{TEXTS.brand}</p>
      </header>
      <main className="pp-main">
        <h1>{TEXTS.title}</h1>
        {route.programmeId ? (
          <ProgrammeVenues
            key={route.programmeId}
            route={{ ...route, programmeId: route.programmeId }}
            onChange={changeRoute}
          />
        ) : (
          <ProgrammeChoice onOnly={(id) => changeRoute({ ...route, programmeId: id })} />
        )}
      </main>
      <footer className="pp-footer">
        {/* The statement RGAA asks for, in the admin app (open without signing in). */}
        <a href={`${import.meta.env.BASE_URL}#/accessibilite`}>{TEXTS.accessibility}</a>
      </footer>
    </div>
  );
};

const Failure = ({ failure, onRetry }: { failure: LoadFailure; onRetry?: () => void }) => (
  <div className="pp-message" role="alert">
    <p>
      {failure === 'NOT_FOUND'
        ? TEXTS.programmeNotFound
        : failure === 'TOO_MANY'
          ? TEXTS.tooMany
          : TEXTS.failed}
    </p>
    {failure === 'NOT_FOUND' ? (
      <a className="pp-button" href="#/lieux">
        {TEXTS.allProgrammes}
      </a>
    ) : (
      onRetry && (
        <button type="button" className="pp-button" onClick={onRetry}>
          {TEXTS.retry}
        </button>
      )
    )}
  </div>
);

/** `#/lieux`: the active programmes; the only one is shown at once. */
const ProgrammeChoice = ({ onOnly }: { onOnly: (id: string) => void }) => {
  const [programmes, setProgrammes] = useState<PublicProgramme[] | null>(null);
  const [failure, setFailure] = useState<LoadFailure | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    activeProgrammes().then(
      (list) => {
        if (!live) return;
        if (list.length === 1) onOnly(list[0].id);
        else setProgrammes(list);
      },
      (error: unknown) => live && setFailure(failureOf(error)),
    );
    return () => {
      live = false;
    };
    // onOnly changes at each render of the page; the list is loaded once per attempt.
  }, [attempt]);

  if (failure) {
    return (
      <Failure
        failure={failure}
        onRetry={() => {
          setFailure(null);
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  if (!programmes) return <p role="status">{TEXTS.loading}</p>;
  if (programmes.length === 0) return <p className="pp-message">{TEXTS.noProgramme}</p>;
  return (
    <>
      <p>{TEXTS.chooseProgramme}</p>
      <ul className="pp-programmes">
        {programmes.map((p) => (
          <li key={p.id}>
            <a className="pp-programme" href={`#/lieux/${encodeURIComponent(p.id)}`}>
              <span className="pp-programme-name">{p.name}</span>
              <span>{p.territoryLabel}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
};

/** `#/lieux/{programmeId}`: the filters, the map when tiles are configured, the list. */
const ProgrammeVenues = ({
  route,
  onChange,
}: {
  route: PublicRoute & { programmeId: string };
  onChange: (route: PublicRoute) => void;
}) => {
  const { programmeId, commune, need } = route;
  const [detail, setDetail] = useState<PublicProgrammeDetail | null>(null);
  const [found, setFound] = useState<PublicVenue[] | null>(null);
  const [failure, setFailure] = useState<LoadFailure | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [mapShown, setMapShown] = useState(Boolean(TILE_URL));

  useEffect(() => {
    let live = true;
    loadProgramme(programmeId).then(
      (loaded) => live && setDetail(loaded),
      (error: unknown) => live && setFailure(failureOf(error)),
    );
    return () => {
      live = false;
    };
  }, [programmeId, attempt]);

  useEffect(() => {
    const abort = new AbortController();
    setFound(null);
    loadVenues(programmeId, { commune, need }, abort.signal).then(setFound, (error: unknown) => {
      if (!abort.signal.aborted) setFailure(failureOf(error));
    });
    return () => abort.abort();
  }, [programmeId, commune, need, attempt]);

  useEffect(() => {
    if (detail) document.title = `${TEXTS.documentTitle} — ${detail.name}`;
  }, [detail]);

  if (failure) {
    return (
      <Failure
        failure={failure}
        onRetry={() => {
          setFailure(null);
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  if (!detail) return <p role="status">{TEXTS.loading}</p>;

  return (
    <>
      <p className="pp-programme-title">
        {detail.name} <span className="pp-territory">— {detail.territoryLabel}</span>
      </p>
      <p>{TEXTS.intro}</p>
      <form className="pp-filters" aria-label={TEXTS.filters} onSubmit={(e) => e.preventDefault()}>
        <div className="pp-field">
          <label htmlFor="pp-commune">{TEXTS.commune}</label>
          <select
            id="pp-commune"
            value={commune}
            onChange={(e) => onChange({ ...route, commune: e.target.value })}
          >
            <option value="">{TEXTS.allCommunes}</option>
            {detail.communes.map((c) => (
              <option key={c.inseeCode} value={c.inseeCode}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="pp-field">
          <label htmlFor="pp-need">{TEXTS.need}</label>
          <select
            id="pp-need"
            value={need}
            onChange={(e) => onChange({ ...route, need: e.target.value })}
          >
            <option value="">{TEXTS.allNeeds}</option>
            {needChoices(detail.services).map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p className="pp-count" role="status">
        {found ? TEXTS.found(found.length) : TEXTS.loading}
      </p>
      {found && found.length > 0 && mapShown && (
        <Suspense fallback={null}>
          <VenueMap venues={found} onUnavailable={() => setMapShown(false)} />
        </Suspense>
      )}
      {found && found.length > 0 && (
        <ul className="pp-venues" aria-label={TEXTS.list}>
          {found.map((venue) => (
            <li key={venue.id}>
              <VenueCard venue={venue} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
};
