//! Our own pages in `tests/fixtures/pages/`, each saying at its top what must be extracted: a Chinese news page
//! with side lists and comments, a Discuz! X portal article, and a short GBK government notice beside a longer
//! comment thread (a page Readability reads wrong).

use jianbao::decode::decode;
use jianbao::extract::{Extracted, extract_article};
use jianbao::sanitize::Sanitizer;
use url::Url;

fn extract(file: &str, page_url: &str) -> Extracted {
    let path = format!("{}/tests/fixtures/pages/{file}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    let page = decode(&bytes, None);
    assert!(!page.had_errors, "{file} decodes cleanly");
    extract_article(&page.text, &Url::parse(page_url).unwrap()).expect("an article")
}

fn assert_absent(article: &Extracted, phrases: &[&str]) {
    for phrase in phrases {
        assert!(!article.text.contains(phrase), "{phrase:?} should not be in:\n{}", article.text);
    }
}

#[test]
fn a_chinese_news_page_yields_its_article_without_side_lists_or_comments() {
    let page = "http://news.example.cn/city/2024/05/t20240518_1234.html";
    let a = extract("zh-news-sidebars.html", page);
    assert_eq!(a.title.as_deref(), Some("萍乡湘东区滨河公园正式开园_城市新闻_萍城日报网"));
    assert_eq!(a.published.as_deref(), Some("2024-05-18T09:30:00+08:00"));
    assert_eq!(a.lang.as_deref(), Some("zh-CN"));
    assert!(a.text.starts_with("5月18日上午") && a.text.ends_with("市民服务热线12345咨询。"), "{}", a.text);
    for opening in ["5月18日上午", "据介绍", "开园当天", "湘东区住房和城乡建设局", "市民如对公园"]
    {
        assert!(a.text.contains(opening), "{opening} in {}", a.text);
    }
    assert!(
        a.content_html.contains(r#"src="http://news.example.cn/city/2024/05/W020240518_park.jpg""#),
        "{}",
        a.content_html
    );
    assert!(a.content_html.contains(r#"href="http://news.example.cn/city/notice/park-rules.html""#));
    assert_absent(
        &a,
        &["首页", "热点排行", "推荐阅读", "中考报名", "分享到", "网友评论", "终于建好了", "版权所有", "责任编辑"],
    );
}

#[test]
fn a_discuz_portal_article_yields_its_body_with_pictures_from_their_lazy_attributes() {
    let page = "http://pingxiang.portal.example/news/202405/00000123.html";
    let a = extract("discuz-portal-article.html", page);
    assert_eq!(a.title.as_deref(), Some("武功山景區推出夜間觀星活動 - 萍鄉城事網"));
    assert_eq!(a.published.as_deref(), Some("2024-05-18T09:30:00+08:00"));
    assert!(a.text.starts_with("記者從武功山景區獲悉") && a.text.ends_with("可撥打景區服務電話諮詢。"), "{}", a.text);
    for src in ["data/attachment/portal/202405/18/093012xk.jpg", "data/attachment/portal/202405/18/093544tent.jpg"] {
        let absolute = format!(r#"src="http://pingxiang.portal.example/{src}""#);
        assert!(a.content_html.contains(&absolute), "{absolute} in {}", a.content_html);
    }
    assert!(!a.content_html.contains("none.gif"), "{}", a.content_html);
    assert!(a.content_html.contains(r#"href="http://pingxiang.portal.example/news/202405/00000120.html""#));
    assert_absent(
        &a,
        &["摘要", "鮮花", "相關閱讀", "最新評論", "看星星的貓", "請登錄後發表評論", "熱門文章", "Powered by"],
    );
    // The sanitizer keeps the pictures: they are what the reader stores.
    let clean = Sanitizer::new(Some(&Url::parse(page).unwrap())).html(&a.content_html);
    assert_eq!(clean.matches("<img").count(), 2, "{clean}");
}

#[test]
fn a_short_gbk_notice_beats_the_longer_comment_thread_readability_would_take() {
    let page = "http://www.xiangdong.gov.example/zwgk/gzdt/202406/t20240603_88.html";
    let a = extract("zh-gov-brief-gbk.html", page);
    assert_eq!(a.title.as_deref(), Some("湘东区启动2024年夏季防汛应急演练"));
    assert_eq!(a.published.as_deref(), Some("2024-06-03T10:15:00+08:00"));
    assert!(a.text.starts_with("6月3日上午") && a.text.ends_with("确保安全度汛。"), "{}", a.text);
    assert_absent(&a, &["网友", "留言", "演练很有必要", "相关链接", "防汛工作部署会", "网站地图", "发布时间"]);
}
