//! The site's data: categories, members, articles, comments and reactions, and the questions pages and tests ask
//! of it (what a list shows, what the feed carries). No HTML here.

use super::catalogue;

/// The seed article (萍鄉:創新賦能高質量發展, 安源區政府, 2020-11-27 15:34, publisher admin, 來自 中國網).
pub const SEED_AID: u32 = 7264;
/// 城事資訊, a top category with the sub-categories 安源區政府 and 湘東區.
pub const CAT_CITY: u32 = 1;
/// 安源區政府 (under 城事資訊); its article template shows no view count, like the seed's site.
pub const CAT_ANYUAN: u32 = 2;
/// 湘東區 (under 城事資訊).
pub const CAT_XIANGDONG: u32 = 3;
/// 生活, a top category; a folder category (`shenghuo/`) in `Urls::Folder` mode.
pub const CAT_LIFE: u32 = 4;
/// 美食 (under 生活); a folder category (`shenghuo/meishi/`) in `Urls::Folder` mode.
pub const CAT_FOOD: u32 = 5;
/// An article of three pages (pager `.pg` with `a.nxt`, `#inner_nav`), in 生活.
pub const MULTIPAGE_AID: u32 = 7258;
pub const MULTIPAGE_PAGES: u32 = 3;
/// An article with 35 comments (the article page shows the newest 20; comment pages hold 25).
pub const MANY_COMMENTS_AID: u32 = 7261;
pub const MANY_COMMENTS: usize = 35;
/// An article with pictures: a plain `src`, a lazy `file=`/`zoomfile=` one and a thumbnail with `zoomfile=`.
pub const PICTURES_AID: u32 = 7255;
/// An article whose picture (in the body and the feed's enclosure) is missing on the server (404).
pub const BROKEN_PICTURE_AID: u32 = 7249;
/// An article with related articles (`#related_article`), 原作者 and a linked 來自, published by `author`.
pub const RELATED_AID: u32 = 7262;
/// The article published by the member `author` (who may not react to it).
pub const AUTHOR_AID: u32 = RELATED_AID;
/// A pending article (status 1): guests and other members get the view_article_no_exist message, its
/// publisher `author` sees the page with the title ending `(待審核)`. It is in no list and no feed.
pub const PENDING_AID: u32 = 7268;
/// An article only members may read: guests get the to_login message (alert_info with a login link).
pub const LOGIN_AID: u32 = 7266;
/// An article without a summary (no `.s` block).
pub const NO_SUMMARY_AID: u32 = 7251;
/// An aid that does not exist.
pub const MISSING_AID: u32 = 9999;

/// Articles per list page, comments on the article page, comments per comment page, items in a feed.
pub const LIST_PER_PAGE: usize = 15;
pub const COMMENTS_ON_ARTICLE: usize = 20;
pub const COMMENTS_PER_PAGE: usize = 25;
pub const FEED_ITEMS: usize = 20;

/// The cookie prefix: login sets `Pxc1_auth` and `Pxc1_saltkey`.
pub const COOKIE_PREFIX: &str = "Pxc1_";
/// Members who can sign in (username, password). `admin` (uid 1) publishes most articles and cannot sign in.
pub const MEMBERS: [(&str, &str); 2] = [("reader", "secret"), ("author", "secret")];
/// Reaction kinds by icon name (`static/image/click/{name}.gif`); the stock theme numbers them 1–5 in this order.
pub const REACTIONS: [&str; 5] = ["xianhua", "woshou", "leiren", "luguo", "jidan"];

/// Paths of bad input, relative to the base URL.
pub const LOOP_LIST_PATH: &str = "bad/loop.php";
pub const WRONG_ENCODING_PATH: &str = "bad/wrong-encoding.html";
pub const NOT_FOUND_PATH: &str = "bad/404.html";
pub const PLAIN_SITE_PATH: &str = "bad/plain.html";

#[derive(Clone, Debug)]
pub struct Category {
    pub catid: u32,
    pub upid: u32,
    pub name: &'static str,
    /// The folder (without slashes at the ends) in `Urls::Folder` mode.
    pub folder: Option<&'static str>,
    /// Whether its article template shows `查看: N`.
    pub shows_views: bool,
}

#[derive(Clone, Debug)]
pub struct Member {
    pub uid: u32,
    pub username: &'static str,
    pub password: &'static str,
    pub admin: bool,
}

/// A picture attachment of an article (path under `data/attachment/portal/`).
#[derive(Clone, Debug)]
pub struct Picture {
    pub file: String,
    pub width: u32,
    pub height: u32,
    /// Whether the server has the file (a broken one answers 404).
    pub present: bool,
}

#[derive(Clone, Debug)]
pub struct ArticlePage {
    /// The page's own title (shown in `#inner_nav` and atop the page), may be empty.
    pub title: String,
    /// The body HTML as stored.
    pub html: String,
}

#[derive(Clone, Debug)]
pub struct Article {
    pub aid: u32,
    pub catid: u32,
    pub uid: u32,
    /// The title as stored and shown.
    pub title: String,
    pub dateline: i64,
    pub author: Option<String>,
    pub from: Option<String>,
    pub fromurl: Option<String>,
    pub summary: String,
    pub pages: Vec<ArticlePage>,
    /// Attachments; the first is the list thumbnail and the feed's enclosure.
    pub pictures: Vec<Picture>,
    pub related: Vec<u32>,
    pub pending: bool,
    pub members_only: bool,
    pub viewnum: u32,
    /// Reaction counts by kind (the order of [`REACTIONS`]).
    pub clicks: [u32; 5],
}

#[derive(Clone, Debug)]
pub struct Comment {
    pub cid: u32,
    pub aid: u32,
    /// 0 for a guest.
    pub uid: u32,
    pub username: String,
    pub dateline: i64,
    pub message: String,
}

/// The whole site.
#[derive(Clone, Debug)]
pub struct Site {
    pub categories: Vec<Category>,
    pub members: Vec<Member>,
    /// By aid, ascending (which is also by date).
    pub articles: Vec<Article>,
    pub comments: Vec<Comment>,
    /// (uid, aid) pairs that reacted.
    pub clicked: Vec<(u32, u32)>,
}

impl Site {
    /// The site as every server starts it.
    pub fn new() -> Site {
        catalogue::site()
    }

    pub fn category(&self, catid: u32) -> Option<&Category> {
        self.categories.iter().find(|c| c.catid == catid)
    }

    /// Direct sub-categories.
    pub fn subs(&self, catid: u32) -> Vec<&Category> {
        self.categories.iter().filter(|c| c.upid == catid).collect()
    }

    /// The category and its ancestors, top first.
    pub fn path(&self, catid: u32) -> Vec<&Category> {
        let mut path = Vec::new();
        let mut at = self.category(catid);
        while let Some(cat) = at {
            path.insert(0, cat);
            at = self.category(cat.upid);
        }
        path
    }

    /// Top categories (the navigation).
    pub fn tops(&self) -> Vec<&Category> {
        self.categories.iter().filter(|c| c.upid == 0).collect()
    }

    /// The category's folder path in `Urls::Folder` mode (parents' folders first), if it is a folder category.
    pub fn folder_path(&self, catid: u32) -> Option<String> {
        self.category(catid)?.folder?;
        let folders: Option<Vec<&str>> = self.path(catid).iter().map(|c| c.folder).collect();
        Some(folders?.join("/"))
    }

    pub fn article(&self, aid: u32) -> Option<&Article> {
        self.articles.iter().find(|a| a.aid == aid)
    }

    pub fn article_mut(&mut self, aid: u32) -> Option<&mut Article> {
        self.articles.iter_mut().find(|a| a.aid == aid)
    }

    pub fn member(&self, uid: u32) -> Option<&Member> {
        self.members.iter().find(|m| m.uid == uid)
    }

    pub fn member_named(&self, username: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.username == username)
    }

    /// The category and all below it.
    fn with_descendants(&self, catid: u32) -> Vec<u32> {
        let mut ids = vec![catid];
        let mut i = 0;
        while i < ids.len() {
            let parent = ids[i];
            ids.extend(self.categories.iter().filter(|c| c.upid == parent).map(|c| c.catid));
            i += 1;
        }
        ids
    }

    /// What the category's list shows, newest first: its own and its sub-categories' published articles.
    pub fn list_aids(&self, catid: u32) -> Vec<u32> {
        let ids = self.with_descendants(catid);
        let mut list: Vec<&Article> = self.articles.iter().filter(|a| !a.pending && ids.contains(&a.catid)).collect();
        list.sort_by_key(|a| std::cmp::Reverse((a.dateline, a.aid)));
        list.into_iter().map(|a| a.aid).collect()
    }

    /// Pages of a category's list.
    pub fn list_pages(&self, catid: u32) -> usize {
        self.list_aids(catid).len().div_ceil(LIST_PER_PAGE).max(1)
    }

    /// What the feed carries, newest first: the category's own published articles (no sub-categories), or all
    /// published articles; at most [`FEED_ITEMS`].
    pub fn feed_aids(&self, catid: Option<u32>) -> Vec<u32> {
        let mut list: Vec<&Article> =
            self.articles.iter().filter(|a| !a.pending && catid.is_none_or(|c| a.catid == c)).collect();
        list.sort_by_key(|a| std::cmp::Reverse((a.dateline, a.aid)));
        list.into_iter().take(FEED_ITEMS).map(|a| a.aid).collect()
    }

    /// An article's comments, newest first.
    pub fn comments_of(&self, aid: u32) -> Vec<&Comment> {
        let mut list: Vec<&Comment> = self.comments.iter().filter(|c| c.aid == aid).collect();
        list.sort_by_key(|c| std::cmp::Reverse((c.dateline, c.cid)));
        list
    }

    /// The hash a reaction link carries (Discuz: md5 of the publisher's uid and the article's dateline).
    pub fn click_hash(&self, aid: u32) -> Option<String> {
        let a = self.article(aid)?;
        Some(super::text::digest(&format!("{}\t{}", a.uid, a.dateline), 32))
    }

    /// Adds an article dated an hour after the newest; returns its aid.
    pub fn add_article(&mut self, catid: u32, title: &str, paragraphs: &[&str]) -> u32 {
        let aid = self.articles.iter().map(|a| a.aid).max().unwrap_or(0) + 1;
        let dateline = self.articles.iter().map(|a| a.dateline).max().unwrap_or(0) + 3600;
        let html: String =
            paragraphs.iter().map(|p| format!("<p style=\"text-indent:2em\">{}</p>\n", super::text::esc(p))).collect();
        let summary = paragraphs
            .first()
            .map(|p| super::text::esc(&super::text::cut(super::Charset::Utf8, p, 240)))
            .unwrap_or_default();
        self.articles.push(Article {
            aid,
            catid,
            uid: 1,
            title: title.to_owned(),
            dateline,
            author: None,
            from: None,
            fromurl: None,
            summary,
            pages: vec![ArticlePage { title: String::new(), html }],
            pictures: Vec::new(),
            related: Vec::new(),
            pending: false,
            members_only: false,
            viewnum: 0,
            clicks: [0; 5],
        });
        aid
    }

    /// Adds a comment, newer than every other; an empty author is a guest.
    pub fn add_comment(&mut self, aid: u32, author: &str, text: &str) {
        let cid = self.comments.iter().map(|c| c.cid).max().unwrap_or(0) + 1;
        let newest = self.comments.iter().map(|c| c.dateline).chain(self.article(aid).map(|a| a.dateline)).max();
        let uid = match self.member_named(author) {
            Some(m) => m.uid,
            None if author.is_empty() => 0,
            None => 100 + cid,
        };
        self.comments.push(Comment {
            cid,
            aid,
            uid,
            username: author.to_owned(),
            dateline: newest.unwrap_or(0) + 600,
            message: super::text::esc(text),
        });
    }
}

impl Default for Site {
    fn default() -> Self {
        Site::new()
    }
}
