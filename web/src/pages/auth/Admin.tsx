import { Link } from 'react-router';
import { hasRole, useUser } from '../../auth.tsx';
import { Banner } from '../../ui/Banner.tsx';
import { Page } from '../../ui/Page.tsx';
import { AuditSection } from './admin/AuditSection.tsx';
import { UsersSection } from './admin/UsersSection.tsx';
import { UrlTabs, type TabDef } from './Tabs.tsx';
import './auth.css';

const TABS: TabDef[] = [
  { id: 'users', label: 'Users', render: () => <UsersSection /> },
  { id: 'audit', label: 'Audit log', render: () => <AuditSection /> },
];

export function AdminPage() {
  const user = useUser();
  if (!hasRole(user, 'admin'))
    return (
      <Page title="Admin">
        <Banner tone="warn">
          This page needs the admin role; you are signed in as {user.role}. An admin can change your role. <Link to="/">Back to Home</Link>
        </Banner>
      </Page>
    );
  return (
    <Page title="Admin" description="People who can use this studio, their roles, and the audit log of who changed what.">
      <UrlTabs tabs={TABS} label="Admin sections" />
    </Page>
  );
}
