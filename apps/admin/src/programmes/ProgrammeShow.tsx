import type { Schemas } from '@carnet/api-client';
import {
  EditButton,
  Loading,
  Show,
  TabbedShowLayout,
  TopToolbar,
  useCanAccess,
  useRecordContext,
} from 'react-admin';

import { AllocationTab } from './AllocationTab';
import { BudgetTab } from './BudgetTab';
import { CriteriaTab } from './CriteriaTab';
import { EnrolmentsTab } from './EnrolmentsTab';
import { FundingSharesTab } from './FundingSharesTab';
import { GeneralTab } from './GeneralTab';

type Programme = Schemas['ProgrammeResponseDto'];

// EditButton hides itself for readers; a closed programme no longer changes.
const ShowActions = () => {
  const record = useRecordContext<Programme>();
  return <TopToolbar>{record && record.status !== 'CLOSED' && <EditButton />}</TopToolbar>;
};

/** Tabs some roles may not read (see access.ts); undefined while the answer is pending. */
function useOptionalTabs() {
  const budget = useCanAccess({ resource: 'programmes', action: 'budget' });
  const enrolments = useCanAccess({ resource: 'programmes', action: 'enrolments' });
  const criteria = useCanAccess({ resource: 'programmes', action: 'criteria' });
  if (budget.isPending || enrolments.isPending || criteria.isPending) return undefined;
  return {
    budget: budget.canAccess === true,
    enrolments: enrolments.canAccess === true,
    criteria: criteria.canAccess === true,
  };
}

// Each tab's content is one component; `label={false}` stops the tab from titling it.
export const ProgrammeShow = () => {
  const tabs = useOptionalTabs();
  return (
    <Show actions={<ShowActions />}>
      {tabs === undefined ? (
        <Loading />
      ) : (
        <ProgrammeTabs budget={tabs.budget} enrolments={tabs.enrolments} criteria={tabs.criteria} />
      )}
    </Show>
  );
};

const ProgrammeTabs = ({
  budget,
  enrolments,
  criteria,
}: {
  budget: boolean;
  enrolments: boolean;
  criteria: boolean;
}) => (
  <TabbedShowLayout>
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
  </TabbedShowLayout>
);
