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
                                "患者", "用户", "监护人"]
    /// Phrases for the side that receives the service; they hold business marks (培训, 服务方), so they
    /// are read, and taken out, first: "乙方（接受培训方监护人）" is the consumer's side.
    static let receivingPhrases = ["接受培训", "受培训", "受训", "接受服务", "服务接受"]

    /// A line longer than this is a paragraph of the contract, not a party's line in its header.
    static let longestHeaderLine = 1_000

    /// Reads the roles from the lines before the first clause (at most the first 60 lines).
    public static func read(from text: PreparedText) -> Parties {
        let units = text.normalized.units
        let headerEnd = min(units.count, text.clauses.first?.range.lowerBound ?? units.count)
        var parties = Parties()
        // Most documents name no role in their header: find that out on the code units, without
        // building strings (Foundation's string search was 8% of a bulk audit).
        let roles = roleUnits.filter { units[..<headerEnd].contains(units: $0.units) }
        guard !roles.isEmpty else { return parties }
        for line in headerLines(units[..<headerEnd]).prefix(60) where line.count <= longestHeaderLine {
            let present = roles.filter { line.contains(units: $0.units) }
            guard !present.isEmpty else { continue }
            let string = String(decoding: line, as: UTF16.self)
            for (role, _) in present where string.hasPrefix(role) || string.contains("简称\"\(role)\"") || string.contains("简称\(role)") {
                let rest = string.replacingOccurrences(of: role, with: "")
                if let side = side(of: rest), parties.roles[role] == nil { parties.roles[role] = side }
            }
        }
        return parties
    }

    private static let roleUnits = roleWords.map { (role: $0, units: Array($0.utf16)) }

    /// The non-empty lines of the header, split where `Character.isNewline` would split them.
    static func headerLines(_ units: ArraySlice<UInt16>) -> [ArraySlice<UInt16>] {
        var lines: [ArraySlice<UInt16>] = []
        var start = units.startIndex
        var i = units.startIndex
        while i < units.endIndex {
            switch units[i] {
            case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029:
                if start < i { lines.append(units[start ..< i]) }
                start = i + 1
            default: break
            }
            i += 1
        }
        if start < units.endIndex { lines.append(units[start...]) }
        return lines
    }

    private static func side(of description: String) -> PartySide? {
        var description = description
        var consumer = false
        for phrase in receivingPhrases where description.contains(phrase) {
            consumer = true
            description = description.replacingOccurrences(of: phrase, with: "")
        }
        let business = businessMarks.contains { description.contains($0) }
        consumer = consumer || consumerMarks.contains { description.contains($0) }
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

extension ArraySlice where Element == UInt16 {
    /// Whether `needle` occurs as a contiguous run of code units.
    func contains(units needle: [UInt16]) -> Bool {
        guard let first = needle.first, needle.count <= count else { return needle.isEmpty }
        var i = startIndex
        let last = endIndex - needle.count
        while i <= last {
            if self[i] == first && self[i ..< i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
