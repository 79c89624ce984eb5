import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import {
  Button,
  downloadCSV,
  type Exporter,
  type RaRecord,
  useDataProvider,
  useListContext,
  useNotify,
} from 'react-admin';

import { type CsvColumn, toCsv } from './csv';
import { formatDateTime, formatDay } from './dates';
import { i18nProvider } from './i18nProvider';
import { useNotifyError } from './useNotifyError';

export { type CsvColumn, csvCell, csvYesNo, toCsv } from './csv';

/**
 * Lists as CSV files a French spreadsheet opens as they are: a byte order mark (Excel reads UTF-8
 * then), `;` between fields (the comma is the decimal mark), French headers, dates as
 * 30/06/2027, amounts as 12,50, labels rather than codes. Each <List> passes
 * `exporter={csvExporter(…)}` and shows <CsvExportButton /> among its actions.
 */

/** The French messages outside React (an exporter is a plain function). */
export const translate = (key: string, options?: Record<string, unknown>): string =>
  i18nProvider.translate(key, options);

/** A column named like the list's own column (`resources.<resource>.fields.<source>`). */
export const fieldColumn = <R,>(
  resource: string,
  source: string,
  value: CsvColumn<R>['value'] = (record) =>
    (record as Record<string, string | number | null | undefined>)[source],
): CsvColumn<R> => ({ header: translate(`resources.${resource}.fields.${source}`), value });

/** A code shown as its French label, e.g. `carnet.carnetStatuses` + ACTIVE → « Actif ». */
export const csvLabel = (prefix: string, code: string | null | undefined): string =>
  code ? translate(`${prefix}.${code}`, { _: code }) : '';

/** A code shown as the name of its choice (choices.ts), e.g. roleChoices + ADMIN → « Administrateur ». */
export const csvChoice = (
  choices: readonly { id: string | number; name: string }[],
  code: string | number | null | undefined,
): string => {
  const name = choices.find((choice) => choice.id === code)?.name;
  return name ? translate(name, { _: name }) : (code ?? '').toString();
};

/** A calendar day or an instant → « 30/06/2027 ». */
export const csvDay = (day: string | null | undefined): string => (day ? formatDay(day) : '');

/** An instant → « 23/11/2026 04:12 ». */
export const csvDateTime = (instant: string | null | undefined): string =>
  instant ? formatDateTime(instant) : '';

const amounts = new Intl.NumberFormat('fr-FR', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: false,
});
/** Cents → « 1234,50 »: a number a spreadsheet adds up, in euros, without the € sign. */
export const csvCents = (cents: number | null | undefined): string =>
  cents == null ? '' : amounts.format(cents / 100);

/** react-admin's `exporter`: the records fetched by <CsvExportButton />, saved as `<name>.csv`. */
export const csvExporter =
  <R extends RaRecord>(filename: string, columns: readonly CsvColumn<R>[]): Exporter<R> =>
  (records) => {
    downloadCSV(toCsv(records, columns), filename);
  };

/** The API gives at most 200 records per page. */
const PAGE_SIZE = 200;
/** Beyond that, the reports' own exports (dashboard) are the tool. */
export const MAX_EXPORTED = 10_000;

/**
 * « Exporter »: every record of the list as filtered and sorted on screen (not only the page
 * shown), read 200 at a time, handed to the list's `exporter`.
 */
export const CsvExportButton = () => {
  const { exporter, sort, total, resource } = useListContext();
  const filterValues = useListContext().filterValues as Record<string, unknown>;
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const [pending, setPending] = useState(false);
  if (typeof exporter !== 'function') return null;

  const exportAll = async () => {
    setPending(true);
    try {
      const records: RaRecord[] = [];
      for (let page = 1; records.length < MAX_EXPORTED; page += 1) {
        const { data, total: all } = await dataProvider.getList<RaRecord>(resource, {
          pagination: { page, perPage: PAGE_SIZE },
          sort,
          filter: filterValues,
        });
        records.push(...data);
        // Some lists come whole whatever the page (a programme's parts, the pending accounts).
        if (data.length < PAGE_SIZE || (all != null && records.length >= all)) break;
      }
      if (records.length >= MAX_EXPORTED) {
        notify('carnet.export.truncated', {
          type: 'warning',
          messageArgs: { max: MAX_EXPORTED.toLocaleString('fr-FR') },
        });
      }
      await exporter(
        records.slice(0, MAX_EXPORTED),
        () => Promise.resolve({}),
        dataProvider,
        resource,
      );
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <Button
      label="ra.action.export"
      disabled={pending || total === 0}
      onClick={() => void exportAll()}
    >
      <DownloadIcon />
    </Button>
  );
};
