// The stylesheet of the article frame, as a string: it is inlined into the frame's srcdoc because the desktop
// app's CSP (connect-src ipc: only) forbids fetching a .css file to inline it. The theme follows the
// <html data-theme> the frame is given (system, light, dark); the text size its --font-scale.

/** The dark theme's colours: for a dark system preference, or when dark is chosen. */
const dark = '--text: #e2e5e9; --muted: #a3abb5; --link: #7db7f5; --rule: #3a4048; --quote: #24282e;';

export const readerStyle = `
:root {
  color-scheme: light dark;
  --text: #1f2328;
  --muted: #5b636e;
  --link: #0b5cad;
  --rule: #d8dde3;
  --quote: #f4f6f8;
}
:root[data-theme="light"] { color-scheme: light; }
:root[data-theme="dark"] {
  color-scheme: dark;
  ${dark}
}
@media (prefers-color-scheme: dark) {
  :root:not([data-theme="light"]) { ${dark} }
}
html { background: transparent; }
body {
  margin: 0;
  padding: 0 0 2em;
  color: var(--text);
  font-family: "Noto Serif CJK TC", "Noto Sans CJK TC", "Source Han Serif TC", "PingFang TC",
    "Microsoft JhengHei", "Noto Serif", Georgia, serif;
  /* --font-scale: the reader's text size step (comfort.js), set on <html>. */
  font-size: calc(1.0625rem * var(--font-scale, 1));
  line-height: 1.8;
  overflow-wrap: anywhere;
  text-align: justify;
}
.body { max-width: 40em; }
p { margin: 0 0 1em; }
h1, h2, h3, h4 { line-height: 1.4; margin: 1.4em 0 0.6em; }
a { color: var(--link); }
img, video, svg { max-width: 100%; height: auto; }
/* A picture not stored (yet): a small box that links to the original. */
a.jb-picture-missing { display: inline-block; min-width: 2.5em; padding: 0.3em 0.6em; border: 1px dashed currentColor;
  border-radius: 4px; opacity: 0.7; text-decoration: none; font-size: 0.85em; }
a.jb-picture-missing::before { content: "🖼 "; }
figure { margin: 1em 0; }
figcaption { color: var(--muted); font-size: 0.9em; }
blockquote {
  margin: 1em 0;
  padding: 0.5em 1em;
  border-left: 3px solid var(--rule);
  background: var(--quote);
}
pre, code { font-family: "Noto Sans Mono CJK TC", ui-monospace, monospace; font-size: 0.9em; }
pre { overflow-x: auto; padding: 0.75em; background: var(--quote); }
table { border-collapse: collapse; max-width: 100%; }
td, th { border: 1px solid var(--rule); padding: 0.3em 0.6em; }
hr { border: 0; border-top: 1px solid var(--rule); }
`;
