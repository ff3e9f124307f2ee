/**
 * The no-JavaScript pages' only style sheet, inline (the CSP allows inline styles, and the page
 * then needs no second request). The colours are the JS page's (client/src/common/base.css), which
 * meet WCAG AA on white; every control is at least 48 px high; focus is a 3 px outline.
 */
export const BASIC_FORM_CSS = `
:root{--text:#1b1b1b;--muted:#4b5563;--border:#6b7280;--primary:#0b5394;--primary-dark:#083d6d;
--primary-soft:#e6f0fa;--error:#b3261e;--error-soft:#fdecea;--ok:#1e6b34;--focus:#0b0c0c;color-scheme:light}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;
font-size:1.0625rem;line-height:1.5;color:var(--text);background:#fff}
main{display:block;max-width:40rem;margin:0 auto;padding:1rem 1rem 3rem}
h1,h2,h3{line-height:1.25;margin:0 0 .75rem}
h1{font-size:1.625rem}h2{font-size:1.25rem}h3{font-size:1.0625rem}
p{margin:0 0 1rem}
a{color:var(--primary)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.language{display:flex;flex-wrap:wrap;align-items:center;justify-content:flex-end;gap:.25rem .75rem;margin-bottom:1rem}
.language ul{display:flex;flex-wrap:wrap;gap:.25rem;margin:0;padding:0;list-style:none}
.language a,.language [aria-current]{display:inline-flex;align-items:center;min-height:44px;min-width:44px;padding:0 .5rem}
.language [aria-current]{font-weight:600}
.survey-header{margin-bottom:1rem}
.muted,.hint,.help,.condition{color:var(--muted)}
.hint{font-size:.9375rem}
.notice{background:var(--primary-soft);border-inline-start:4px solid var(--primary);padding:.75rem 1rem;margin-bottom:1.5rem}
.notice.problem{background:var(--error-soft);border-color:var(--error)}
.notice p:last-child{margin-bottom:0}
.error-summary{border:4px solid var(--error);padding:1rem;margin-bottom:2rem}
.error-summary ul{margin:0;padding-inline-start:1.25rem}
.error-summary li{margin:.25rem 0}
.error-summary a{color:var(--error);font-weight:600;display:inline-block;vertical-align:top;padding:.375rem 0}
fieldset{border:0;padding:0;margin:0;min-width:0}
.question{margin:0 0 2rem}
.question:target{outline:3px solid var(--focus);outline-offset:.5rem}
.question.invalid{border-inline-start:4px solid var(--error);padding-inline-start:.875rem}
.group{margin:2rem 0 1rem}
.group>legend{padding:0;margin-bottom:.5rem}
.group>legend h2{margin:0}
.display{margin:1.5rem 0}
.label{display:block;font-weight:600;font-size:1.125rem;margin-bottom:.5rem;padding:0}
.label label{display:block}
.required{font-weight:400;color:var(--muted)}
.condition{font-style:italic;margin-bottom:.5rem}
.help{margin-bottom:.5rem}
.error{color:var(--error);font-weight:600;margin:0 0 .5rem}
.options{display:grid;gap:.5rem}
.option{display:flex;align-items:center;gap:.75rem;min-height:48px;padding:.5rem .75rem;
border:2px solid var(--border);border-radius:8px;cursor:pointer;background:#fff}
.option:has(input:checked){border-color:var(--primary);background:var(--primary-soft)}
.option:has(input:focus-visible){outline:3px solid var(--focus);outline-offset:2px}
.option input{width:1.5rem;height:1.5rem;margin:0;flex:none;accent-color:var(--primary)}
.option input:focus-visible{outline:none}
.options.scale{grid-template-columns:repeat(auto-fill,minmax(3rem,1fr))}
.option.point{flex-direction:column;justify-content:center;gap:.25rem;padding:.5rem .25rem;min-height:4rem;text-align:center;font-weight:600}
.scale-ends{display:flex;justify-content:space-between;gap:1rem;margin-top:.5rem;color:var(--muted);font-size:.9375rem}
.scale-ends span:last-child{text-align:end}
input,textarea,button{font:inherit;color:inherit}
input[type=text],input[type=date],textarea{font-size:max(1rem,16px);min-height:48px;padding:.5rem .625rem;
border:2px solid var(--border);border-radius:4px;background:#fff;max-width:100%}
input.number{width:10rem}
textarea{width:100%;resize:vertical}
[aria-invalid=true]{border-color:var(--error)}
.actions{margin-top:2rem}
button.primary,a.button{display:inline-flex;align-items:center;justify-content:center;min-height:48px;min-width:48px;
padding:.5rem 1.25rem;border-radius:6px;border:2px solid var(--primary);background:var(--primary);color:#fff;
font-weight:600;cursor:pointer;text-decoration:none;width:100%}
button.primary:hover,a.button:hover{background:var(--primary-dark);border-color:var(--primary-dark)}
.thanks h1{color:var(--ok)}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
@media (min-width:40rem){main{padding-top:2rem}button.primary,a.button{width:auto}}
`;
