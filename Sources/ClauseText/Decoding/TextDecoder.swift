#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct DecodeOptions: Sendable {
    /// A charset name ICU knows ("GBK", "big5", "UTF-16LE", ...): skips detection entirely.
    public var encoding: String?
    /// Turn undecodable bytes into U+FFFD instead of failing.
    public var lenient: Bool

    public init(encoding: String? = nil, lenient: Bool = false) {
        self.encoding = encoding
        self.lenient = lenient
    }
}

public struct DecodedText: Sendable {
    /// The decoded text, without a byte order mark.
    public var text: SourceText
    /// "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "GB18030", "Big5", or the name the
    /// user gave.
    public var encoding: String
    /// Lenient mode: how many bad byte sequences became U+FFFD.
    public var substitutions: Int
    /// Lenient mode: the byte offset of the first of them.
    public var firstBadByteOffset: Int?

    public init(text: SourceText, encoding: String, substitutions: Int = 0, firstBadByteOffset: Int? = nil) {
        self.text = text
        self.encoding = encoding
        self.substitutions = substitutions
        self.firstBadByteOffset = firstBadByteOffset
    }
}

/// Bytes to text. A byte order mark wins; then valid UTF-8; then GB18030 or Big5, whichever the bytes
/// fit (UTF-16/32 without a mark only when ICU's detector is sure). A named encoding overrides all.
public enum TextDecoder {
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = .init()) throws(TextError) -> DecodedText {
        let result: Result<DecodedText, TextError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(TextError) -> DecodedText in try decode(buffer, options: options) }
        }
        return try result.get()
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, options: DecodeOptions) throws(TextError) -> DecodedText {
        if let name = options.encoding {
            guard let canonical = ICUCharsets.canonicalName(name) else { throw .unknownEncoding(name) }
            let charset: Charset = canonical == "UTF-8" ? .utf8 : .named(icu: name, canonical: canonical)
            return try decode(bytes, as: charset, label: name, lenient: options.lenient)
        }
        if bytes.isEmpty { return DecodedText(text: SourceText(units: []), encoding: "UTF-8") }
        if let marked = byteOrderMark(bytes) {
            return try decode(bytes, as: marked, label: marked.label, lenient: options.lenient)
        }
        if let nul = firstNUL(bytes) {
            // Only UTF-16/32 text has NUL bytes, and only ICU's detector being sure makes it that.
            if let wide = confidentWideCharset(bytes) {
                return try decode(bytes, as: wide, label: wide.label, lenient: options.lenient)
            }
            throw .binary(byteOffset: nul)
        }
        switch UTF8Transcoding.transcode(bytes) {
        case let .valid(units):
            return DecodedText(text: SourceText(units: units), encoding: "UTF-8")
        case let .invalid(utf8Offset):
            return try LegacyChinese.decode(bytes, utf8BadOffset: utf8Offset, lenient: options.lenient)
        }
    }

    // MARK: charsets

    enum Charset {
        case utf8, utf16LE, utf16BE, utf32LE, utf32BE, gb18030, big5
        /// Named by the user: `icu` as given, `canonical` ICU's name for it.
        case named(icu: String, canonical: String)

        var label: String {
            switch self {
            case .utf8: "UTF-8"
            case .utf16LE: "UTF-16LE"
            case .utf16BE: "UTF-16BE"
            case .utf32LE: "UTF-32LE"
            case .utf32BE: "UTF-32BE"
            case .gb18030: "GB18030"
            case .big5: "Big5"
            case let .named(icu, _): icu
            }
        }

        /// The name handed to ICU's converter.
        var icuName: String { label }

        /// Bytes per NUL-free code unit: 2 or 4 for UTF-16/32 (whose text is full of NUL bytes), else 1.
        var unitWidth: Int {
            switch self {
            case .utf16LE, .utf16BE: return 2
            case .utf32LE, .utf32BE: return 4
            case let .named(_, canonical):
                let name = canonical.uppercased()
                if name.hasPrefix("UTF-16") || name.hasPrefix("UTF16") || name.hasPrefix("UCS-2") { return 2 }
                if name.hasPrefix("UTF-32") || name.hasPrefix("UTF32") || name.hasPrefix("UCS-4") { return 4 }
                return 1
            default: return 1
            }
        }
    }

    /// The charset a byte order mark announces (UTF-32 marks first: FF FE 00 00 also starts like UTF-16LE's).
    static func byteOrderMark(_ b: UnsafeBufferPointer<UInt8>) -> Charset? {
        let n = b.count
        if n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 { return .utf32LE }
        if n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF { return .utf32BE }
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { return .utf8 }
        if n >= 2 && b[0] == 0xFF && b[1] == 0xFE { return .utf16LE }
        if n >= 2 && b[0] == 0xFE && b[1] == 0xFF { return .utf16BE }
        return nil
    }

    static func firstNUL(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, bytes.count > 0,
              let hit = memchr(base, 0, bytes.count) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// UTF-16/32 without a byte order mark, when ICU's detector is confident of it.
    static func confidentWideCharset(_ bytes: UnsafeBufferPointer<UInt8>) -> Charset? {
        let sample = UnsafeBufferPointer(rebasing: bytes.prefix(64 * 1024))
        for (name, confidence) in ICUCharsets.detect(sample) where confidence >= 60 {
            switch name {
            case "UTF-16LE": return .utf16LE
            case "UTF-16BE": return .utf16BE
            case "UTF-32LE": return .utf32LE
            case "UTF-32BE": return .utf32BE
            default: continue
            }
        }
        return nil
    }

    // MARK: decoding in a known charset

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, as charset: Charset, label: String,
                       lenient: Bool) throws(TextError) -> DecodedText {
        let width = charset.unitWidth
        if width == 1, let nul = firstNUL(bytes) { throw .binary(byteOffset: nul) }
        if width > 1, let nul = firstZeroUnit(bytes, width: width) { throw .binary(byteOffset: nul) }
        if bytes.isEmpty { return DecodedText(text: SourceText(units: []), encoding: label) }

        if case .utf8 = charset {
            let hasMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            let body = UnsafeBufferPointer(rebasing: bytes[(hasMark ? 3 : 0)...])
            switch UTF8Transcoding.transcode(body) {
            case let .valid(units):
                return DecodedText(text: SourceText(units: units), encoding: label)
            case let .invalid(offset):
                guard lenient else { throw .undecodable(encoding: label, byteOffset: offset + (hasMark ? 3 : 0)) }
            }
        }
        let icuName: String = if case .utf8 = charset { "UTF-8" } else { charset.icuName }
        guard let converted = ICUCharsets.toUTF16(bytes, charset: icuName) else { throw .unknownEncoding(label) }
        return try finish(converted, label: label, lenient: lenient)
    }

    /// Drops the byte order mark and applies the lenient / strict policy.
    static func finish(_ conversion: ICUCharsets.Conversion, label: String, lenient: Bool) throws(TextError) -> DecodedText {
        if conversion.substitutions > 0 && !lenient {
            throw .undecodable(encoding: label, byteOffset: conversion.firstBadByteOffset ?? 0)
        }
        var units = conversion.units
        if units.first == 0xFEFF { units.removeFirst() }
        return DecodedText(text: SourceText(units: units), encoding: label,
                           substitutions: conversion.substitutions, firstBadByteOffset: conversion.firstBadByteOffset)
    }

    /// The byte offset of the first all-zero code unit (U+0000) of UTF-16 or UTF-32 text.
    static func firstZeroUnit(_ bytes: UnsafeBufferPointer<UInt8>, width: Int) -> Int? {
        var i = 0
        while i + width <= bytes.count {
            var zero = true
            for k in 0 ..< width where bytes[i + k] != 0 { zero = false; break }
            if zero { return i }
            i += width
        }
        return nil
    }
}
