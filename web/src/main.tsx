import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./index.css";
import { loadConfig } from "./config";
import { App } from "./App";
import { I18nProvider, translate, initialLang } from "./i18n";

const root = createRoot(document.getElementById("root")!);

loadConfig()
  .then(() => {
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  })
  .catch((err: unknown) => {
    const lang = initialLang();
    root.render(
      <I18nProvider>
        <main className="mx-auto mt-24 max-w-lg p-6" role="alert">
          <h1 className="text-lg font-semibold">{translate(lang, "error.config")}</h1>
          <p className="mt-2 text-sm text-muted-foreground">{err instanceof Error ? err.message : String(err)}</p>
        </main>
      </I18nProvider>,
    );
  });
