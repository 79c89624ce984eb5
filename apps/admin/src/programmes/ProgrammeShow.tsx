import type { Schemas } from '@carnet/api-client';
import {
  EditButton,
  Loading,
  Show,
  TabbedShowLayout,
  TabbedShowLayoutTabs,
  TopToolbar,
  useCanAccess,
  useRecordContext,
} from 'react-admin';

// Each tab lives with its capability, as the API organises them; this page only composes them.
import { AllocationTab } from '../allocation/AllocationTab';
import { CriteriaTab } from '../allocation/CriteriaTab';
import { BudgetTab } from '../budget/BudgetTab';
import { EnrolmentsTab } from '../enrolments/EnrolmentsTab';
import { ExpiryTab } from '../expiry/ExpiryTab';
import { FundingSharesTab } from '../funding/FundingSharesTab';
import { IssuancesTab } from '../issuance/IssuancesTab';
import { StocksTab } from '../stocks/StocksTab';
import { GeneralTab } from './GeneralTab';

type Programme = Schemas['ProgrammeResponseDto'];

// EditButton hides itself for readers; a closed programme no longer changes.
const ShowActions = () => {
  const record = useRecordContext<Programme>();
  return <TopToolbar>{record && record.status !== 'CLOSED' && <EditButton />}</TopToolbar>;
};

type OptionalTabs = Record<'budget' | 'enrolments' | 'criteria' | 'issuances' | 'stocks', boolean>;

/** Tabs some roles may not read (see access.ts); undefined while the answer is pending. */
function useOptionalTabs(): OptionalTabs | undefined {
  const budget = useCanAccess({ resource: 'programmes', action: 'budget' });
  const enrolments = useCanAccess({ resource: 'programmes', action: 'enrolments' });
  const criteria = useCanAccess({ resource: 'programmes', action: 'criteria' });
  const issuances = useCanAccess({ resource: 'programmes', action: 'issuances' });
  const stocks = useCanAccess({ resource: 'programmes', action: 'stocks' });
  const answers = [budget, enrolments, criteria, issuances, stocks];
  if (answers.some((answer) => answer.isPending)) return undefined;
  return {
    budget: budget.canAccess === true,
    enrolments: enrolments.canAccess === true,
    criteria: criteria.canAccess === true,
    issuances: issuances.canAccess === true,
    stocks: stocks.canAccess === true,
  };
}

// Each tab's content is one component; `label={false}` stops the tab from titling it.
export const ProgrammeShow = () => {
  const tabs = useOptionalTabs();
  return (
    <Show actions={<ShowActions />}>
      {tabs === undefined ? <Loading /> : <ProgrammeTabs {...tabs} />}
    </Show>
  );
};

const ProgrammeTabs = ({ budget, enrolments, criteria, issuances, stocks }: OptionalTabs) => (
  <TabbedShowLayout
    // On a phone the tabs scroll inside their bar, and the page does not.
    tabs={<TabbedShowLayoutTabs variant="scrollable" scrollButtons="auto" />}
  >
    <TabbedShowLayout.Tab label="carnet.programmes.tabs.general">
      <GeneralTab label={false} />
    </TabbedShowLayout.Tab>
    <TabbedShowLayout.Tab label="carnet.programmes.tabs.funders" path="financeurs">
      <FundingSharesTab label={false} />
    </TabbedShowLayout.Tab>
    {enrolments && (
      <TabbedShowLayout.Tab label="carnet.programmes.tabs.enrolments" path="communes">
        <EnrolmentsTab label={false} />
      </TabbedShowLayout.Tab>
    )}
    {criteria && (
      <TabbedShowLayout.Tab label="carnet.programmes.tabs.criteria" path="criteres">
        <CriteriaTab label={false} />
      </TabbedShowLayout.Tab>
    )}
    <TabbedShowLayout.Tab label="carnet.programmes.tabs.allocation" path="repartition">
      <AllocationTab label={false} />
    </TabbedShowLayout.Tab>
    {budget && (
      <TabbedShowLayout.Tab label="carnet.programmes.tabs.budget" path="budget">
        <BudgetTab label={false} />
      </TabbedShowLayout.Tab>
    )}
    {issuances && (
      <TabbedShowLayout.Tab label="carnet.programmes.tabs.issuances" path="emissions">
        <IssuancesTab label={false} />
      </TabbedShowLayout.Tab>
    )}
    {stocks && (
      <TabbedShowLayout.Tab label="carnet.programmes.tabs.stocks" path="stocks">
        <StocksTab label={false} />
      </TabbedShowLayout.Tab>
    )}
    <TabbedShowLayout.Tab label="carnet.programmes.tabs.expiry" path="echeance">
      <ExpiryTab label={false} />
    </TabbedShowLayout.Tab>
  </TabbedShowLayout>
);
