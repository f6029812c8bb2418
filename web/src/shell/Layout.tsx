import { useEffect, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { hasRole, useAuth, useUser } from '../auth.tsx';
import { useCapabilities } from '../capabilities.ts';
import { applyTheme, storedTheme, watchSystemTheme, type ThemeChoice } from '../theme.ts';
import type { Capabilities, Role } from '../api/types.ts';

interface NavItem {
  to: string;
  label: string;
  role?: Role;
  /** Shown only when the server supports it. */
  needs?: keyof Omit<Capabilities, 'version'>;
}

const SECTIONS: { heading?: string; items: NavItem[] }[] = [
  {
    items: [
      { to: '/', label: 'Home' },
      { to: '/create', label: 'New video', role: 'editor' },
      { to: '/builder', label: 'Builder', role: 'editor' },
      { to: '/jobs', label: 'Jobs' },
      { to: '/library', label: 'Library' },
      { to: '/multilingual', label: 'Multilingual', needs: 'multilingual' },
    ],
  },
  {
    heading: 'Publish',
    items: [
      { to: '/channels', label: 'Channels', needs: 'publishing' },
      { to: '/publications', label: 'Publications', needs: 'publishing' },
      { to: '/schedules', label: 'Schedules', needs: 'schedules' },
      { to: '/calendar', label: 'Calendar', needs: 'schedules' },
    ],
  },
  {
    heading: 'Account',
    items: [
      { to: '/settings', label: 'Settings' },
      { to: '/admin', label: 'Admin', role: 'admin' },
    ],
  },
];

function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  useEffect(() => watchSystemTheme(), []);
  return (
    <label className="row small">
      <span>Theme</span>
      <select
        value={choice}
        onChange={(event) => {
          const next = event.target.value as ThemeChoice;
          setChoice(next);
          applyTheme(next);
        }}
        style={{ width: 'auto', minHeight: 32 }}
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}

function Logo() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#4f46e5" />
      <path d="M12 9l11 7-11 7z" fill="#fff" />
    </svg>
  );
}

/** Every signed-in page: a sidebar (a menu on phones), a skip link, and the page in <main>. */
export function Layout({ children }: { children: ReactNode }) {
  const user = useUser();
  const { signOut } = useAuth();
  const capabilities = useCapabilities().data;
  const [menu, setMenu] = useState(false);
  const location = useLocation();
  useEffect(() => setMenu(false), [location.pathname]);

  const visible = (item: NavItem) => (!item.role || hasRole(user, item.role)) && (!item.needs || capabilities?.[item.needs]?.enabled === true);

  return (
    <div className="shell" data-menu={menu ? 'open' : 'closed'}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="topbar">
        <NavLink to="/" className="brand">
          <Logo />
          videogen
        </NavLink>
        <button type="button" className="btn" aria-expanded={menu} aria-controls="sidebar" onClick={() => setMenu((open) => !open)}>
          Menu
        </button>
      </div>
      <nav id="sidebar" className="sidebar" aria-label="Main">
        <NavLink to="/" className="brand">
          <Logo />
          videogen <span className="brand-tag">studio</span>
        </NavLink>
        {SECTIONS.map((section, i) => {
          const items = section.items.filter(visible);
          if (!items.length) return null;
          return (
            <div key={i}>
              {section.heading ? <div className="nav-heading">{section.heading}</div> : null}
              <ul className="nav">
                {items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.to === '/'}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
        <div className="sidebar-foot">
          <span className="muted who" title={user.email}>
            {user.email} · {user.role}
          </span>
          <ThemeSwitch />
          <button type="button" className="btn btn-small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
