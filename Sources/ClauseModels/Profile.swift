import Foundation

/// The repository's own description of one published model contract (示范文本): who issued it, how it
/// is laid out, what it gives the consumer and the figures it fixes. Not the text itself: a user who
/// has the text passes it with `--model PATH`. See model-contracts/README.md for the file format.
public struct ModelProfile: Sendable {
    public var id: String
    public var code: String?
    /// What the profile could not establish, or anything else a reviewer should know.
    public var note: String?
    public var title: String
    public var issuers: [String]
    public var year: Int
    public var sector: String
    /// Names the text goes by in contract headers (团队境内旅游合同).
    public var aliases: [String]
    /// Short phrases that tell this text from its siblings (出境社 for the outbound tour text).
    public var markers: [String]
    public var business: [String]
    public var consumer: [String]
    public var sources: [String]
    public var outline: [Article]
    public var protections: [Protection]
    public var figures: [Figure]
    /// Where the profile was read from, for messages.
    public var file: String

    public var issuer: String { issuers.joined(separator: "、") }

    public struct Article: Sendable, Equatable {
        public var number: Int
        /// As the text writes it: 第十三条, or 八、 for texts numbered with items.
        public var label: String
        public var title: String
        public var chapter: String?
        public init(number: Int, label: String, title: String, chapter: String?) {
            self.number = number
            self.label = label
            self.title = title
            self.chapter = chapter
        }
    }

    /// A consumer protection and the test for whether a contract keeps it.
    public struct Protection: Sendable {
        public var id: String
        /// The article it stands in; nil when the source does not say (the whole text is searched).
        public var article: Int?
        /// What it gives the consumer, in our words.
        public var protects: String
        /// Every pattern must match within the article (in text without white space) for the
        /// protection to be there.
        public var find: [ProfilePattern]
        /// A match of any of these where the protection was found means it was cut back.
        public var weakenedIf: [ProfilePattern]
        public var line: Int
    }

    public enum Preference: String, Sendable, CaseIterable { case lower, higher }
    public enum FigureKind: String, Sendable, CaseIterable { case value, schedule }

    /// A number the model text fixes: one value (a window in days, a cap) or a schedule of
    /// percentages by days before a date (refunds, deductions, penalties).
    public struct Figure: Sendable {
        public var id: String
        public var article: Int?
        public var what: String
        public var kind: FigureKind
        /// Which way the consumer is better off.
        public var consumerPrefers: Preference
        public var unit: String?
        /// value: the pattern whose first group is the number, and the model's value.
        public var pattern: ProfilePattern?
        public var value: Double?
        /// schedule: the rows must follow this phrase (within the article), and the model's rows.
        public var anchor: ProfilePattern?
        public var rows: [ScheduleRow]
        public var line: Int
    }

    /// From `from` to `to` days before the date (to ≤ from; 0 is the day itself), `percent` of the price.
    public struct ScheduleRow: Sendable, Equatable, CustomStringConvertible {
        public var from: Int
        public var to: Int
        public var percent: Double
        public init(from: Int, to: Int, percent: Double) {
            self.from = from
            self.to = to
            self.percent = percent
        }

        public var description: String {
            let pct = percent == percent.rounded() ? String(Int(percent)) : String(percent)
            return from == 0 && to == 0 ? "当日 \(pct)%" : "前\(from)日至\(to)日 \(pct)%"
        }
    }

    public func article(_ number: Int?) -> Article? { number.flatMap { n in outline.first { $0.number == n } } }

    /// How the text cites an article (第十三条), or empty when the article is not known.
    func label(_ number: Int?) -> String {
        guard let number else { return "" }
        return article(number)?.label ?? "第\(Numerals.chinese(number))条"
    }
}

/// A test pattern of a profile: a regular expression over text without white space, in which `…`
/// stands for a gap of up to 40 characters inside one sentence. Full-width letters and punctuation
/// match their half-width forms.
public final class ProfilePattern: @unchecked Sendable {
    public let source: String
    let regex: NSRegularExpression

    public init(_ source: String) throws {
        self.source = source
        regex = try NSRegularExpression(pattern: Self.expand(source), options: [])
    }

    /// `…` to a bounded gap; full-width characters to their escaped ASCII forms, so that （ stays a
    /// literal parenthesis after folding.
    static func expand(_ source: String) -> String {
        var out = ""
        for scalar in source.unicodeScalars {
            if scalar == "…" {
                out += "[^。;]{0,40}?"
                continue
            }
            if scalar.value == 0x20 || scalar.value == 0x3000 { continue }
            let folded = CompactText.fold(UInt16(truncatingIfNeeded: scalar.value))
            if scalar.value <= 0xFFFF, folded != UInt16(scalar.value) {
                let ascii = Character(Unicode.Scalar(folded)!)
                out += "\\^$.|?*+()[]{}".contains(ascii) ? "\\\(ascii)" : String(ascii)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The first match in a compact text, as a compact range, and its first group when there is one.
    func firstMatch(in text: CompactText, from: Int = 0) -> (range: Range<Int>, group: Range<Int>?)? {
        let string = text.string
        let ns = string as NSString
        guard from <= ns.length,
              let m = regex.firstMatch(in: string, range: NSRange(location: from, length: ns.length - from)) else { return nil }
        let group: Range<Int>? = m.numberOfRanges > 1 && m.range(at: 1).location != NSNotFound
            ? m.range(at: 1).location ..< m.range(at: 1).location + m.range(at: 1).length : nil
        return (m.range.location ..< m.range.location + m.range.length, group)
    }
}
