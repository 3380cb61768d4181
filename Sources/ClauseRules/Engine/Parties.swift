import ClauseText

/// Who the parties of a contract are, read from its header: which names stand for the business
/// (the side that drafted the format clauses) and which for the consumer.
///
/// "甲方（经营者）：某某健身有限公司" makes 甲方 the business; "乙方：张三 身份证号…" makes 乙方 the consumer.
/// Words that always name one side (本公司, 平台, 用户, 消费者 …) need no header.
public struct Parties: Sendable, Equatable {
    /// Role names (甲方, 乙方, 出租方 …) and the side the header gave them.
    public private(set) var roles: [String: PartySide] = [:]

    public init(roles: [String: PartySide] = [:]) { self.roles = roles }

    static let businessWords = ["本公司", "本平台", "平台", "本店", "本网站", "我们", "我司", "商家", "经营者", "卖方",
                                "出卖人", "销售方", "服务方", "服务提供方", "服务商", "培训机构", "旅行社", "本机构",
                                "本中心", "本会所", "本俱乐部", "本园", "本校", "公司", "商户", "门店"]
    static let consumerWords = ["消费者", "用户", "您", "你", "会员", "学员", "买方", "买受人", "客户", "顾客",
                                "旅游者", "游客", "家长", "患者", "求助者", "购买方", "委托人"]
    /// Role names that need the header to say which side they are.
    static let roleWords = ["甲方", "乙方", "丙方", "出租方", "承租方", "出租人", "承租人", "委托方", "受托方",
                            "受托人", "服务接受方", "托管方"]
    /// What the header says after a role name that shows it is a business or a consumer.
    static let businessMarks = ["经营者", "公司", "有限", "店", "会所", "中心", "机构", "俱乐部", "旅行社", "医院", "门诊",
                                "诊所", "工作室", "学校", "培训", "酒店", "餐厅", "企业", "商行", "集团", "服务方",
                                "卖方", "出卖人", "统一社会信用代码", "营业执照", "法定代表人"]
    static let consumerMarks = ["消费者", "个人", "身份证", "姓名", "学员", "会员", "买方", "买受人", "家长", "旅游者",
                                "患者", "用户"]

    /// Reads the roles from the lines before the first clause (or the first 40 lines).
    public static func read(from text: PreparedText) -> Parties {
        let units = text.normalized.units
        let headerEnd = min(units.count, text.clauses.first?.range.lowerBound ?? units.count)
        let header = String(decoding: units[..<headerEnd], as: UTF16.self)
        var parties = Parties()
        for line in header.split(whereSeparator: \.isNewline).prefix(60) {
            for role in roleWords where line.hasPrefix(role) || line.contains("简称\"\(role)\"") || line.contains("简称\(role)") {
                let rest = line.replacingOccurrences(of: role, with: "")
                if let side = side(of: rest), parties.roles[role] == nil { parties.roles[role] = side }
            }
        }
        return parties
    }

    private static func side(of description: String) -> PartySide? {
        let business = businessMarks.contains { description.contains($0) }
        let consumer = consumerMarks.contains { description.contains($0) }
        if business != consumer { return business ? .business : .consumer }
        return nil
    }

    /// The side a party name stands for, or nil when it cannot be told.
    public func side(of name: String) -> PartySide? {
        if let role = Self.roleWords.first(where: { name.contains($0) }) { return roles[role] }
        if Self.businessWords.contains(where: { name.contains($0) }) { return .business }
        if Self.consumerWords.contains(where: { name.contains($0) }) { return .consumer }
        return nil
    }
}
