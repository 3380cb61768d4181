import CICUShim

/// ICU's rule-based transliterators, straight: slow (a few MB/s) but the reference. The normalizer
/// only reads their rules; tests compare against these.
enum ICUTransliteration {
    /// Runs the transliterator `id` (e.g. "Traditional-Simplified") over `units`.
    static func transliterate(_ units: [UInt16], id: String) -> [UInt16]? {
        var capacity = units.count + 16
        for _ in 0 ..< 4 {
            var result: Int32 = 0
            let out = units.withUnsafeBufferPointer { text in
                [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
                    result = id.withCString { cas_translit($0, text.baseAddress, Int32(text.count), buffer.baseAddress, Int32(buffer.count)) }
                    count = result >= 0 && Int(result) <= buffer.count ? Int(result) : 0
                }
            }
            if result < 0 { return nil }
            if Int(result) > capacity { capacity = Int(result); continue }
            return out
        }
        return nil
    }

    static func transliterate(_ string: String, id: String) -> String? {
        transliterate(Array(string.utf16), id: id).map { String(decoding: $0, as: UTF16.self) }
    }

    /// The source rules of the transliterator `id`, as ICU prints them.
    static func rules(id: String) -> String? {
        var capacity = 64 * 1024
        for _ in 0 ..< 3 {
            var result: Int32 = 0
            let out = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
                result = id.withCString { cas_translit_rules($0, buffer.baseAddress, Int32(buffer.count)) }
                count = result >= 0 && Int(result) <= buffer.count ? Int(result) : 0
            }
            if result < 0 { return nil }
            if Int(result) > capacity { capacity = Int(result) + 1; continue }
            return String(decoding: out, as: UTF16.self)
        }
        return nil
    }
}
