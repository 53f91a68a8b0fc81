// Helpers for the offline-reading test: a feed with several pictures (stored, a tracking pixel, a missing one),
// blocking every request of the page that leaves the app's origin (and counting them), and what the article
// frame shows of its pictures.

/** A feed whose articles show pictures of the feed server: what each must look like offline is in its text. */
export const GALLERY_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Expect: channel "田園畫報" with 2 items. g2 shows radish.png (stored), pixel.gif (1x1: a tracking pixel,
     not stored, not shown) and nope.png (404: a placeholder linking to it). g1 shows night-market.png, the
     same picture as city-news.rss's night-market article (stored once). -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>田園畫報</title>
    <link>http://gallery.example/</link>
    <description>pictures of the countryside</description>
    <item>
      <title>蘿蔔豐收</title>
      <link>http://gallery.example/radish</link>
      <guid isPermaLink="false">g2</guid>
      <pubDate>Sat, 21 Nov 2026 10:00:00 +0800</pubDate>
      <content:encoded><![CDATA[<p>今年的蘿蔔大豐收。</p>
<p><img src="/img/radish.png" alt="蘿蔔"></p>
<p><img src="/img/pixel.gif" alt=""></p>
<p>田裡還有一張照片：<img src="/img/nope.png" alt="不見的照片"></p>]]></content:encoded>
    </item>
    <item>
      <title>夜市攤位巡禮</title>
      <link>http://gallery.example/night-market</link>
      <guid isPermaLink="false">g1</guid>
      <pubDate>Sat, 21 Nov 2026 08:00:00 +0800</pubDate>
      <content:encoded><![CDATA[<p>夜市入口。</p><p><img src="/img/night-market.png" alt="夜市入口"></p>]]></content:encoded>
    </item>
  </channel>
</rss>
`;

/** From now on the page may only reach `origin`: anything else is aborted and its URL kept in the returned
 *  list. `delay(url)` may hold a request of the app's own (milliseconds) to make pictures arrive late. */
export async function blockOtherOrigins(page, origin, delay = () => 0) {
  const blocked = [];
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== origin) {
      blocked.push(url);
      await route.abort('blockedbyclient');
      return;
    }
    const ms = delay(url);
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
  return blocked;
}

/** What the reader frame shows of pictures: each <img> (src, naturalWidth, complete), each placeholder link,
 *  and whether any address of a tracking pixel is left. */
export function framePictures(page) {
  return page.frameLocator('#reader-frame').locator('html').evaluate((html) => ({
    images: [...html.querySelectorAll('img')].map((img) => ({
      src: img.getAttribute('src'),
      url: img.currentSrc || img.src,
      width: img.naturalWidth,
      complete: img.complete,
    })),
    placeholders: [...html.querySelectorAll('a.jb-picture-missing')].map((a) => a.getAttribute('href')),
    pixel: html.innerHTML.includes('pixel.gif'),
  }));
}

/** Waits until every picture of the open article has loaded or failed. */
export function picturesSettled(ui) {
  return ui.waitUntil('the pictures of the article to settle', () => {
    const doc = document.querySelector('#reader-frame').contentDocument;
    return doc && [...doc.images].every((img) => img.complete);
  });
}
