import ClauseText

/// Amounts of money and rates as contracts write them: "5000元", "人民币伍仟元整", "1.2万元", "5%",
/// "百分之五", "日万分之五". Read from the normalized text (full-width digits are ASCII there).
enum Figures {
    struct Amount: Equatable { var yuan: Double; var range: Range<String.Index> }

    /// A rate of a penalty: a fraction, per day when the text says so (每日, 日, 每天), else as stated.
    struct Rate: Equatable {
        var fraction: Double
        var perDay: Bool
        var range: Range<String.Index>
        var text: String { "\(perDay ? "每日" : "")\(Figures.percent(fraction))" }
    }

    static let digits: [Character: Double] = [
        "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
        "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
    ]
    static let units: [Character: Double] = ["十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000]
    static let bigUnits: [Character: Double] = ["万": 10_000, "萬": 10_000, "亿": 100_000_000]

    /// The value of a Chinese numeral such as 伍仟, 一万二千, 十五; nil when it is not one.
    static func chineseNumber(_ s: Substring) -> Double? {
        guard !s.isEmpty else { return nil }
        var total = 0.0, section = 0.0, digit: Double? = nil
        for c in s {
            if let d = digits[c] {
                digit = d
            } else if let u = units[c] {
                section += (digit ?? 1) * u
                digit = nil
            } else if let u = bigUnits[c] {
                total += (section + (digit ?? 0)) * u
                section = 0
                digit = nil
            } else {
                return nil
            }
        }
        return total + section + (digit ?? 0)
    }

    /// Every amount of money in `text`, in order.
    static func amounts(in text: String) -> [Amount] {
        var found: [Amount] = []
        for match in text.matches(of: /([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万|千)?\s*元/) {
            let number = Double(match.1.replacingOccurrences(of: ",", with: "")) ?? 0
            let scale = match.2 == "万" ? 10_000.0 : match.2 == "千" ? 1000 : 1
            found.append(Amount(yuan: number * scale, range: match.range))
        }
        for match in text.matches(of: /([零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿]+)元/) {
            if let value = chineseNumber(match.1), value > 0 { found.append(Amount(yuan: value, range: match.range)) }
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Every rate in `text`: "5%", "百分之五", "千分之三", "万分之五", each per day when 日/每日/每天 precedes it
    /// closely.
    static func rates(in text: String) -> [Rate] {
        var found: [Rate] = []
        func perDay(before index: String.Index) -> Bool {
            let start = text.index(index, offsetBy: -12, limitedBy: text.startIndex) ?? text.startIndex
            let lead = text[start ..< index]
            return lead.contains("日") || lead.contains("每天") || lead.contains("天")
        }
        for match in text.matches(of: /([0-9]+(?:\.[0-9]+)?)\s*%/) {
            found.append(Rate(fraction: (Double(match.1) ?? 0) / 100, perDay: perDay(before: match.range.lowerBound), range: match.range))
        }
        for match in text.matches(of: /(百|千|万)分之([零〇一二两三四五六七八九十百点0-9.]+)/) {
            let base = match.1 == "百" ? 100.0 : match.1 == "千" ? 1000 : 10_000
            let value = Double(match.2) ?? chineseNumber(match.2) ?? 0
            found.append(Rate(fraction: value / base, perDay: perDay(before: match.range.lowerBound), range: match.range))
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    static func percent(_ fraction: Double) -> String {
        let p = fraction * 100
        let rounded = (p * 100).rounded() / 100
        return rounded == rounded.rounded() ? "\(Int(rounded))%" : "\(rounded)%"
    }

    static func yuan(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) 元" : "\(value) 元"
    }
}
