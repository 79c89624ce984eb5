import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router';

import accessibility from './accessibility';
import apiClients from './apiClients';
import { authProvider } from './authProvider';
import beneficiaries, { orientationSlip } from './beneficiaries';
import carnets from './carnets';
import chequeCheck from './cheques';
import { Dashboard } from './Dashboard';
import communes from './communes';
import { dataProvider } from './dataProvider';
import funders from './funders';
import { i18nProvider } from './i18nProvider';
import { Layout } from './Layout';
import { forgotPassword, LoginPage, setPassword } from './login';
import { NotFound } from './NotFound';
import organisations from './organisations';
import pendingBankAccounts from './pendingBankAccounts';
import prescribers from './prescribers';
import programmes from './programmes';
import { redeem, redemptionHistory } from './redemptions';
import reimbursementBatches, { statements } from './reimbursements';
import { reports, venueFigures } from './reports';
import { theme } from './theme';
import trainings from './trainings';
import users from './users';
import venues from './venues';

export const App = () => (
  <Admin
    title="Carnet — Pass numérique"
    authProvider={authProvider}
    loginPage={LoginPage}
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    dashboard={Dashboard}
    catchAll={NotFound}
    layout={Layout}
    theme={theme}
    requireAuth
    disableTelemetry
  >
    <Resource name="programmes" {...programmes} />
    <Resource name="carnets" {...carnets} />
    <Resource name="funders" {...funders} />
    <Resource name="communes" {...communes} />
    <Resource name="prescribers" {...prescribers} />
    <Resource name="trainings" {...trainings} />
    <Resource name="beneficiaries" {...beneficiaries} />
    <Resource name="venues" {...venues} />
    <Resource name="pending-bank-accounts" {...pendingBankAccounts} />
    <Resource name="reimbursement-batches" {...reimbursementBatches} />
    <Resource name="users" {...users} />
    <Resource name="api-clients" {...apiClients} />
    <Resource name="organisations" {...organisations} />
    <CustomRoutes>
      <Route path={chequeCheck.path} element={<chequeCheck.page />} />
      <Route path={redeem.path} element={<redeem.page />} />
      <Route path={redemptionHistory.path} element={<redemptionHistory.page />} />
      <Route path={statements.path} element={<statements.page />} />
      <Route path={reports.path} element={<reports.page />} />
      <Route path={venueFigures.path} element={<venueFigures.page />} />
    </CustomRoutes>
    <CustomRoutes noLayout>
      <Route path={orientationSlip.path} element={<orientationSlip.page />} />
      <Route path={forgotPassword.path} element={<forgotPassword.page />} />
      <Route path={setPassword.path} element={<setPassword.page />} />
      <Route path={accessibility.path} element={<accessibility.page />} />
    </CustomRoutes>
  </Admin>
);
