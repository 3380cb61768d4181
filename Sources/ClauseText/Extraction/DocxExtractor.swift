/// Limits that keep a hostile DOCX from eating the machine.
public struct DocxLimits: Sendable {
    /// The most bytes one part (document.xml, styles.xml) may inflate to; checked while inflating.
    public var maxInflatedBytes: Int = 64 << 20
    /// The most entries the ZIP may list.
    public var maxEntries: Int = 10_000

    public init() {}

    public init(maxInflatedBytes: Int = 64 << 20, maxEntries: Int = 10_000) {
        self.maxInflatedBytes = maxInflatedBytes
        self.maxEntries = maxEntries
    }
}

/// The text of a Word document (.docx): the main document part's paragraphs joined by "\n".
///
/// - Text is `w:t`; `w:tab`/`w:ptab` give "\t", `w:br`/`w:cr` give "\n", `w:noBreakHyphen` "-".
/// - Tracked changes: insertions (`w:ins`, `w:moveTo`) are kept, deletions (`w:del`, `w:moveFrom`)
///   dropped; old formatting kept for review (`w:rPrChange`, `w:pPrChange`, ...) is ignored.
/// - Field codes (`w:instrText`) are dropped, field results kept. Hidden text (`w:vanish`) is dropped.
/// - Tables: each cell's paragraphs in document order. Text boxes (`w:txbxContent`) are paragraphs
///   where they stand; of a `mc:AlternateContent` only the first choice is read, not the fallback
///   (which repeats it).
/// - Not read: headers, footers, footnotes, endnotes, comments (other parts of the package).
///
/// Formatting (bold, underline, size) of each run: the document defaults, then the paragraph style
/// and its `w:basedOn` ancestors, then the character style and its ancestors, then the run's own
/// `w:rPr`, each overriding the one before. Limits: bold in styles is treated as a plain setting,
/// not as Word's toggle (bold style + bold run = bold, where Word would sometimes flip it); table
/// styles, numbering and theme fonts are not applied.
///
/// The text is the document's source text for reporting: `toSource` is the identity.
public enum DocxExtractor {
    public static func extract(_ bytes: [UInt8], limits: DocxLimits = .init()) throws(TextError) -> ExtractedText {
        let zip = try ZipArchive(bytes, maxEntries: limits.maxEntries)
        let mainPath = mainDocumentPath(zip, limits: limits) ?? "word/document.xml"
        guard let main = zip.entry(mainPath) else {
            throw .brokenDocx("\(mainPath) is missing: this ZIP is not a Word document")
        }
        let xml = XMLScanner.utf8(fromPart: try zip.read(main, limit: limits.maxInflatedBytes))
        let styles = try readStyles(zip, mainPath: mainPath, limits: limits)
        var reader = DocumentReader(styles: styles)
        do {
            try reader.read(xml)
        } catch {
            throw .brokenDocx("\(mainPath): XML error at byte \(error.offset): \(error.reason)")
        }
        return ExtractedText(units: reader.units, toSource: .identity(length: reader.units.count),
                             runs: reader.runs, bodyFontSizeHalfPoints: reader.bodySize())
    }

    /// The main part named by the package relationships (almost always word/document.xml).
    static func mainDocumentPath(_ zip: ZipArchive, limits: DocxLimits) -> String? {
        guard let rels = zip.entry("_rels/.rels"), let bytes = try? zip.read(rels, limit: limits.maxInflatedBytes),
              let target = relationshipTarget(XMLScanner.utf8(fromPart: bytes), typeSuffix: "/officeDocument")
        else { return nil }
        return resolve(target, against: "")
    }

    /// styles.xml, found through the main part's relationships. A damaged styles part costs only the
    /// inherited formatting, so it is skipped; one that inflates too far is still refused.
    static func readStyles(_ zip: ZipArchive, mainPath: String, limits: DocxLimits) throws(TextError) -> StyleSheet {
        let slash = mainPath.lastIndex(of: "/")
        let folder = slash.map { String(mainPath[..<$0]) } ?? ""
        let file = slash.map { String(mainPath[mainPath.index(after: $0)...]) } ?? mainPath
        var path = (folder.isEmpty ? "" : folder + "/") + "styles.xml"
        if let rels = zip.entry((folder.isEmpty ? "" : folder + "/") + "_rels/\(file).rels"),
           let bytes = try? zip.read(rels, limit: limits.maxInflatedBytes),
           let target = relationshipTarget(XMLScanner.utf8(fromPart: bytes), typeSuffix: "/styles") {
            path = resolve(target, against: folder)
        }
        guard let entry = zip.entry(path) else { return StyleSheet() }
        let bytes: [UInt8]
        do {
            bytes = try zip.read(entry, limit: limits.maxInflatedBytes)
        } catch {
            if case .tooLarge = error { throw error }
            return StyleSheet()
        }
        return (try? StyleSheet(XMLScanner.utf8(fromPart: bytes))) ?? StyleSheet()
    }

    static func relationshipTarget(_ xml: [UInt8], typeSuffix: String) -> String? {
        var scanner = XMLScanner(xml)
        while let event = try? scanner.next() {
            guard case let .start(name, attributes, _) = event, localName(scanner, name) == "Relationship" else { continue }
            var type: String?, target: String?
            for attribute in attributes {
                switch scanner.text(attribute.name) {
                case "Type": type = scanner.string(attribute)
                case "Target": target = scanner.string(attribute)
                default: break
                }
            }
            if let type, type.hasSuffix(typeSuffix), let target { return target }
        }
        return nil
    }

    /// A relationship target relative to `folder` ("/word/x.xml" is from the package root).
    static func resolve(_ target: String, against folder: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = folder.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    static func localName(_ scanner: XMLScanner, _ name: Range<Int>) -> String {
        var start = name.lowerBound
        for k in name where scanner.b[k] == 0x3A { start = k + 1 }
        return String(decoding: scanner.b[start ..< name.upperBound], as: UTF8.self)
    }
}

// MARK: - formatting

/// Run properties as a layer: nil means "not said here, inherit".
struct RunProperties: Equatable {
    var bold: Bool?
    var underline: Bool?
    var sizeHalfPoints: Int?
    var hidden: Bool?

    /// `other` laid over `self`.
    func overlaid(with other: RunProperties) -> RunProperties {
        RunProperties(bold: other.bold ?? bold, underline: other.underline ?? underline,
                      sizeHalfPoints: other.sizeHalfPoints ?? sizeHalfPoints, hidden: other.hidden ?? hidden)
    }

    /// Reads one child of a `w:rPr` into the layer.
    mutating func read(_ local: String, value: String?) {
        switch local {
        case "b": bold = Self.flag(value)
        case "u": underline = value != "none"
        case "sz": if let value, let size = Int(value), size > 0 { sizeHalfPoints = size }
        case "vanish": hidden = Self.flag(value)
        default: break
        }
    }

    /// An OOXML on/off property: absent value means on.
    static func flag(_ value: String?) -> Bool {
        guard let value else { return true }
        return !(value == "0" || value == "false" || value == "off")
    }
}

/// What styles.xml says about run formatting.
struct StyleSheet {
    struct Style {
        var basedOn: String?
        var properties = RunProperties()
    }

    var defaults = RunProperties()
    var paragraphStyles: [String: Style] = [:]
    var characterStyles: [String: Style] = [:]
    var defaultParagraphStyle: String?

    init() {}

    init(_ xml: [UInt8]) throws(XMLScanner.Failure) {
        var scanner = XMLScanner(xml)
        // Where we are: inside docDefaults' rPr, or inside a style (and its rPr).
        var path: [String] = []
        var style: (id: String, type: String, isDefault: Bool, body: Style)?
        var defaultsLayer = RunProperties()
        while let event = try scanner.next() {
            switch event {
            case let .start(name, attributes, selfClosing):
                let local = DocxExtractor.localName(scanner, name)
                let value = attributes.first { DocxExtractor.localName(scanner, $0.name) == "val" }.flatMap(scanner.string)
                if local == "style" {
                    var id = "", type = "", isDefault = false
                    for attribute in attributes {
                        switch DocxExtractor.localName(scanner, attribute.name) {
                        case "styleId": id = scanner.string(attribute) ?? ""
                        case "type": type = scanner.string(attribute) ?? ""
                        case "default": isDefault = RunProperties.flag(scanner.string(attribute))
                        default: break
                        }
                    }
                    style = (id, type, isDefault, Style())
                } else if local == "basedOn", path.last == "style" {
                    style?.body.basedOn = value
                } else if path.last == "rPr", !path.contains(where: { $0.hasSuffix("Change") }) {
                    if path.contains("rPrDefault") {
                        defaultsLayer.read(local, value: value)
                    } else if path.count >= 2, path[path.count - 2] == "style" {
                        style?.body.properties.read(local, value: value)
                    }
                }
                if !selfClosing { path.append(local) }
                if selfClosing && local == "style", let s = style { add(s); style = nil }
            case .end:
                if path.popLast() == "style", let s = style { add(s); style = nil }
            case .text:
                break
            }
        }
        defaults = defaultsLayer
    }

    private mutating func add(_ s: (id: String, type: String, isDefault: Bool, body: Style)) {
        if s.type == "paragraph" {
            paragraphStyles[s.id] = s.body
            if s.isDefault { defaultParagraphStyle = s.id }
        } else if s.type == "character" {
            characterStyles[s.id] = s.body
        }
    }

    /// A style's properties with its ancestors' underneath (a cycle or a chain past 32 stops).
    func resolved(_ id: String?, in table: [String: Style]) -> RunProperties {
        var chain: [RunProperties] = []
        var next = id
        var seen: Set<String> = []
        while let current = next, let style = table[current], !seen.contains(current), chain.count < 32 {
            seen.insert(current)
            chain.append(style.properties)
            next = style.basedOn
        }
        return chain.reversed().reduce(RunProperties()) { $0.overlaid(with: $1) }
    }
}

// MARK: - the document part

/// Reads word/document.xml into text and runs.
struct DocumentReader {
    let styles: StyleSheet
    var units: [UInt16] = []
    var runs: [FormattedRun] = []

    private var path: [Element] = []
    /// Depth in `path` at which skipping started (inside w:del, a fallback, ...), or nil.
    private var skipFrom: Int?
    private var paragraphs = 0
    /// Paragraph styles of the open paragraphs (a text box's paragraphs sit inside another's run).
    private var paragraphStyles: [String?] = []
    /// A nested paragraph ended: the outer one's text goes on on a new line.
    private var breakBeforeText = false
    /// The paragraph mark of the current (or just ended) paragraph is a tracked deletion: it runs on
    /// into the next paragraph without a line break.
    private var markDeleted = false
    private var direct = RunProperties()
    private var characterStyle: String?
    private var cache: [String: RunProperties] = [:]
    private var sizeWeights: [Int: Int] = [:]

    /// The elements the reader tells apart; everything else is transparent.
    enum Element: Equatable {
        case paragraph, paragraphProperties, paragraphMarkProperties, run, runProperties, text, alternateContent, other
        case skipped
    }

    init(styles: StyleSheet) { self.styles = styles }

    static let wordNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]
    static let compatibilityNamespace = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    mutating func read(_ xml: [UInt8]) throws(XMLScanner.Failure) {
        var scanner = XMLScanner(xml)
        var prefixes: [String: String] = [:]  // prefix → namespace, from xmlns declarations
        var kinds: [String: Int] = [:]          // prefix → 0 other, 1 word, 2 compatibility
        var choiceTaken: [Bool] = []            // per open mc:AlternateContent
        while let event = try scanner.next() {
            switch event {
            case let .start(name, attributes, selfClosing):
                for attribute in attributes {
                    let attributeName = scanner.text(attribute.name)
                    if attributeName.hasPrefix("xmlns:") {
                        prefixes[String(attributeName.dropFirst(6))] = scanner.string(attribute)
                        kinds = [:]
                    } else if attributeName == "xmlns" {
                        prefixes[""] = scanner.string(attribute)
                        kinds = [:]
                    }
                }
                let qualified = scanner.text(name)
                let colon = qualified.firstIndex(of: ":")
                let prefix = colon.map { String(qualified[..<$0]) } ?? ""
                let local = colon.map { String(qualified[qualified.index(after: $0)...]) } ?? qualified
                let kind: Int
                if let known = kinds[prefix] { kind = known } else {
                    let namespace = prefixes[prefix] ?? ""
                    kind = Self.wordNamespaces.contains(namespace) ? 1 : namespace == Self.compatibilityNamespace ? 2 : 0
                    kinds[prefix] = kind
                }
                var element = Element.other
                if skipFrom == nil {
                    if kind == 2 {
                        if local == "AlternateContent" { element = .alternateContent; choiceTaken.append(false) }
                        else if local == "Choice" || local == "Fallback" {
                            // Read the first branch only: the others say the same for older readers.
                            if choiceTaken.last == false { choiceTaken[choiceTaken.count - 1] = true } else { element = .skipped }
                        }
                    } else if kind == 1 {
                        element = start(local, attributes: attributes, scanner: scanner)
                    }
                }
                if selfClosing {
                    if element == .paragraph { endParagraph() }
                    if element == .alternateContent { choiceTaken.removeLast() }
                } else {
                    path.append(element)
                    if element == .skipped && skipFrom == nil { skipFrom = path.count - 1 }
                }
            case .end:
                let element = path.removeLast()
                if let from = skipFrom, path.count <= from { skipFrom = nil }
                if skipFrom == nil {
                    switch element {
                    case .paragraph: endParagraph()
                    case .run: direct = RunProperties(); characterStyle = nil
                    case .alternateContent: choiceTaken.removeLast()
                    default: break
                    }
                }
            case let .text(range, cdata):
                guard skipFrom == nil, path.last == .text else { continue }
                append(try scanner.decode(range, cdata: cdata))
            }
        }
    }

    /// A Word element opens; returns how the reader will treat its content.
    private mutating func start(_ local: String, attributes: [XMLScanner.Attribute], scanner: XMLScanner) -> Element {
        let parent = path.last
        switch local {
        case "p":
            if paragraphs > 0 && !markDeleted { units.append(0x0A) }
            markDeleted = false
            paragraphs += 1
            paragraphStyles.append(nil)
            breakBeforeText = false
            return .paragraph
        case "pPr" where parent == .paragraph:
            return .paragraphProperties
        case "rPr" where parent == .paragraphProperties:
            return .paragraphMarkProperties
        case "del" where parent == .paragraphMarkProperties:
            markDeleted = true
            return .skipped
        case "pStyle" where parent == .paragraphProperties:
            if !paragraphStyles.isEmpty { paragraphStyles[paragraphStyles.count - 1] = value(attributes, scanner) }
            return .other
        case "r":
            direct = RunProperties()
            characterStyle = nil
            return .run
        case "rPr" where parent == .run:
            return .runProperties
        case "rStyle" where parent == .runProperties:
            characterStyle = value(attributes, scanner)
            return .other
        case "t" where parent == .run:
            return .text
        case "tab", "ptab":
            if parent == .run { append([0x09]) }
            return .other
        case "br", "cr":
            if parent == .run { append([0x0A]) }
            return .other
        case "noBreakHyphen":
            if parent == .run { append([0x2D]) }
            return .other
        case "del", "moveFrom", "instrText", "delText", "delInstrText":
            return .skipped
        default:
            if local.hasSuffix("Change") { return .skipped }  // formatting before a tracked change
            if parent == .runProperties { direct.read(local, value: value(attributes, scanner)) }
            return .other
        }
    }

    private func value(_ attributes: [XMLScanner.Attribute], _ scanner: XMLScanner) -> String? {
        attributes.first { DocxExtractor.localName(scanner, $0.name) == "val" }.flatMap(scanner.string)
    }

    private mutating func endParagraph() {
        _ = paragraphStyles.popLast()
        if !paragraphStyles.isEmpty { breakBeforeText = true }
    }

    /// Text of the current run: appended with its effective formatting, unless hidden.
    private mutating func append(_ text: [UInt16]) {
        guard !text.isEmpty else { return }
        let properties = effective()
        if properties.hidden == true { return }
        if breakBeforeText { units.append(0x0A); breakBeforeText = false }
        let start = units.count
        units.append(contentsOf: text)
        let bold = properties.bold ?? false, underline = properties.underline ?? false
        if let size = properties.sizeHalfPoints { sizeWeights[size, default: 0] += text.count }
        if var last = runs.last, last.range.upperBound == start, last.bold == bold, last.underline == underline,
           last.fontSizeHalfPoints == properties.sizeHalfPoints {
            last.range = last.range.lowerBound ..< units.count
            runs[runs.count - 1] = last
        } else {
            runs.append(FormattedRun(range: start ..< units.count, bold: bold, underline: underline,
                                     fontSizeHalfPoints: properties.sizeHalfPoints))
        }
    }

    /// Defaults, paragraph style, character style, direct formatting: later layers win.
    private mutating func effective() -> RunProperties {
        let paragraphStyle = (paragraphStyles.last ?? nil) ?? styles.defaultParagraphStyle
        let key = (paragraphStyle ?? "") + "\u{1}" + (characterStyle ?? "")
        let inherited: RunProperties
        if let cached = cache[key] {
            inherited = cached
        } else {
            inherited = styles.defaults
                .overlaid(with: styles.resolved(paragraphStyle, in: styles.paragraphStyles))
                .overlaid(with: styles.resolved(characterStyle, in: styles.characterStyles))
            cache[key] = inherited
        }
        return inherited.overlaid(with: direct)
    }

    /// The size most of the text is set in (ties go to the smaller size).
    func bodySize() -> Int? {
        sizeWeights.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }
}
