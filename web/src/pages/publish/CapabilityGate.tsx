import type { ReactNode } from 'react';
import { useCapabilities } from '../../capabilities.ts';
import type { Capabilities } from '../../api/types.ts';
import { Banner, ErrorBanner, Spinner } from '../../ui/Banner.tsx';

type Need = 'publishing' | 'schedules' | 'multilingual';

/**
 * A page opened by its address while the server cannot do what it is for: say why (the capability's reason, which
 * names the setting to change) instead of showing controls that would fail.
 */
export function CapabilityGate({ need, what, children }: { need: Need; what: string; children: ReactNode }) {
  const { data, error, isPending } = useCapabilities();
  if (isPending) return <Spinner />;
  if (error) return <ErrorBanner error={error} />;
  const capability = (data as Capabilities)[need];
  if (!capability.enabled) {
    return (
      <Banner tone="warn">
        <strong>{what} is not available on this server.</strong> {capability.reason ? `To turn it on: ${capability.reason}.` : null}
      </Banner>
    );
  }
  return <>{children}</>;
}
