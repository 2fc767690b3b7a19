import { useCallback } from "react";
import { Link, NavLink, Outlet, useNavigate } from "react-router-dom";
import { BarChart3, FolderSearch, Languages, LogOut, Moon, Plus, Sun, User, Users } from "lucide-react";
import { useAuth } from "@/auth/AuthProvider";
import { LANGS, useI18n, type Lang } from "@/i18n";
import { useTheme, type ThemeChoice } from "@/lib/theme";
import { focusSearch, useShortcut } from "@/lib/keys";
import { useMe } from "@/hooks";
import { cn } from "@/lib/utils";
import { Button } from "./ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./ui/dropdown";
import { LiveIndicator } from "./common";

export function Shell() {
  const { t, lang, setLang } = useI18n();
  const { dark, choice, setChoice } = useTheme();
  const { signOut, session } = useAuth();
  const me = useMe();
  const navigate = useNavigate();
  useShortcut("/", useCallback(() => void focusSearch(), []));

  const nav = [
    { to: "/", label: t("nav.analyses"), icon: <FolderSearch aria-hidden />, end: true },
    { to: "/new", label: t("nav.new"), icon: <Plus aria-hidden />, end: false },
    { to: "/teams", label: t("nav.teams"), icon: <Users aria-hidden />, end: false },
    { to: "/stats", label: t("nav.stats"), icon: <BarChart3 aria-hidden />, end: false },
  ];

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2"
      >
        {t("nav.skip")}
      </a>
      <header className="sticky top-0 z-40 border-b bg-background/95 backdrop-blur">
        <div className="mx-auto flex h-12 max-w-screen-2xl items-center gap-2 px-3 sm:gap-4 sm:px-4">
          <Link to="/" className="flex items-center gap-2 rounded font-semibold" aria-label={t("app.name")}>
            <svg viewBox="0 0 32 32" className="h-6 w-6" aria-hidden>
              <rect width="32" height="32" rx="6" className="fill-primary" />
              <path d="M9 22V10h7a4 4 0 0 1 0 8h-7" stroke="currentColor" strokeWidth="3" fill="none" className="text-primary-foreground" />
            </svg>
            <span className="hidden sm:inline">purelift</span>
          </Link>
          <nav aria-label={t("nav.main")} className="flex min-w-0 items-center gap-0.5 overflow-x-auto">
            {nav.map((n) => (
              <NavLink
                key={n.to}
                to={n.to}
                end={n.end}
                className={({ isActive }) =>
                  cn(
                    "flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-muted-foreground hover:bg-accent hover:text-foreground [&_svg]:h-4 [&_svg]:w-4",
                    isActive && "bg-accent text-foreground",
                  )
                }
              >
                {n.icon}
                <span className="hidden md:inline">{n.label}</span>
                <span className="sr-only md:hidden">{n.label}</span>
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-1">
            <LiveIndicator />
            <Button
              variant="ghost"
              size="icon"
              aria-label={t("theme.toggle")}
              aria-pressed={dark}
              onClick={() => setChoice(dark ? "light" : "dark")}
            >
              {dark ? <Sun aria-hidden /> : <Moon aria-hidden />}
            </Button>
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="sm" className="max-w-[14rem]">
                  <User aria-hidden />
                  <span className="sr-only">{t("menu.account")}: </span>
                  <span className="hidden truncate sm:inline">{me.data?.email ?? me.data?.user_id ?? session?.label ?? ""}</span>
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent className="w-56">
                {me.data && (
                  <DropdownMenuLabel>
                    {me.data.user_id} · {t(`role.${me.data.role}`)}
                  </DropdownMenuLabel>
                )}
                <DropdownMenuSeparator />
                <DropdownMenuLabel>
                  <span className="inline-flex items-center gap-1">
                    <Languages className="h-3 w-3" aria-hidden />
                    {t("menu.language")}
                  </span>
                </DropdownMenuLabel>
                <DropdownMenuRadioGroup value={lang} onValueChange={(v) => setLang(v as Lang)}>
                  {LANGS.map((l) => (
                    <DropdownMenuRadioItem key={l.code} value={l.code} lang={l.code}>
                      {l.label}
                    </DropdownMenuRadioItem>
                  ))}
                </DropdownMenuRadioGroup>
                <DropdownMenuSeparator />
                <DropdownMenuLabel>{t("menu.theme")}</DropdownMenuLabel>
                <DropdownMenuRadioGroup value={choice} onValueChange={(v) => setChoice(v as ThemeChoice)}>
                  <DropdownMenuRadioItem value="system">{t("theme.system")}</DropdownMenuRadioItem>
                  <DropdownMenuRadioItem value="light">{t("theme.light")}</DropdownMenuRadioItem>
                  <DropdownMenuRadioItem value="dark">{t("theme.dark")}</DropdownMenuRadioItem>
                </DropdownMenuRadioGroup>
                <DropdownMenuSeparator />
                <DropdownMenuItem
                  onSelect={() => {
                    signOut();
                    navigate("/signin", { replace: true }); // the next user starts at home, not on this page
                  }}
                >
                  <LogOut aria-hidden />
                  {t("menu.signout")}
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-screen-2xl flex-1 px-3 py-4 focus:outline-none sm:px-4">
        <Outlet />
      </main>
    </div>
  );
}
