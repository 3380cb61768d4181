/// Numbers as contracts write them: Arabic digits (half or full width) or Chinese numerals
/// (二十三, 一百零五, 二〇一四, 两).
enum Numerals {
    static func digit(_ u: UInt16) -> Int? {
        switch u {
        case 0x30 ... 0x39: Int(u - 0x30)
        case 0xFF10 ... 0xFF19: Int(u - 0xFF10)
        default: chineseDigit(u)
        }
    }

    static func chineseDigit(_ u: UInt16) -> Int? {
        switch u {
        case 0x96F6, 0x3007: 0          // 零 〇
        case 0x4E00, 0x58F9: 1          // 一 壹
        case 0x4E8C, 0x4E24, 0x8D30: 2  // 二 两 贰
        case 0x4E09, 0x53C1: 3          // 三 叁
        case 0x56DB, 0x8086: 4          // 四 肆
        case 0x4E94, 0x4F0D: 5          // 五 伍
        case 0x516D, 0x9646: 6          // 六 陆
        case 0x4E03, 0x67D2: 7          // 七 柒
        case 0x516B, 0x634C: 8          // 八 捌
        case 0x4E5D, 0x7396: 9          // 九 玖
        default: nil
        }
    }

    static func unit(_ u: UInt16) -> Int? {
        switch u {
        case 0x5341, 0x62FE: 10     // 十 拾
        case 0x767E, 0x4F70: 100    // 百 佰
        case 0x5343, 0x4EDF: 1000   // 千 仟
        case 0x4E07: 10000          // 万
        default: nil
        }
    }

    static func isArabic(_ u: UInt16) -> Bool { (0x30 ... 0x39).contains(u) || (0xFF10 ... 0xFF19).contains(u) }

    /// Whether a code unit can be part of a number.
    static func isNumeral(_ u: UInt16) -> Bool { digit(u) != nil || unit(u) != nil }

    /// The value of a run of numeral units, or nil when it is not a number.
    static func value<C: Collection>(_ units: C) -> Int? where C.Element == UInt16 {
        guard !units.isEmpty else { return nil }
        var total = 0, section = 0, current = 0
        var previousWasDigit = false
        var sawUnit = false
        for u in units {
            if let d = digit(u) {
                // Digits in a row without units (2014, 二〇一四) are read positionally.
                current = previousWasDigit && !sawUnit ? current * 10 + d : d
                previousWasDigit = true
            } else if let m = unit(u) {
                sawUnit = true
                if m == 10000 {
                    total += (section + current) * 10000
                    section = 0
                } else {
                    section += (current == 0 && !previousWasDigit ? 1 : current) * m
                }
                current = 0
                previousWasDigit = false
            } else {
                return nil
            }
        }
        return total + section + current
    }

    static func value(_ text: String) -> Int? { value(Array(text.utf16)) }

    private static let chineseDigits: [String] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// 23 → 二十三, as article numbers are written (十三, not 一十三).
    static func chinese(_ n: Int) -> String {
        guard n > 0 else { return "零" }
        if n < 10 { return chineseDigits[n] }
        if n < 20 { return "十" + (n % 10 == 0 ? "" : chineseDigits[n % 10]) }
        if n < 100 { return chineseDigits[n / 10] + "十" + (n % 10 == 0 ? "" : chineseDigits[n % 10]) }
        if n < 1000 {
            let rest = n % 100
            let tail = rest == 0 ? "" : rest < 10 ? "零" + chineseDigits[rest] : (rest < 20 ? "一" : "") + chinese(rest)
            return chineseDigits[n / 100] + "百" + tail
        }
        return String(n)
    }
}
