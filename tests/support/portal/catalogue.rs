//! The site's starting content: 44 articles of November 2020 over five categories, the seed among them, with
//! the special cases the tests need (see the constants in `model.rs`). Data and the little code that fills it out.

use super::model::*;
use super::seed;
use super::text::{esc, site_time};

/// (aid, catid, day, hour, minute, title, publisher uid)
const ARTICLES: [(u32, u32, u32, u32, u32, &str, u32); 44] = [
    (7230, 2, 2, 8, 5, "安源區開展秋冬季森林防火專項檢查", 1),
    (7231, 1, 2, 9, 12, "萍鄉市召開2020年冬季安全生產工作會議", 1),
    (7232, 3, 3, 9, 30, "湘東區陶瓷產業園新引進企業5家", 1),
    (7233, 2, 3, 15, 20, "安源區新增3所公辦幼兒園投入使用", 1),
    (7234, 4, 4, 10, 0, "萍鄉今冬首場寒潮將至 市民注意防寒保暖", 1),
    (7235, 5, 4, 17, 30, "萍鄉小炒肉：一盤辣椒炒出的鄉愁", 1),
    (7236, 2, 5, 11, 10, "安源區召開重點項目建設推進會", 1),
    (7237, 1, 6, 10, 40, "全市首批新能源公交車正式上線運營", 1),
    (7238, 3, 7, 14, 0, "湘東區舉辦首屆儺文化旅遊節", 1),
    (7239, 2, 8, 9, 45, "安源區老舊小區改造惠及4200餘戶居民", 1),
    (7240, 4, 9, 8, 50, "城區菜市場提升改造完成 市民買菜更方便", 1),
    (7241, 5, 9, 18, 20, "蓮花血鴨的前世今生", 1),
    (7242, 2, 10, 14, 30, "安源區舉辦2020年秋季招聘會", 1),
    (7243, 3, 11, 10, 20, "湘東區麻山鎮臍橙喜獲豐收", 1),
    (7244, 1, 12, 16, 5, "萍鄉北站改擴建工程完成主體施工", 1),
    (7245, 2, 13, 10, 15, "安源區啟動冬季供水保障工作", 1),
    (7246, 4, 14, 15, 10, "萍鄉至長沙城際公交開通", 1),
    (7247, 3, 14, 17, 35, "湘東區推進農村公路提質改造", 1),
    (7248, 2, 15, 9, 40, "安源區：黨建引領基層治理見實效", 1),
    (7249, 5, 15, 12, 0, "上栗花炮節美食攤位全攻略", 1),
    (7250, 4, 16, 10, 35, "冬季用電高峰將至 供電部門發布安全提示", 1),
    (7251, 2, 17, 9, 0, "安源區召開第四季度經濟形勢分析會", 1),
    (7252, 1, 18, 8, 30, "市民中心政務服務大廳延長週末服務時間", 1),
    (7253, 3, 18, 14, 45, "湘東區中小學開展消防安全演練", 1),
    (7254, 2, 19, 15, 25, "安源區完成2020年度農村人居環境整治任務", 1),
    (7255, 5, 20, 11, 30, "萍鄉米粉哪家強？記者探訪城區十家老店", 1),
    (7256, 5, 20, 19, 40, "冬至將近 萍鄉人家忙做臘肉", 1),
    (7257, 3, 21, 11, 5, "湘東區工業陶瓷產業集群獲評省級示範", 1),
    (7258, 4, 22, 9, 0, "萍鄉週末去哪兒：城區公園逐個逛", 1),
    (7259, 5, 22, 18, 15, "安源老街夜市重新開張", 1),
    (7260, 2, 23, 10, 50, "安源區公共文化服務體系建設通過省級驗收", 1),
    (7261, 3, 24, 16, 30, "湘東區老街改造方案公開徵求意見", 1),
    (7262, 1, 25, 17, 20, "萍鄉入選全國文明城市提名城市", 2),
    (7263, 4, 26, 14, 20, "武功山景區冬季門票優惠政策出爐", 1),
    (7264, 2, 27, 15, 34, seed::TITLE_SHOWN, 1),
    (7265, 5, 27, 16, 20, "湘東牛肉粉：清晨六點的第一碗", 1),
    (7266, 3, 27, 17, 5, "湘東區2020年公開招聘教師擬聘用人員名單公示", 1),
    (7267, 2, 27, 18, 10, "安源區舉行城市品質提升項目集中開工儀式", 1),
    (7268, 1, 28, 10, 2, "城區部分路段12月起實行單向通行", 2),
    (7269, 4, 28, 16, 45, "萍鄉市區新增公共停車泊位1200個", 1),
    (7270, 3, 29, 10, 10, "湘東區冬季徵兵工作全面展開", 1),
    (7271, 5, 30, 11, 40, "蘆溪麻餅製作技藝入選省級非遺名錄", 1),
    (7272, 5, 30, 15, 20, "萍鄉人冬天離不開的一碗擂茶", 1),
    (7273, 5, 30, 17, 5, "城南美食街12月1日起試營業", 1),
];

const CITY_LINES: [&str; 6] = [
    "據介紹，該項工作由相關部門牽頭，分階段推進，力爭年底前全面完成。",
    "有關負責人表示，下一步將繼續聚焦群眾關心的熱點難點問題，把好事辦實、把實事辦好。",
    "現場不少市民駐足了解，紛紛點讚。市民李女士說：“這樣的變化，大家看得見、摸得著。”",
    "近年來，萍鄉堅持以人民為中心的發展思想，城市面貌持續改善，群眾獲得感不斷增強。",
    "據統計，今年以來相關項目累計完成投資逾20億元，帶動就業崗位3000餘個。",
    "會議要求，各部門要壓實責任、細化措施，確保各項任務按時保質完成。",
];

const LIFE_LINES: [&str; 5] = [
    "天氣轉涼，不少市民選擇在週末帶上家人出門走走，感受城市的新變化。",
    "記者走訪發現，城區多處便民設施已陸續完善，市民生活更加便利。",
    "業內人士提醒，出行前最好提前查詢天氣和交通信息，合理安排行程。",
    "不少市民表示，家門口的變化實實在在，日子過得越來越舒心。",
    "相關部門提醒，如遇問題可撥打12345政務服務熱線諮詢。",
];

const FOOD_LINES: [&str; 5] = [
    "一口下去，鮮辣爽口，這是許多萍鄉人從小吃到大的味道。",
    "店主介紹，食材每天清早從本地菜市場採購，保證新鮮。",
    "每到飯點，店裡總是坐得滿滿當當，不少外地遊客也慕名而來。",
    "老闆笑著說：“做了二十多年，就圖個口碑。”",
    "吃完一碗再配一杯擂茶，是老萍鄉人最愜意的早晨。",
];

const PARKS: [(&str, &str); 3] = [
    ("秋收起義廣場", "秋收起義廣場位於城區中心，是市民晨練、散步的好去處。廣場上的紀念雕塑記錄著這座城市的紅色記憶。"),
    ("玉湖公園", "玉湖公園湖面開闊，環湖步道全長約2.6公里。入冬後湖邊的水杉漸次變紅，吸引不少攝影愛好者。"),
    ("鵝湖公園", "鵝湖公園經過提升改造，新增了兒童遊樂區和健身步道，週末常有一家老小前來遊玩。"),
];

const COMMENTERS: [(u32, &str); 5] = [(3, "reader"), (58, "萍水相逢"), (73, "湘東老表"), (91, "安源小胖"), (0, "")];

const COMMENT_LINES: [&str; 7] = [
    "支持！老街早該改改了。",
    "希望改造時能保留老房子的味道。",
    "停車問題一定要考慮進去。",
    "小時候天天在老街玩，期待新面貌。",
    "意見已經提交了，希望能被採納。",
    "施工期間商戶怎麼安排？",
    "好事，點個讚<br />順便問一下工期多長？",
];

fn p(text: &str) -> String {
    format!("<p style=\"text-indent:2em\">{}</p>\n", esc(text))
}

fn lines_for(catid: u32) -> &'static [&'static str] {
    match catid {
        4 => &LIFE_LINES,
        5 => &FOOD_LINES,
        _ => &CITY_LINES,
    }
}

/// A plain article's lead and two more paragraphs.
fn body(aid: u32, catid: u32, day: u32, title: &str) -> Vec<String> {
    let lines = lines_for(catid);
    let lead = format!("11月{day}日，記者從有關方面獲悉：{title}。");
    let a = lines[aid as usize % lines.len()];
    let b = lines[(aid as usize / 2 + 1) % lines.len()];
    vec![lead, a.to_owned(), b.to_owned()]
}

fn picture(file: &str, width: u32, height: u32, present: bool) -> Picture {
    Picture { file: file.to_owned(), width, height, present }
}

pub fn site() -> Site {
    let categories = vec![
        Category { catid: CAT_CITY, upid: 0, name: "城事資訊", folder: None, shows_views: true },
        Category { catid: CAT_ANYUAN, upid: CAT_CITY, name: "安源區政府", folder: None, shows_views: false },
        Category { catid: CAT_XIANGDONG, upid: CAT_CITY, name: "湘東區", folder: None, shows_views: true },
        Category { catid: CAT_LIFE, upid: 0, name: "生活", folder: Some("shenghuo"), shows_views: true },
        Category { catid: CAT_FOOD, upid: CAT_LIFE, name: "美食", folder: Some("meishi"), shows_views: true },
    ];
    let members = vec![
        Member { uid: 1, username: "admin", password: "never-signs-in-here", admin: true },
        Member { uid: 2, username: "author", password: "secret", admin: false },
        Member { uid: 3, username: "reader", password: "secret", admin: false },
    ];
    let mut articles = Vec::new();
    for (aid, catid, day, hour, minute, title, uid) in ARTICLES {
        let paragraphs = body(aid, catid, day, title);
        let summary = format!("{}{}", paragraphs[0], paragraphs[1]);
        articles.push(Article {
            aid,
            catid,
            uid,
            title: title.to_owned(),
            dateline: site_time(2020, 11, day, hour, minute),
            author: None,
            from: None,
            fromurl: None,
            summary: esc(&summary),
            pages: vec![ArticlePage { title: String::new(), html: paragraphs.iter().map(|t| p(t)).collect() }],
            pictures: Vec::new(),
            related: Vec::new(),
            pending: false,
            members_only: false,
            viewnum: 40 + (aid * 37) % 500,
            clicks: [0; 5],
        });
    }
    let mut site = Site { categories, members, articles, comments: Vec::new(), clicked: Vec::new() };
    special_cases(&mut site);
    site
}

fn special_cases(site: &mut Site) {
    let a = site.article_mut(SEED_AID).unwrap();
    a.from = Some("中國網".into());
    a.summary = seed::SUMMARY.into();
    a.viewnum = 0;
    let html = seed::PARAGRAPHS
        .iter()
        .map(|(heading, t)| {
            if *heading {
                format!("<p style=\"text-indent:2em\"><strong>{t}</strong></p>\n")
            } else {
                format!("<p style=\"text-indent:2em\">{t}</p>\n")
            }
        })
        .collect();
    a.pages = vec![ArticlePage { title: String::new(), html }];

    let a = site.article_mut(MULTIPAGE_AID).unwrap();
    a.pages = PARKS
        .iter()
        .enumerate()
        .map(|(i, (name, text))| ArticlePage {
            title: (*name).into(),
            html: format!(
                "{}{}{}",
                p(text),
                p(LIFE_LINES[i]),
                p(&format!("（第{}站：{}，建議遊玩時間約1小時。）", i + 1, name))
            ),
        })
        .collect();
    a.summary = esc(PARKS[0].1);
    a.clicks = [5, 1, 0, 2, 0];
    a.related = vec![7263];

    let a = site.article_mut(PICTURES_AID).unwrap();
    let dir = "202011/20/";
    a.pictures = vec![
        picture(&format!("{dir}113012mifz3q9ffuh3ccqc.png"), 640, 360, true),
        picture(&format!("{dir}113020k0g2xr8xs8x8zzzr.png"), 480, 320, true),
        picture(&format!("{dir}113031wq2w7r2wzzxrxrgz.png"), 800, 600, true),
    ];
    let [one, two, three] = [0, 1, 2].map(|i| format!("data/attachment/portal/{}", a.pictures[i].file));
    a.pages[0].html = format!(
        "{}<p style=\"text-align: center;\"><a href=\"{one}\" target=\"_blank\"><img src=\"{one}\" alt=\"\" /></a></p>\n\
         {}<p style=\"text-align: center;\"><img id=\"aimg_2\" src=\"static/image/common/none.gif\" file=\"{two}\" \
         zoomfile=\"{two}\" class=\"zoom\" onclick=\"zoom(this, this.getAttribute('zoomfile'))\" alt=\"老店的米粉\" /></p>\n\
         {}<p style=\"text-align: center;\"><img src=\"{three}.thumb.png\" zoomfile=\"{three}\" class=\"zoom\" alt=\"\" /></p>\n",
        p("萍鄉米粉，粗細均勻，久煮不爛。記者用三天時間走訪了城區十家老店。"),
        p(FOOD_LINES[1]),
        p(FOOD_LINES[2]),
    );
    a.summary = esc("萍鄉米粉，粗細均勻，久煮不爛。記者用三天時間走訪了城區十家老店。");

    let a = site.article_mut(BROKEN_PICTURE_AID).unwrap();
    a.pictures = vec![picture("202011/15/120012b0rk3nbr0k3n1mgq.png", 640, 480, false)];
    a.pages[0].html.push_str(
        "<p style=\"text-align: center;\"><img src=\"data/attachment/portal/202011/15/120012b0rk3nbr0k3n1mgq.png\" alt=\"\" /></p>\n",
    );

    let a = site.article_mut(RELATED_AID).unwrap();
    a.related = vec![SEED_AID, 7259];
    a.author = Some("劉曉萍".into());
    a.from = Some("萍鄉日報".into());
    a.fromurl = Some("http://www.pxrb.example/html/2020-11/25/content_88231.htm".into());
    a.clicks = [2, 0, 0, 0, 0];

    let a = site.article_mut(7257).unwrap();
    a.author = Some("鍾文".into());
    a.from = Some("江西日報".into());
    a.fromurl = Some("http://jx.example.com.cn/2020/1121/c190-34417.html".into());

    let a = site.article_mut(7250).unwrap();
    a.author = Some("彭麗".into());
    a.from = Some("國網萍鄉供電公司".into());

    let a = site.article_mut(7235).unwrap();
    a.from = Some("萍鄉發布".into());
    a.fromurl = Some("http://www.pingxiang.example/fb/7235.html".into());

    // Quotes and an ampersand, to show the feed's double escaping.
    let a = site.article_mut(7246).unwrap();
    let text = "萍鄉至長沙城際公交今起開通，票價50元，\"刷碼乘車\" & 電子發票均已上線。";
    a.summary = esc(text);
    a.pages[0].html = format!("{}{}", p(text), p(LIFE_LINES[2]));

    site.article_mut(NO_SUMMARY_AID).unwrap().summary.clear();
    site.article_mut(PENDING_AID).unwrap().pending = true;
    site.article_mut(LOGIN_AID).unwrap().members_only = true;

    let a = site.article_mut(MANY_COMMENTS_AID).unwrap();
    a.clicks = [3, 0, 0, 12, 1];
    let start = a.dateline;
    for i in 0..MANY_COMMENTS {
        let (uid, name) = COMMENTERS[i % COMMENTERS.len()];
        site.comments.push(Comment {
            cid: 500 + i as u32,
            aid: MANY_COMMENTS_AID,
            uid,
            username: name.into(),
            dateline: start + 1800 + i as i64 * 2820,
            message: format!("{} ({}樓)", COMMENT_LINES[i % COMMENT_LINES.len()], i + 1),
        });
    }
    for (i, (uid, name, text)) in
        [(58, "萍水相逢", "終於又能逛夜市了！"), (0, "", "臭豆腐還是那個味。"), (3, "reader", "週末帶娃去看看。")]
            .into_iter()
            .enumerate()
    {
        site.comments.push(Comment {
            cid: 600 + i as u32,
            aid: 7259,
            uid,
            username: name.into(),
            dateline: site_time(2020, 11, 22, 20, 5) + i as i64 * 3000,
            message: if i == 2 {
                format!("<div class=\"quote\"><blockquote>臭豆腐還是那個味。</blockquote></div>{text}")
            } else {
                text.into()
            },
        });
    }
}
