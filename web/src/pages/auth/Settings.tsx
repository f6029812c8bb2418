import { Page } from '../../ui/Page.tsx';
import { AccountSection } from './settings/AccountSection.tsx';
import { ApiKeysSection } from './settings/ApiKeysSection.tsx';
import { PasswordSection } from './settings/PasswordSection.tsx';
import { SessionsSection } from './settings/SessionsSection.tsx';
import { TwoFactorSection } from './settings/TwoFactorSection.tsx';
import { UrlTabs, type TabDef } from './Tabs.tsx';
import './auth.css';

const TABS: TabDef[] = [
  { id: 'password', label: 'Password', render: () => <PasswordSection /> },
  { id: 'two-factor', label: 'Two-factor', render: () => <TwoFactorSection /> },
  { id: 'keys', label: 'API keys', render: () => <ApiKeysSection /> },
  { id: 'sessions', label: 'Sessions', render: () => <SessionsSection /> },
  { id: 'account', label: 'Account', render: () => <AccountSection /> },
];

export function SettingsPage() {
  return (
    <Page title="Settings" description="Your password, two-factor sign-in, API keys, sessions and data.">
      <UrlTabs tabs={TABS} label="Settings sections" />
    </Page>
  );
}
