/**
 * What a hostile visitor sends: script tags, event handlers, javascript:/data: links, SVG and
 * MathML tricks, CSS that tries to escape the bubble, huge lines, RTL overrides, malformed HTML,
 * and structured content carrying the same. Anything that runs sets `data-pwned` on the page's
 * <html> (the DOM is shared by the page's and the content script's worlds) or changes the title.
 */
export const PWN = "document.documentElement.setAttribute('data-pwned','1');document.title='pwned'";

export interface HostileLine {
  text: string;
  textType: 'plain' | 'html' | 'rich-content';
  json?: unknown;
}

const html = (text: string): HostileLine => ({ text, textType: 'html' });
const plain = (text: string): HostileLine => ({ text, textType: 'plain' });
const rich = (text: string, json: unknown): HostileLine => ({ text, textType: 'rich-content', json });

const COVER = 'position:fixed;top:0;left:0;width:100vw;height:100vh;background:red;z-index:2147483647';

export const HOSTILE_LINES: HostileLine[] = [
  html(`<script>${PWN}</script>script tag`),
  html(`<img src=x onerror="${PWN}">img onerror`),
  html(`<svg onload="${PWN}"><circle r=5 /></svg>svg onload`),
  html(`<svg><script>${PWN}</script></svg>svg script`),
  html(`<svg><a xlink:href="javascript:${PWN}"><text y=10>svg link</text></a></svg>`),
  html(`<svg><animate onbegin="${PWN}" attributeName=x dur=1s /></svg>svg animate`),
  html(`<a href="javascript:${PWN}">javascript link</a>`),
  html(`<a href="JaVaScRiPt:${PWN}">mixed-case javascript link</a>`),
  html(`<a href="  javascript:${PWN}">spaced javascript link</a>`),
  html(`<a href="&#106;avascript:${PWN}">entity javascript link</a>`),
  html(`<a href="java&#x09;script:${PWN}">tab javascript link</a>`),
  html(`<a href="data:text/html,<script>${PWN}</script>">data link</a>`),
  html(`<a href="vbscript:msgbox(1)">vbscript link</a>`),
  html(`<a href="https://example.com/ok" onclick="${PWN}">link with onclick</a>`),
  html(`<a href="https://example.com/self" target="_self">link to _self</a>`),
  html(`<iframe src="javascript:${PWN}"></iframe>iframe javascript`),
  html(`<iframe srcdoc="<script>parent.${PWN}</script>"></iframe>iframe srcdoc`),
  html(`<body onload="${PWN}">body onload</body>`),
  html(`<details open ontoggle="${PWN}"><summary>details ontoggle</summary></details>`),
  html(`<video><source onerror="${PWN}"></video>video source onerror`),
  html(`<audio src=x onerror="${PWN}"></audio>audio onerror`),
  html(`<input autofocus onfocus="${PWN}">input onfocus`),
  html(`<marquee onstart="${PWN}">marquee onstart</marquee>`),
  html(`<object data="javascript:${PWN}"></object>object`),
  html(`<embed src="javascript:${PWN}">embed`),
  html(`<form action="javascript:${PWN}"><button>form</button></form>`),
  html(`<button formaction="javascript:${PWN}">formaction</button>`),
  html(`<math><mtext><table><mglyph><style><img src=x onerror="${PWN}">mxss math`),
  html(`<noscript><p title="</noscript><img src=x onerror=${PWN}>">noscript`),
  html(`<template><script>${PWN}</script></template>template`),
  html(`<textarea><img src=x onerror=${PWN}></textarea>textarea`),
  html(`<select><option><img src=x onerror=${PWN}></option></select>select`),
  html(`<x-custom onclick="${PWN}">custom element</x-custom>`),
  html(`<b onmouseover="${PWN}">bold with onmouseover</b>`),
  html(`<img src="https://tracker.example/pixel.png">tracking pixel`),
  html(`<meta http-equiv="refresh" content="0;url=javascript:${PWN}">meta refresh`),
  html(`<base href="javascript:${PWN}//">base href`),
  html(`<link rel="stylesheet" href="https://evil.example/x.css">stylesheet link`),
  html(`<style>*{display:none!important}</style>style hides everything`),
  html(`<style>@import 'https://evil.example/x.css';</style>style import`),
  html(`<p style="${COVER}">fixed cover</p>`),
  html(`<div style="width:5000px;height:3000px;background:blue">wide div</div>`),
  html(`<span style="position:absolute;top:-500px;left:-500px">absolute escape</span>`),
  html(`<table background="javascript:${PWN}"><tr><td>table background</td></tr></table>`),
  html(`<scr<script>ipt>${PWN}</scr</script>ipt>nested script`),
  html(`<<script>${PWN}//<</script>double angle`),
  html(`<img src=x:alert(1) onerror=${PWN}//`),
  html(`</span></div></div><img src=x onerror="${PWN}">breakout`),
  html(`<p>unclosed <b>bold <i>italic <a href="https://example.com/unclosed">unclosed link`),
  html(`${'<ul><li>'.repeat(120)}deep nesting${'</li></ul>'.repeat(120)}`),
  html(`<b>${'W'.repeat(8000)}</b>`),
  plain(`"><img src=x onerror=${PWN}>plain text with markup`),
  plain(`<script>${PWN}</script>plain script`),
  plain('A'.repeat(9000)),
  plain('\u202Egnp.exe\u202C invoice (RTL override)'),
  plain('\u202Dforced LTR\u202E then forced RTL with no end'),
  plain('שלום \u2067isolate\u2069 مرحبا mixed bidi'),
  plain(`Z${'\u0336\u0337\u0338'.repeat(150)} zalgo`),
  plain(`${'line\n'.repeat(200)}many newlines`),
  rich('rich text with markup', { type: 'vertical', elements: [{ type: 'text', text: `<img src=x onerror="${PWN}">rich text` }] }),
  rich('rich javascript image', { type: 'image', url: `javascript:${PWN}`, alt: 'rich javascript image' }),
  rich('rich button', { type: 'button', title: `<script>${PWN}</script>rich button`, click: { actions: [{ type: 'link', uri: `javascript:${PWN}` }] } }),
  rich('rich deep nesting', JSON.parse(`${'{"type":"vertical","elements":['.repeat(60)}{"type":"text","text":"rich deep"}${']}'.repeat(60)}`)),
  rich('rich junk', { type: 'horizontal', elements: 'not a list', style: { position: 'fixed' } }),
];
