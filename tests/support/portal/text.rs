//! Words and bytes: the template's labels and Discuz's message texts per edition, HTML escaping, the site's
//! date format, and encoding a finished page into the configured charset.

use super::{Charset, Theme};
use chrono::{FixedOffset, TimeZone};

/// The template's words. The GBK edition is the simplified-Chinese build; UTF-8 and BIG5 show traditional text.
pub struct Labels {
    pub home: &'static str,
    pub portal: &'static str,
    pub forum: &'static str,
    pub view_content: &'static str,
    pub comment_view: &'static str,
    pub date: &'static str,
    pub publisher: &'static str,
    pub views: &'static str,
    pub comments: &'static str,
    pub original_author: &'static str,
    pub from: &'static str,
    pub summary: &'static str,
    pub next: &'static str,
    pub prev: &'static str,
    pub total: &'static str,
    pub pages: &'static str,
    pub page_jump: &'static str,
    pub subscribe: &'static str,
    pub publish: &'static str,
    pub category: &'static str,
    pub sub_category: &'static str,
    pub category_related: &'static str,
    pub related: &'static str,
    pub inner_nav: &'static str,
    pub page_pre: &'static str,
    pub page_post: &'static str,
    pub latest_comments: &'static str,
    pub all_comments: &'static str,
    pub post_comment: &'static str,
    pub comment: &'static str,
    pub quote: &'static str,
    pub guest: &'static str,
    pub favorite: &'static str,
    pub share: &'static str,
    pub login: &'static str,
    pub logout: &'static str,
    pub register: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub question: &'static str,
    pub question_none: &'static str,
    pub auto_login: &'static str,
    pub moderate_need: &'static str,
    pub board_message: &'static str,
    pub forward: &'static str,
    pub go_back: &'static str,
    pub member_group: &'static str,
    pub admin_group: &'static str,
    /// Reaction names by icon: xianhua, woshou, leiren, luguo, jidan.
    pub reactions: [&'static str; 5],
}

const HANT: Labels = Labels {
    home: "首頁",
    portal: "門戶",
    forum: "論壇",
    view_content: "查看內容",
    comment_view: "評論",
    date: "時間",
    publisher: "發布者",
    views: "查看",
    comments: "評論",
    original_author: "原作者",
    from: "來自",
    summary: "摘要",
    next: "下一頁",
    prev: "&lsaquo;&lsaquo;",
    total: "共",
    pages: "頁",
    page_jump: "輸入頁碼，按回車快速跳轉",
    subscribe: "訂閱",
    publish: "發布文章",
    category: "分類",
    sub_category: "下級分類",
    category_related: "相關分類",
    related: "相關閱讀",
    inner_nav: "文章導讀",
    page_pre: "第",
    page_post: "頁",
    latest_comments: "最新評論",
    all_comments: "查看全部評論",
    post_comment: "發表評論",
    comment: "評論",
    quote: "引用",
    guest: "游客",
    favorite: "收藏",
    share: "分享",
    login: "登錄",
    logout: "退出",
    register: "立即註冊",
    username: "用戶名",
    password: "密碼",
    question: "安全提問",
    question_none: "安全提問(未設置請忽略)",
    auto_login: "自動登錄",
    moderate_need: "待審核",
    board_message: "提示信息",
    forward: "如果您的瀏覽器沒有自動跳轉，請點擊此鏈接",
    go_back: "[ 點擊這裡返回上一頁 ]",
    member_group: "註冊會員",
    admin_group: "管理員",
    reactions: ["鮮花", "握手", "雷人", "路過", "雞蛋"],
};

const HANS: Labels = Labels {
    home: "首页",
    portal: "门户",
    forum: "论坛",
    view_content: "查看内容",
    comment_view: "评论",
    date: "时间",
    publisher: "发布者",
    views: "查看",
    comments: "评论",
    original_author: "原作者",
    from: "来自",
    summary: "摘要",
    next: "下一页",
    prev: "&lsaquo;&lsaquo;",
    total: "共",
    pages: "页",
    page_jump: "输入页码，按回车快速跳转",
    subscribe: "订阅",
    publish: "发布文章",
    category: "分类",
    sub_category: "下级分类",
    category_related: "相关分类",
    related: "相关阅读",
    inner_nav: "文章导读",
    page_pre: "第",
    page_post: "页",
    latest_comments: "最新评论",
    all_comments: "查看全部评论",
    post_comment: "发表评论",
    comment: "评论",
    quote: "引用",
    guest: "游客",
    favorite: "收藏",
    share: "分享",
    login: "登录",
    logout: "退出",
    register: "立即注册",
    username: "用户名",
    password: "密码",
    question: "安全提问",
    question_none: "安全提问(未设置请忽略)",
    auto_login: "自动登录",
    moderate_need: "待审核",
    board_message: "提示信息",
    forward: "如果您的浏览器没有自动跳转，请点击此链接",
    go_back: "[ 点击这里返回上一页 ]",
    member_group: "注册会员",
    admin_group: "管理员",
    reactions: ["鲜花", "握手", "雷人", "路过", "鸡蛋"],
};

/// The modified theme's words where real sites change them (traditional; the GBK edition keeps the stock words).
const MODIFIED_HANT: Labels =
    Labels { publisher: "作者", views: "閱讀", from: "來源", next: "下一頁 &rsaquo;", ..HANT };
const MODIFIED_HANS: Labels =
    Labels { publisher: "作者", views: "阅读", from: "来源", next: "下一页 &rsaquo;", ..HANS };

/// The labels of an edition and theme.
pub fn labels(charset: Charset, theme: Theme) -> &'static Labels {
    match (charset, theme) {
        (Charset::Gbk, Theme::Stock) => &HANS,
        (Charset::Gbk, Theme::Modified) => &MODIFIED_HANS,
        (_, Theme::Stock) => &HANT,
        (_, Theme::Modified) => &MODIFIED_HANT,
    }
}

/// A Discuz message (`showmessage`) by its language key, as `source/language/lang_message.php` words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    ViewNoArticleId,
    ViewArticleNoExist,
    ToLogin,
    ClickError,
    ClickItemError,
    NoPrivilegeClick,
    ClickNoSelf,
    ClickHave,
    ClickSuccess,
    LoginSucceed,
    LoginInvalid,
    LoginStrike,
    SubmitInvalid,
    ListCategoryNoexist,
    CommentAidNoExist,
    LogoutSucceed,
}

impl Msg {
    /// The message's key in `lang_message.php`.
    pub fn key(self) -> &'static str {
        match self {
            Msg::ViewNoArticleId => "view_no_article_id",
            Msg::ViewArticleNoExist => "view_article_no_exist",
            Msg::ToLogin => "to_login",
            Msg::ClickError => "click_error",
            Msg::ClickItemError => "click_item_error",
            Msg::NoPrivilegeClick => "no_privilege_click",
            Msg::ClickNoSelf => "click_no_self",
            Msg::ClickHave => "click_have",
            Msg::ClickSuccess => "click_success",
            Msg::LoginSucceed => "login_succeed",
            Msg::LoginInvalid => "login_invalid",
            Msg::LoginStrike => "login_strike",
            Msg::SubmitInvalid => "submit_invalid",
            Msg::ListCategoryNoexist => "list_category_noexist",
            Msg::CommentAidNoExist => "comment_aid_no_exist",
            Msg::LogoutSucceed => "logout_succeed",
        }
    }

    /// The text, with `{name}` placeholders left for the caller.
    pub fn text(self, charset: Charset) -> &'static str {
        let hans = charset == Charset::Gbk;
        let (t, s) = match self {
            Msg::ViewNoArticleId => ("抱歉，您尚未正確指定要查看的文章 ID", "抱歉，您尚未正确指定要查看的文章 ID"),
            Msg::ViewArticleNoExist => {
                ("抱歉，您指定要查看的文章不存在或正在審核", "抱歉，您指定要查看的文章不存在或正在审核")
            }
            Msg::ToLogin => ("您需要先登錄才能繼續本操作", "您需要先登录才能继续本操作"),
            Msg::ClickError => ("沒有進行正常的表態操作", "没有进行正常的表态操作"),
            Msg::ClickItemError => ("要表態的對象不存在", "要表态的对象不存在"),
            Msg::NoPrivilegeClick => (
                "抱歉，您目前沒有權限進行表態，<a href=\"home.php?mod=spacecp&amp;ac=usergroup\" target=\"_blank\">點擊這裡查看權限</a>",
                "抱歉，您目前没有权限进行表态，<a href=\"home.php?mod=spacecp&amp;ac=usergroup\" target=\"_blank\">点击这里查看权限</a>",
            ),
            Msg::ClickNoSelf => ("自己不能給自己表態", "自己不能给自己表态"),
            Msg::ClickHave => ("您已經表過態了", "您已经表过态了"),
            Msg::ClickSuccess => ("參與表態完成了", "参与表态完成了"),
            Msg::LoginSucceed => (
                "歡迎您回來，{usergroup} {username}，現在將轉入登錄前頁面",
                "欢迎您回来，{usergroup} {username}，现在将转入登录前页面",
            ),
            Msg::LoginInvalid => ("登錄失敗，您還可以嘗試 {loginperm} 次", "登录失败，您还可以尝试 {loginperm} 次"),
            Msg::LoginStrike => ("密碼錯誤次數過多，請 15 分鐘後重新登錄", "密码错误次数过多，请 15 分钟后重新登录"),
            Msg::SubmitInvalid => (
                "抱歉，您的請求來路不正確或表單驗證串不符，無法提交",
                "抱歉，您的请求来路不正确或表单验证串不符，无法提交",
            ),
            Msg::ListCategoryNoexist => ("抱歉，您指定要查看的分類不存在", "抱歉，您指定要查看的分类不存在"),
            Msg::CommentAidNoExist => ("抱歉，您指定要查看的文章不存在", "抱歉，您指定要查看的文章不存在"),
            Msg::LogoutSucceed => (
                "您已退出站點，現在將以游客身份轉入退出前頁面，請稍候……",
                "您已退出站点，现在将以游客身份转入退出前页面，请稍候……",
            ),
        };
        if hans { s } else { t }
    }
}

/// Escapes text for HTML content and attribute values (Discuz's `dhtmlspecialchars`).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The site's time zone: UTC+8.
pub fn site_zone() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

/// A Unix time for a date and time on the site's clock.
pub fn site_time(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> i64 {
    site_zone().with_ymd_and_hms(year, month, day, hour, minute, 0).unwrap().timestamp()
}

/// Discuz's `dgmdate` default: `Y-n-j H:i` on the site's clock (month and day not zero-padded).
pub fn site_date(ts: i64) -> String {
    site_zone().timestamp_opt(ts, 0).unwrap().format("%Y-%-m-%-d %H:%M").to_string()
}

/// `Ym` on the site's clock, the folder of a static article page.
pub fn site_month(ts: i64) -> String {
    site_zone().timestamp_opt(ts, 0).unwrap().format("%Y%m").to_string()
}

/// `m-d` on the site's clock, as home-page blocks show dates.
pub fn site_short_date(ts: i64) -> String {
    site_zone().timestamp_opt(ts, 0).unwrap().format("%m-%d").to_string()
}

/// RFC 822 in GMT, as the feed's `gmdate('r')`.
pub fn rfc822(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0).unwrap().format("%a, %d %b %Y %H:%M:%S +0000").to_string()
}

/// The page's bytes in the site charset; characters it lacks become `&#NNN;` references, as browsers and
/// Discuz's converters do.
pub fn encode(charset: Charset, text: &str) -> Vec<u8> {
    let (bytes, _, _) = charset.encoding().encode(text);
    bytes.into_owned()
}

/// The length of text in the site charset's bytes (PHP's `strlen` on a page of that edition).
pub fn byte_len(charset: Charset, text: &str) -> usize {
    encode(charset, text).len()
}

/// Discuz's `cutstr`: at most `bytes` bytes of the site charset, ending in ` ...` when cut.
pub fn cut(charset: Charset, text: &str, bytes: usize) -> String {
    if byte_len(charset, text) <= bytes {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        let mut next = out.clone();
        next.push(c);
        if byte_len(charset, &next) + 4 > bytes {
            break;
        }
        out = next;
    }
    out.push_str(" ...");
    out
}

/// JSON with every non-ASCII character escaped, as PHP's `json_encode` writes it.
pub fn ascii_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// A short lowercase hex digest of text, for the site's hashes (form hash, reaction hash, auth cookie).
pub fn digest(text: &str, len: usize) -> String {
    use sha2::Digest;
    let hash = sha2::Sha256::digest(text.as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect::<String>()[..len].to_owned()
}
