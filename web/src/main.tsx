import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createI18n } from "./shared/i18n/i18n";
import { App } from "./App";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/components.css";
import "./styles/account.css";
import "./styles/notifications.css";

const i18n = createI18n();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App i18n={i18n} />
  </StrictMode>,
);
