// LOCAL ONLY – replaced by the real text layer from wt-text / wt-extract.
public struct FormattedRun: Sendable, Equatable { public var range: Range<Int>; public var bold = false; public var underline = false; public var fontSizeHalfPoints: Int? }
public struct ExtractedText: Sendable {
    public var units: [UInt16]; public var toSource: OffsetMap; public var runs: [FormattedRun] = []; public var bodyFontSizeHalfPoints: Int?
    public init(units: [UInt16], toSource: OffsetMap, runs: [FormattedRun] = []) { self.units = units; self.toSource = toSource; self.runs = runs }
}
public struct NormalizedText: Sendable { public let units: [UInt16]; public let toInput: OffsetMapChain; public var string: String { String(decoding: units, as: UTF16.self) } }
public final class Normalizer: Sendable {
    public static let shared = Normalizer()
    public func normalize(_ units: [UInt16]) -> NormalizedText { NormalizedText(units: units, toInput: OffsetMapChain()) }
    public func normalize(_ string: String) -> String { string }
}
public struct Clause: Sendable, Equatable { public var label: Range<Int>; public var range: Range<Int>; public var level: Int }
public enum Segmenter {
    public static func sentences(in units: [UInt16]) -> [Range<Int>] {
        var out: [Range<Int>] = []; var s = 0
        for (i, u) in units.enumerated() where u == 0x3002 || u == 0x0A { out.append(s ..< i + 1); s = i + 1 }
        if s < units.count { out.append(s ..< units.count) }
        return out
    }
    public static func clauses(in units: [UInt16]) -> [Clause] { [] }
}
public struct DecodeOptions: Sendable { public var encoding: String?; public var lenient: Bool; public init(encoding: String? = nil, lenient: Bool = false) { self.encoding = encoding; self.lenient = lenient } }
public struct DecodedText: Sendable { public var text: SourceText; public var encoding: String; public var substitutions: Int; public var firstBadByteOffset: Int? }
public enum TextDecoder { public static func decode(_ bytes: [UInt8], options: DecodeOptions = .init()) throws(TextError) -> DecodedText { DecodedText(text: SourceText(String(decoding: bytes, as: UTF8.self)), encoding: "UTF-8", substitutions: 0) } }
public enum HTMLExtractor { public static func extract(_ source: [UInt16]) -> ExtractedText { ExtractedText(units: source, toSource: .identity(length: source.count)) } }
public struct DocxLimits: Sendable { public var maxInflatedBytes: Int = 64 << 20; public var maxEntries: Int = 10_000; public init() {} }
public enum DocxExtractor { public static func extract(_ bytes: [UInt8], limits: DocxLimits = .init()) throws(TextError) -> ExtractedText { throw .brokenDocx("placeholder") } }
