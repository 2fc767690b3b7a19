import type { Config } from "tailwindcss";

// shadcn/ui's token scheme: every colour is a CSS variable (src/index.css), light and dark.
const token = (name: string) => `hsl(var(--${name}) / <alpha-value>)`;

export default {
  darkMode: "class",
  content: ["./index.html", "./src/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        border: token("border"),
        input: token("input"),
        ring: token("ring"),
        background: token("background"),
        foreground: token("foreground"),
        primary: { DEFAULT: token("primary"), foreground: token("primary-foreground") },
        secondary: { DEFAULT: token("secondary"), foreground: token("secondary-foreground") },
        destructive: { DEFAULT: token("destructive"), foreground: token("destructive-foreground") },
        muted: { DEFAULT: token("muted"), foreground: token("muted-foreground") },
        accent: { DEFAULT: token("accent"), foreground: token("accent-foreground") },
        popover: { DEFAULT: token("popover"), foreground: token("popover-foreground") },
        card: { DEFAULT: token("card"), foreground: token("card-foreground") },
        ui: { DEFAULT: token("ui"), soft: token("ui-soft") },
        mixed: { DEFAULT: token("mixed"), soft: token("mixed-soft") },
        logic: { DEFAULT: token("logic"), soft: token("logic-soft") },
        pure: { DEFAULT: token("pure"), soft: token("pure-soft") },
        impure: { DEFAULT: token("impure"), soft: token("impure-soft") },
      },
      borderRadius: { lg: "var(--radius)", md: "calc(var(--radius) - 2px)", sm: "calc(var(--radius) - 4px)" },
      fontFamily: {
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "D2Coding", "monospace"],
      },
    },
  },
  plugins: [],
} satisfies Config;
