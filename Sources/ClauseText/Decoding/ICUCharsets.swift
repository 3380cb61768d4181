import CICUShim

/// Thin Swift wrappers over the charset half of the ICU shim. Nothing here knows about detection
/// policy; `TextDecoder` decides, these only convert and ask.
enum ICUCharsets {
    struct Conversion {
        var units: [UInt16]
        var substitutions: Int
        var firstBadByteOffset: Int?
    }

    /// ICU's own name for a charset name or alias, or nil when ICU does not know it.
    static func canonicalName(_ charset: String) -> String? {
        var name = [CChar](repeating: 0, count: 128)
        let status = charset.withCString { cas_charset_name($0, &name, Int32(name.count)) }
        guard status == 0 else { return nil }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Converts `bytes` to UTF-16, every bad sequence becoming one U+FFFD. Returns nil only when ICU
    /// cannot open the converter.
    static func toUTF16(_ bytes: UnsafeBufferPointer<UInt8>, charset: String) -> Conversion? {
        // Two units per byte covers every converter we use; ICU reports the exact need otherwise.
        var capacity = bytes.count * 2 + 16
        for _ in 0 ..< 3 {
            var badOffset: Int32 = -1, badLength: Int32 = 0, substitutions: Int32 = 0
            var written: Int32 = 0
            let units = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
                written = charset.withCString {
                    cas_convert_to_utf16($0, bytes.baseAddress, Int32(bytes.count), buffer.baseAddress,
                                         Int32(buffer.count), 1, &badOffset, &badLength, &substitutions)
                }
                count = written >= 0 && Int(written) <= buffer.count ? Int(written) : 0
            }
            if written < 0 { return nil }
            if Int(written) > capacity { capacity = Int(written); continue }
            return Conversion(units: units, substitutions: Int(substitutions),
                              firstBadByteOffset: badOffset >= 0 ? Int(badOffset) : nil)
        }
        return nil
    }

    /// UTF-16 to `charset`; characters it lacks become the charset's substitution bytes.
    static func fromUTF16(_ units: [UInt16], charset: String) -> [UInt8]? {
        var capacity = units.count * 4 + 16
        for _ in 0 ..< 3 {
            var written: Int32 = 0
            let bytes = units.withUnsafeBufferPointer { text in
                [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                    written = charset.withCString {
                        cas_convert_from_utf16($0, text.baseAddress, Int32(text.count), buffer.baseAddress,
                                               Int32(buffer.count))
                    }
                    count = written >= 0 && Int(written) <= buffer.count ? Int(written) : 0
                }
            }
            if written < 0 { return nil }
            if Int(written) > capacity { capacity = Int(written); continue }
            return bytes
        }
        return nil
    }

    /// ICU's detector's opinions: (name, confidence 0...100), best first.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> [(name: String, confidence: Int)] {
        let nameCapacity = 32, capacity = 48
        var names = [CChar](repeating: 0, count: nameCapacity * capacity)
        var confidences = [Int32](repeating: 0, count: capacity)
        let count = cas_detect_charsets(bytes.baseAddress, Int32(bytes.count), &names, Int32(nameCapacity),
                                        &confidences, Int32(capacity))
        guard count > 0 else { return [] }
        return (0 ..< min(Int(count), capacity)).map { i in
            let raw = names[(i * nameCapacity) ..< ((i + 1) * nameCapacity)].prefix { $0 != 0 }
            return (String(decoding: raw.map { UInt8(bitPattern: $0) }, as: UTF8.self), Int(confidences[i]))
        }
    }
}

/// Encodes text in any charset ICU knows: for tests and benchmarks that need GB18030, Big5 or UTF-16
/// files. Characters the charset lacks become its substitution bytes; an unknown charset gives [].
public enum TextEncoder {
    public static func encode(_ string: String, as charset: String) -> [UInt8] {
        ICUCharsets.fromUTF16(Array(string.utf16), charset: charset) ?? []
    }
}
