// A module Worker from a URL beside the calling module. A worker must come from the page's origin:
// when the module was loaded from elsewhere (a CDN), a same-origin blob imports it.
export function moduleWorker(url) {
  const src =
    url.origin === location.origin
      ? url
      : URL.createObjectURL(
          new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' }),
        );
  return new Worker(src, { type: 'module' });
}
