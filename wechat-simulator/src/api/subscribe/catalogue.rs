//! The public library of subscribe message templates the simulator offers: a few categories,
//! template titles and their keywords, fixed so tests can rely on them.

/// A category of the account.
pub(super) struct Category {
    pub(super) id: u64,
    pub(super) name: &'static str,
}

/// A template title of the public library.
pub(super) struct Title {
    pub(super) tid: u64,
    pub(super) title: &'static str,
    /// 2: one-time subscription; 3: long-term.
    pub(super) kind: u32,
    pub(super) category_id: u64,
    pub(super) keywords: &'static [Keyword],
}

/// A keyword of a library template.
pub(super) struct Keyword {
    pub(super) kid: u64,
    pub(super) name: &'static str,
    /// The value's type, which with `kid` names the placeholder (`thing2`).
    pub(super) rule: &'static str,
    pub(super) example: &'static str,
}

impl Keyword {
    /// The keyword's name in a message's `data`, e.g. `thing2`.
    pub(super) fn placeholder(&self) -> String {
        format!("{}{}", self.rule, self.kid)
    }
}

/// The account's categories.
pub(super) const CATEGORIES: &[Category] = &[
    Category {
        id: 307,
        name: "餐饮服务",
    },
    Category {
        id: 616,
        name: "公交",
    },
    Category {
        id: 627,
        name: "教育信息服务",
    },
];

const fn kw(kid: u64, name: &'static str, rule: &'static str, example: &'static str) -> Keyword {
    Keyword {
        kid,
        name,
        rule,
        example,
    }
}

/// The library's template titles, by category.
pub(super) const TITLES: &[Title] = &[
    Title {
        tid: 498,
        title: "订单发货通知",
        kind: 2,
        category_id: 307,
        keywords: &[
            kw(1, "订单号", "character_string", "20240101001"),
            kw(2, "商品名称", "thing", "巧克力"),
            kw(3, "快递公司", "thing", "顺丰速运"),
            kw(4, "发货时间", "time", "2024年1月1日 12:00"),
            kw(5, "备注", "thing", "请注意查收"),
        ],
    },
    Title {
        tid: 1437,
        title: "预约成功通知",
        kind: 2,
        category_id: 307,
        keywords: &[
            kw(1, "预约项目", "thing", "双人套餐"),
            kw(2, "预约时间", "time", "2024年1月1日 18:00"),
            kw(3, "预约人数", "number", "2"),
            kw(4, "联系电话", "phone_number", "020-88888888"),
        ],
    },
    Title {
        tid: 2011,
        title: "课程开课提醒",
        kind: 2,
        category_id: 627,
        keywords: &[
            kw(1, "课程名称", "thing", "高等数学"),
            kw(2, "上课时间", "time", "2024年1月1日 08:00"),
            kw(3, "上课地点", "thing", "第一教学楼101"),
        ],
    },
    Title {
        tid: 3092,
        title: "车辆到站提醒",
        kind: 3,
        category_id: 616,
        keywords: &[
            kw(1, "线路", "thing", "1路"),
            kw(2, "站点", "thing", "火车站"),
            kw(3, "预计到达", "time", "08:15"),
        ],
    },
];

/// The library template `tid`.
pub(super) fn title(tid: u64) -> Option<&'static Title> {
    TITLES.iter().find(|t| t.tid == tid)
}
