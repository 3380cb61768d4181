import ClauseRules
import Foundation
import Yams

/// Why a profile could not be loaded: the file, the line, and what is wrong — the same shape as a
/// rule file's error, since profiles are validated the same way.
public typealias ProfileError = RuleLoadError

/// One YAML mapping read strictly, as the rule pack reads its files: unknown keys and missing or
/// ill-shaped values are errors that name the file and line.
struct ProfileFields {
    let file: String
    let node: Node
    let mapping: Node.Mapping

    init(_ node: Node, file: String, what: String, known: Set<String>) throws(ProfileError) {
        guard let mapping = node.mapping else {
            throw ProfileError(file: file, line: node.mark?.line, message: "\(what) must be a mapping")
        }
        self.file = file
        self.node = node
        self.mapping = mapping
        for key in mapping.keys {
            let name = key.string ?? ""
            if !known.contains(name) {
                throw ProfileError(file: file, line: key.mark?.line,
                                   message: "unknown key '\(name)' in \(what) (known: \(known.sorted().joined(separator: ", ")))")
            }
        }
    }

    var line: Int { node.mark?.line ?? 0 }

    func error(_ key: String, _ message: String) -> ProfileError {
        ProfileError(file: file, line: mapping[key]?.mark?.line ?? node.mark?.line, message: message)
    }

    func optionalString(_ key: String) throws(ProfileError) -> String? {
        guard let value = mapping[key] else { return nil }
        guard let scalar = value.scalar else { throw error(key, "'\(key)' must be text") }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    func string(_ key: String) throws(ProfileError) -> String {
        guard let text = try optionalString(key) else { throw error(key, "'\(key)' is required") }
        return text
    }

    func int(_ key: String) throws(ProfileError) -> Int? {
        guard let text = try optionalString(key) else { return nil }
        guard let value = Int(text) else { throw error(key, "'\(key)' must be a whole number, not '\(text)'") }
        return value
    }

    func number(_ key: String) throws(ProfileError) -> Double? {
        guard let text = try optionalString(key) else { return nil }
        guard let value = Double(text) else { throw error(key, "'\(key)' must be a number, not '\(text)'") }
        return value
    }

    /// A list of texts; a single text is a list of one.
    func strings(_ key: String) throws(ProfileError) -> [String] {
        guard let value = mapping[key] else { return [] }
        if let scalar = value.scalar { return scalar.string.isEmpty ? [] : [scalar.string] }
        guard let sequence = value.sequence else { throw error(key, "'\(key)' must be a list") }
        var out: [String] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                throw ProfileError(file: file, line: item.mark?.line, message: "items of '\(key)' must be text")
            }
            out.append(scalar.string)
        }
        return out
    }

    func list(_ key: String) throws(ProfileError) -> [Node] {
        guard let value = mapping[key] else { return [] }
        guard let sequence = value.sequence else { throw error(key, "'\(key)' must be a list") }
        return Array(sequence)
    }

    func patterns(_ key: String) throws(ProfileError) -> [ProfilePattern] {
        var out: [ProfilePattern] = []
        for source in try strings(key) {
            do {
                out.append(try ProfilePattern(source))
            } catch {
                throw self.error(key, "pattern '\(source)' does not compile: \(error.localizedDescription)")
            }
        }
        return out
    }

    func enumValue<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws(ProfileError) -> T?
    where T.RawValue == String {
        guard let raw = try optionalString(key) else { return nil }
        guard let value = T(rawValue: raw) else {
            throw error(key, "'\(key)' must be one of \(T.allCases.map(\.rawValue).joined(separator: " | ")), not '\(raw)'")
        }
        return value
    }
}

extension ModelProfile {
    static let topKeys: Set<String> = [
        "id", "code", "title", "issuer", "year", "sector", "aliases", "markers", "parties", "sources", "note",
        "outline", "protections", "figures",
    ]

    /// Reads and validates one profile file.
    public static func load(file: String) throws(ProfileError) -> ModelProfile {
        let top = try ProfileFields(try parse(file), file: file, what: "a model profile", known: topKeys)
        let id = try top.string("id")
        guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }) else {
            throw top.error("id", "profile id '\(id)' must be lower-case ASCII letters, digits, '-' and '.'")
        }
        guard let year = try top.int("year") else { throw top.error("year", "'year' is required") }
        let issuers = try top.strings("issuer")
        guard !issuers.isEmpty else { throw top.error("issuer", "'issuer' is required") }
        let sources = try top.strings("sources")
        guard !sources.isEmpty else { throw top.error("sources", "'sources' must say where the facts come from") }

        var business: [String] = [], consumer: [String] = []
        if let parties = try top.nestedFields("parties", what: "parties", known: ["business", "consumer"]) {
            business = try parties.strings("business")
            consumer = try parties.strings("consumer")
        }
        guard !business.isEmpty, !consumer.isEmpty else {
            throw top.error("parties", "'parties' must name the business and the consumer side (business: [...], consumer: [...])")
        }

        let outline = try readOutline(top)
        let numbers = Set(outline.map(\.number))
        // An article, when given, must be one of the outline's; without one the whole text is searched.
        func checkArticle(_ fields: ProfileFields, _ what: String) throws(ProfileError) -> Int? {
            guard let article = try fields.int("article") else { return nil }
            guard numbers.contains(article) else {
                throw fields.error("article", "\(what): article \(article) is not in the outline")
            }
            return article
        }

        var protections: [Protection] = []
        var seen = Set<String>()
        for node in try top.list("protections") {
            let f = try ProfileFields(node, file: file, what: "a protection",
                                      known: ["id", "article", "protects", "find", "weakened_if"])
            let pid = try f.string("id")
            guard seen.insert(pid).inserted else { throw f.error("id", "id '\(pid)' is used twice in this profile") }
            let find = try f.patterns("find")
            guard !find.isEmpty else { throw f.error("find", "protection \(pid): 'find' needs at least one pattern") }
            protections.append(Protection(id: pid, article: try checkArticle(f, "protection \(pid)"),
                                          protects: try f.string("protects"), find: find,
                                          weakenedIf: try f.patterns("weakened_if"), line: f.line))
        }

        var figures: [Figure] = []
        for node in try top.list("figures") {
            let f = try ProfileFields(node, file: file, what: "a figure",
                                      known: ["id", "article", "what", "kind", "consumer_prefers", "unit", "pattern",
                                              "value", "anchor", "schedule"])
            let fid = try f.string("id")
            guard seen.insert(fid).inserted else { throw f.error("id", "id '\(fid)' is used twice in this profile") }
            guard let kind = try f.enumValue("kind", FigureKind.self) else { throw f.error("kind", "figure \(fid): 'kind' is required (value | schedule)") }
            guard let prefers = try f.enumValue("consumer_prefers", Preference.self) else {
                throw f.error("consumer_prefers", "figure \(fid): 'consumer_prefers' is required (lower | higher)")
            }
            var figure = Figure(id: fid, article: try checkArticle(f, "figure \(fid)"), what: try f.string("what"),
                                kind: kind, consumerPrefers: prefers, unit: try f.optionalString("unit"),
                                pattern: try f.patterns("pattern").first, value: try f.number("value"),
                                anchor: try f.patterns("anchor").first, rows: [], line: f.line)
            switch kind {
            case .value:
                guard let pattern = figure.pattern, figure.value != nil else {
                    throw f.error("pattern", "figure \(fid): a value needs 'pattern' (its first group is the number) and 'value'")
                }
                guard pattern.regex.numberOfCaptureGroups >= 1 else {
                    throw f.error("pattern", "figure \(fid): the pattern needs a group around the number")
                }
            case .schedule:
                for row in try f.list("schedule") {
                    let r = try ProfileFields(row, file: file, what: "a schedule row", known: ["days", "percent"])
                    let days = try r.string("days")
                    guard let range = Self.days(days) else {
                        throw r.error("days", "figure \(fid): 'days' is N-M (from N to M days before) or 0 (the day itself), not '\(days)'")
                    }
                    guard let percent = try r.number("percent") else { throw r.error("percent", "figure \(fid): 'percent' is required") }
                    figure.rows.append(ScheduleRow(from: range.from, to: range.to, percent: percent))
                }
                guard !figure.rows.isEmpty else { throw f.error("schedule", "figure \(fid): a schedule needs its rows") }
            }
            figures.append(figure)
        }

        return ModelProfile(
            id: id, code: try top.optionalString("code"), note: try top.optionalString("note"), title: try top.string("title"), issuers: issuers, year: year,
            sector: try top.string("sector"), aliases: try top.strings("aliases"), markers: try top.strings("markers"),
            business: business, consumer: consumer, sources: sources, outline: outline,
            protections: protections, figures: figures, file: file)
    }

    /// "6-4" → (6, 4); "0" → (0, 0).
    static func days(_ text: String) -> (from: Int, to: Int)? {
        let parts = text.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        if parts.count == 1, let d = parts[0] { return (d, d) }
        if parts.count == 2, let a = parts[0], let b = parts[1], a >= b { return (a, b) }
        return nil
    }

    /// `outline:` is a list of chapters (`chapter: 第一章 术语和定义`, `articles: [第一条 …]`) or, for a
    /// text without chapters, of chapters without the `chapter` key.
    static func readOutline(_ top: ProfileFields) throws(ProfileError) -> [Article] {
        var articles: [Article] = []
        let chapters = try top.list("outline")
        // A profile whose outline the public sources do not give says so in its note.
        let note = try top.optionalString("note")
        guard !chapters.isEmpty || note != nil else {
            throw top.error("outline", "'outline' must list the articles (or 'note' must say why it cannot)")
        }
        for node in chapters {
            let c = try ProfileFields(node, file: top.file, what: "an outline chapter", known: ["chapter", "articles"])
            let chapter = try c.optionalString("chapter")
            if let chapter {
                let t = Array(chapter.utf16)
                guard let h = Heading.recognize(t, lineStart: 0), h.kind == .chapter || h.kind == .section else {
                    throw c.error("chapter", "'\(chapter)' does not start with 第X章")
                }
            }
            let entries = try c.strings("articles")
            guard !entries.isEmpty else { throw c.error("articles", "a chapter lists its articles") }
            for entry in entries {
                let t = Array(entry.utf16)
                guard let h = Heading.recognize(t, lineStart: 0), h.kind == .article || h.kind.isItem else {
                    throw c.error("articles", "'\(entry)' does not start with an article number (第X条 or 一、)")
                }
                if articles.contains(where: { $0.number == h.number }) {
                    throw c.error("articles", "article number \(h.number) ('\(entry)') appears twice")
                }
                articles.append(Article(number: h.number, label: String(decoding: t[h.label], as: UTF16.self),
                                        title: String(decoding: t[h.title], as: UTF16.self), chapter: chapter))
            }
        }
        return articles
    }

    static func parse(_ file: String) throws(ProfileError) -> Node {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ProfileError(file: file, line: nil, message: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ProfileError(file: file, line: nil, message: "is not UTF-8")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { throw ProfileError(file: file, line: nil, message: "is empty") }
            return node
        } catch let error as ProfileError {
            throw error
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw ProfileError(file: file, line: mark.line, message: "YAML: \(problem)")
            default:
                throw ProfileError(file: file, line: nil, message: "YAML: \(error)")
            }
        } catch {
            throw ProfileError(file: file, line: nil, message: "YAML: \(error)")
        }
    }
}

extension ProfileFields {
    func nestedFields(_ key: String, what: String, known: Set<String>) throws(ProfileError) -> ProfileFields? {
        guard let value = mapping[key] else { return nil }
        return try ProfileFields(value, file: file, what: what, known: known)
    }
}
