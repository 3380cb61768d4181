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
    }

    static let digits: [Character: Double] = [
        "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
        "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
    ]
    static let units: [Character: Double] = ["十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000]
    static let bigUnits: [Character: Double] = ["万": 10_000, "萬": 10_000, "亿": 100_000_000]

    // A regex literal is compiled each time it is evaluated; compiled once here (Regex is not
    // Sendable; these are only read).
    nonisolated(unsafe) private static let arabicYuan = /([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万|千)?\s*元/
    nonisolated(unsafe) private static let signedYuan = /[¥￥]\s*([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)(?![0-9.]|\s*(?:万|千)?\s*元)/
    nonisolated(unsafe) private static let chineseYuan = /([零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿]+)元/
    nonisolated(unsafe) private static let arabicRate = /([0-9]+(?:\.[0-9]+)?)\s*(%|‰)/
    nonisolated(unsafe) private static let chineseRate = /(百|千|万)分之([零〇一二两三四五六七八九十百点0-9.]+)/
    nonisolated(unsafe) private static let perDayInPhrase = /每[^,]{0,4}[日天]|按[日天]|[日天](?:利率|息)?$/
    nonisolated(unsafe) private static let perDayPhraseBefore = /每(?:逾期|迟延|延迟)?一?[日天]$/
    nonisolated(unsafe) private static let perDayAfter = /^\s*(?:\/|每|\/每)[日天]/

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
    static func amounts(in text: Substring) -> [Amount] {
        var found: [Amount] = []
        // Swift's regex engine costs a few microseconds a character: most phrases that name a 违约金
        // state no sum, and a scan for the signs spares them the three searches.
        let scalars = text.unicodeScalars
        let yuan = scalars.contains("元"), sign = scalars.contains("¥") || scalars.contains("￥")
        guard yuan || sign else { return [] }
        for match in text.matches(of: Self.arabicYuan) where yuan {
            found.append(Amount(yuan: arabic(match.1, scale: match.2), range: match.range))
        }
        // "¥2,000", "￥2000" (NFKC leaves both signs as ¥)
        for match in text.matches(of: Self.signedYuan) where sign {
            found.append(Amount(yuan: arabic(match.1, scale: nil), range: match.range))
        }
        for match in text.matches(of: Self.chineseYuan) where yuan {
            if let value = chineseNumber(match.1), value > 0 { found.append(Amount(yuan: value, range: match.range)) }
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    private static func arabic(_ digits: Substring, scale: Substring?) -> Double {
        let number = Double(digits.replacingOccurrences(of: ",", with: "")) ?? 0
        return number * (scale == "万" ? 10_000 : scale == "千" ? 1000 : 1)
    }

    /// Every rate in `text`: "5%", "5‰", "百分之五", "千分之三", "万分之六点五", each per day when the text
    /// says so right at it ("每日按…的5%", "日万分之五", "5‰/每日"), not when a day count merely stands
    /// nearby ("逾期超过三十日的，另付百分之二十").
    static func rates(in text: Substring) -> [Rate] {
        var found: [Rate] = []
        let scalars = text.unicodeScalars
        let signs = scalars.contains("%") || scalars.contains("‰"), words = text.contains("分之")
        guard signs || words else { return [] }
        for match in text.matches(of: Self.arabicRate) where signs {
            let base = match.2 == "%" ? 100.0 : 1000
            found.append(Rate(fraction: (Double(match.1) ?? 0) / base, perDay: perDay(text, at: match.range), range: match.range))
        }
        for match in text.matches(of: Self.chineseRate) where words {
            let base = match.1 == "百" ? 100.0 : match.1 == "千" ? 1000 : 10_000
            guard let value = Double(match.2) ?? decimal(match.2) else { continue }
            found.append(Rate(fraction: value / base, perDay: perDay(text, at: match.range), range: match.range))
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Whether a rate is per day: 每日, 按日 or 日 in its own phrase before it ("每日按…的5%", "日万分之五"),
    /// a phrase of its own just before ("每逾期一日，按…"), or /日, 每日 right after it ("5‰/每日").
    private static func perDay(_ text: Substring, at range: Range<String.Index>) -> Bool {
        let before = text[..<range.lowerBound].suffix(24)
        let part = before[(before.lastIndex(where: { ";；".contains($0) }).map(before.index(after:)) ?? before.startIndex)...]
        let phrases = part.split(omittingEmptySubsequences: false, whereSeparator: { ",，".contains($0) })
        if let own = phrases.last, own.contains(Self.perDayInPhrase) { return true }
        if phrases.count > 1, phrases[phrases.count - 2].contains(Self.perDayPhraseBefore) { return true }
        return text[range.upperBound...].prefix(4).contains(Self.perDayAfter)
    }

    /// A Chinese numeral with a decimal point: 六点五 → 6.5, 五 → 5.
    static func decimal(_ s: Substring) -> Double? {
        let parts = s.split(separator: "点", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = chineseNumber(parts[0]) else { return nil }
        guard parts.count == 2 else { return whole }
        let fraction = parts[1].map { digits[$0] }
        guard !fraction.isEmpty, !fraction.contains(nil) else { return nil }
        return Double("\(Int(whole)).\(fraction.map { String(Int($0!)) }.joined())")
    }

    static func percent(_ fraction: Double) -> String {
        let p = fraction * 100
        let rounded = (p * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() ? "\(Int(rounded))%" : "\(rounded)%"
    }

    static func yuan(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) 元" : "\(value) 元"
    }
}
