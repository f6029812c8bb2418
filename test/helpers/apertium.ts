import { findApertium } from '../../src/writing/translate/apertium.ts';
import { servicesRequired } from '../store/helpers.ts';

/**
 * Whether the real Apertium (Debian `apertium` + `apertium-eng-spa`, installed by .ci/run) can run here. In CI
 * (CI=true or VIDEOGEN_REQUIRE_SERVICES=1) a missing one throws, so a green CI proves the real translator ran;
 * elsewhere the suite is skipped with a loud warning.
 */
export function apertiumAvailable(what: string): boolean {
  if (findApertium(process.env.PATH)) return true;
  if (servicesRequired()) throw new Error(`${what} needs apertium and apertium-eng-spa (CI=true): apt-get install -y apertium apertium-eng-spa`);
  console.warn(`\n!!! SKIPPED: ${what} — apertium is not installed (apt-get install apertium apertium-eng-spa). These tests did NOT run. !!!\n`);
  return false;
}
