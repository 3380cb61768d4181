/// Numbers as contracts write them in headings and references: Chinese numerals up to the hundreds
/// (一, 十二, 二十, 一百零五, 两百一十) and Arabic digits, half- or full-width.
public enum ChineseNumeral {
    static let digits: [Unicode.Scalar: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    public static func isChinese(_ s: Unicode.Scalar) -> Bool { digits[s] != nil || s == "十" || s == "百" }

    public static func isArabic(_ s: Unicode.Scalar) -> Bool {
        ("0" ... "9").contains(s) || ("\u{FF10}" ... "\u{FF19}").contains(s)
    }

    /// The value of a run of numeral characters (all Chinese or all Arabic), or nil if it is no number.
    public static func value<S: Collection>(of scalars: S) -> Int? where S.Element == Unicode.Scalar {
        guard let first = scalars.first else { return nil }
        if isArabic(first) {
            guard scalars.count <= 6 else { return nil }
            var n = 0
            for s in scalars {
                guard isArabic(s) else { return nil }
                n = n * 10 + Int(s.value >= 0xFF10 ? s.value - 0xFF10 : s.value - 0x30)
            }
            return n
        }
        var total = 0, current = 0, lastUnit = 1000
        var sawDigit = false
        for s in scalars {
            if let d = digits[s] {
                current = d
                sawDigit = sawDigit || d > 0
            } else if s == "十" || s == "百" {
                let unit = s == "十" ? 10 : 100
                guard unit < lastUnit else { return nil }  // 十百 is no number
                total += (current == 0 ? 1 : current) * unit
                current = 0
                lastUnit = unit
                sawDigit = true
            } else {
                return nil
            }
        }
        return sawDigit ? total + current : nil
    }

    /// A number written the way a heading writes it: Chinese (第十五条) or Arabic (第15条).
    public static func format(_ n: Int, arabic: Bool) -> String {
        if arabic || n <= 0 || n >= 1000 { return String(n) }
        let names = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        let hundreds = n / 100, tens = n / 10 % 10, ones = n % 10
        var out = ""
        if hundreds > 0 { out += names[hundreds] + "百" }
        if tens > 0 {
            out += (hundreds == 0 && tens == 1 ? "" : names[tens]) + "十"
        } else if hundreds > 0 && ones > 0 {
            out += "零"
        }
        if ones > 0 { out += names[ones] }
        return out
    }
}
