/// Named character references the HTML extractor decodes. Not the whole HTML list (2,000+ names):
/// the ones Chinese web pages and exported documents actually use. An unknown name stays as written.
enum HTMLEntities {
    static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
        "nbsp": 0xA0, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009,
        "zwnj": 0x200C, "zwj": 0x200D, "lrm": 0x200E, "rlm": 0x200F, "shy": 0xAD,
        "ldquo": 0x201C, "rdquo": 0x201D, "lsquo": 0x2018, "rsquo": 0x2019,
        "sbquo": 0x201A, "bdquo": 0x201E, "laquo": 0xAB, "raquo": 0xBB,
        "lsaquo": 0x2039, "rsaquo": 0x203A,
        "mdash": 0x2014, "ndash": 0x2013, "hellip": 0x2026, "middot": 0xB7, "bull": 0x2022,
        "prime": 0x2032, "Prime": 0x2033, "permil": 0x2030,
        "times": 0xD7, "divide": 0xF7, "plusmn": 0xB1, "minus": 0x2212,
        "le": 0x2264, "ge": 0x2265, "ne": 0x2260, "asymp": 0x2248, "infin": 0x221E,
        "copy": 0xA9, "reg": 0xAE, "trade": 0x2122,
        "yen": 0xA5, "cent": 0xA2, "pound": 0xA3, "euro": 0x20AC, "curren": 0xA4,
        "sect": 0xA7, "para": 0xB6, "deg": 0xB0, "micro": 0xB5,
        "sup1": 0xB9, "sup2": 0xB2, "sup3": 0xB3, "frac14": 0xBC, "frac12": 0xBD, "frac34": 0xBE,
        "iexcl": 0xA1, "iquest": 0xBF, "brvbar": 0xA6, "uml": 0xA8, "macr": 0xAF, "acute": 0xB4,
        "cedil": 0xB8, "ordf": 0xAA, "ordm": 0xBA, "not": 0xAC,
        "larr": 0x2190, "uarr": 0x2191, "rarr": 0x2192, "darr": 0x2193, "harr": 0x2194,
        "lArr": 0x21D0, "rArr": 0x21D2, "hArr": 0x21D4,
        "check": 0x2713, "cross": 0x2717, "star": 0x2606, "starf": 0x2605,
        "hearts": 0x2665, "diams": 0x2666, "clubs": 0x2663, "spades": 0x2660,
        "loz": 0x25CA, "dagger": 0x2020, "Dagger": 0x2021, "oline": 0x203E, "frasl": 0x2044,
    ]

    /// What a numeric reference to 0x80...0x9F means: browsers read those as Windows-1252.
    static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020,
        0x87: 0x2021, 0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152,
        0x8E: 0x017D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022,
        0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A,
        0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// The longest name in `named`, so a scan for ';' can stop early.
    static let longestName = 6

    /// Decodes the reference starting at `source[start]` (an '&'). Returns the units it stands for and
    /// how many source units it takes, or nil when it is not a well-formed, known reference (then the
    /// '&' is ordinary text). Every reference needs its ';'.
    static func decode(_ source: [UInt16], at start: Int) -> (units: [UInt16], length: Int)? {
        let n = source.count
        var i = start + 1
        guard i < n else { return nil }
        if source[i] == 0x23 { // '#'
            i += 1
            var hex = false
            if i < n && (source[i] == 0x78 || source[i] == 0x58) { hex = true; i += 1 } // x X
            let digitsStart = i
            var value: UInt32 = 0
            while i < n, let d = digit(source[i], hex: hex) {
                if value <= 0x10FFFF { value = value * (hex ? 16 : 10) + d }
                i += 1
                if i - digitsStart > 12 { return nil }
            }
            guard i > digitsStart, i < n, source[i] == 0x3B else { return nil } // ';'
            return (units(ofCodePoint: value), i + 1 - start)
        }
        let nameStart = i
        while i < n, i - nameStart <= longestName, isAlnum(source[i]) { i += 1 }
        guard i > nameStart, i < n, source[i] == 0x3B else { return nil }
        let name = String(decoding: source[nameStart ..< i], as: UTF16.self)
        guard let scalar = named[name] else { return nil }
        return (units(ofCodePoint: scalar), i + 1 - start)
    }

    /// The UTF-16 form of a numeric reference, with the HTML standard's repairs: NUL, surrogates and
    /// values past U+10FFFF become U+FFFD; 0x80...0x9F are read as Windows-1252.
    static func units(ofCodePoint raw: UInt32) -> [UInt16] {
        var value = raw
        if let mapped = windows1252[value] { value = mapped }
        guard value != 0, value <= 0x10FFFF, !(0xD800 ... 0xDFFF).contains(value),
              let scalar = Unicode.Scalar(value) else { return [0xFFFD] }
        return Array(String(Character(scalar)).utf16)
    }

    private static func digit(_ u: UInt16, hex: Bool) -> UInt32? {
        switch u {
        case 0x30 ... 0x39: return UInt32(u - 0x30)
        case 0x61 ... 0x66 where hex: return UInt32(u - 0x61 + 10)
        case 0x41 ... 0x46 where hex: return UInt32(u - 0x41 + 10)
        default: return nil
        }
    }

    private static func isAlnum(_ u: UInt16) -> Bool {
        (0x30 ... 0x39).contains(u) || (0x41 ... 0x5A).contains(u) || (0x61 ... 0x7A).contains(u)
    }
}
