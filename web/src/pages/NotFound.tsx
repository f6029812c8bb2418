import { Link } from 'react-router';
import { Page } from '../ui/Page.tsx';

export function NotFoundPage() {
  return (
    <Page title="Page not found" description="There is no page at this address.">
      <Link to="/">Go to Home</Link>
    </Page>
  );
}
