import CICUShim

/// What the normalizer needs to know about a UTF-16 unit, looked up in one 64K table built from ICU's
/// properties once. Supplementary code points (rare in contracts) ask ICU directly.
struct CharacterClasses: Sendable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// Invisible: a format character (Cf) that is not drawn. Removed by stage 1.
        static let invisible = Flags(rawValue: 1)
        /// A Han character (script Han: ideographs, 々, 〇, radicals).
        static let han = Flags(rawValue: 2)
        /// CJK punctuation that only Chinese and Japanese text uses (。、「」《》…).
        static let cjkPunctuation = Flags(rawValue: 4)
        /// Punctuation that full-width CJK punctuation becomes under NFKC (，→ , （→ ( …), and quotes.
        static let sharedPunctuation = Flags(rawValue: 8)
        /// Horizontal white space (not line breaks).
        static let horizontalSpace = Flags(rawValue: 16)
    }

    private let table: [UInt8]

    init() {
        var table = [UInt8](repeating: 0, count: 0x10000)
        for c in 0 ..< 0x10000 where !(0xD800 ... 0xDFFF).contains(c) {
            table[c] = Self.computeFlags(UInt32(c)).rawValue
        }
        self.table = table
    }

    /// Flags of a BMP unit (a surrogate has none).
    @inline(__always) func flags(_ unit: UInt16) -> Flags { Flags(rawValue: table[Int(unit)]) }

    /// Flags of any code point.
    func flags(scalar: UInt32) -> Flags {
        scalar < 0x10000 ? Flags(rawValue: table[Int(scalar)]) : Self.computeFlags(scalar)
    }

    /// Direct access for hot loops.
    func withTable<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { table.withUnsafeBufferPointer(body) }

    static func computeFlags(_ c: UInt32) -> Flags {
        let icu = cas_char_flags(c)
        var flags: Flags = []
        if Int(icu) & CAS_CHAR_FORMAT != 0 && Int(icu) & CAS_CHAR_VISIBLE_FORMAT == 0 {
            flags.insert(.invisible)
        }
        if Int(icu) & CAS_CHAR_HAN != 0 { flags.insert(.han) }
        switch c {
        case 0x0009, 0x0020, 0x00A0, 0x1680, 0x2000 ... 0x200A, 0x202F, 0x205F, 0x3000:
            flags.insert(.horizontalSpace)
        case 0x3001 ... 0x303F, 0xFE10 ... 0xFE1F, 0xFE30 ... 0xFE4F, 0xFF01 ... 0xFF65:
            if Int(icu) & CAS_CHAR_HAN == 0 { flags.insert(.cjkPunctuation) }
        case 0x0021, 0x0022, 0x0027, 0x0028, 0x0029, 0x002C, 0x002E, 0x003A, 0x003B, 0x003F, 0x005B, 0x005D,
             0x00B7, 0x2014, 0x2018 ... 0x201F, 0x2026:
            flags.insert(.sharedPunctuation)
        default: break
        }
        return flags
    }
}
