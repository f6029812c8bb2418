// OWNER: helper h5
import { Page } from '../../ui/Page.tsx';

export function WelcomePage() {
  return <Page title="Welcome">{null}</Page>;
}
