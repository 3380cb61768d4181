/// The visible text of an HTML document, with a map from every extracted unit back to the markup.
///
/// A hand-written scanner over UTF-16, close to what a browser shows without running scripts:
/// - dropped: `<head>` (with `<title>`), `<script>`, `<style>`, `<noscript>`, `<template>`, `<iframe>`,
///   comments, doctype, processing instructions, elements with `hidden` or `display:none`/`visibility:hidden`;
/// - character references decode (a named set, see `HTMLEntities`, and numeric ones); one that is
///   unknown or lacks its ';' stays as written;
/// - block elements (p, div, li, tr, h1–h6, table, ...) start and end a line: at most one "\n" between
///   blocks; `<br>` always gives a "\n", but never more than one blank line in a row; table cells in a
///   row are separated by "\t";
/// - white space in normal flow collapses to one space, and none at the start or end of a line; `<pre>`
///   keeps it as written.
///
/// Mapping: a copied character is a copy; an entity is a block (`&amp;` 5 units → 1); a tag that gives a
/// line break, a tab or nothing is a block of its length → 1 or 0; a collapsed white-space run is a block
/// → 1 or 0. So `toSource.sourceRange(of:)` of any extracted range lands on the markup it came from.
///
/// Robustness: no recursion; open elements live on an explicit stack capped at `maxDepth` (deeper
/// start tags still act on the text, they are just not remembered for formatting); unclosed tags,
/// stray `<`, `>` inside quoted attribute values and upper-case names are handled as browsers do.
public enum HTMLExtractor {
    /// How many open elements are remembered; deeper ones are treated as already closed.
    public static let maxDepth = 512

    public static func extract(_ source: [UInt16]) -> ExtractedText {
        var scanner = HTMLScanner(source)
        scanner.run()
        return scanner.finish()
    }
}

private struct Format: Hashable {
    var bold = false
    var underline = false
    var sizeHalfPoints: Int?
}

/// What an element passes on to its content.
private struct FlowState {
    var format: Int32 = 0  // index into the scanner's format table
    var pre = false
    var hidden = false
}

private struct OpenElement {
    var hash: UInt64
    var tag: HTMLTag?
    var state: FlowState
}

/// The few attribute facts the extractor uses.
private struct TagAttributes {
    var hidden = false
    var style: Range<Int>?
}

private let lt: UInt16 = 0x3C, gt: UInt16 = 0x3E, amp: UInt16 = 0x26, slash: UInt16 = 0x2F
private let bang: UInt16 = 0x21, question: UInt16 = 0x3F, dash: UInt16 = 0x2D
private let newline: UInt16 = 0x0A, tab: UInt16 = 0x09, space: UInt16 = 0x20

@inline(__always) private func isHTMLSpace(_ u: UInt16) -> Bool {
    u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0C || u == 0x0D
}

@inline(__always) private func isASCIILetter(_ u: UInt16) -> Bool {
    (0x41 ... 0x5A).contains(u) || (0x61 ... 0x7A).contains(u)
}

private struct HTMLScanner {
    let src: [UInt16]
    var i = 0

    var out: [UInt16] = []
    var unitFormat: [Int32] = []
    var map = MapBuilder()
    /// Blocks that produced white space (a collapsed space, a line break, a tab) still at the end of
    /// `out`: a later line break or the end of the document may take them back.
    var trailingGenerated: [Int] = []

    var stack: [OpenElement] = []
    /// How many elements of each name are open: end tags of names not open cost nothing.
    var openCount: [UInt64: Int] = [:]
    var formats: [Format] = [Format()]
    var formatIndex: [Format: Int32] = [Format(): 0]

    init(_ source: [UInt16]) { src = source }

    var state: FlowState { stack.last?.state ?? FlowState() }
    var headOpen: Bool { openCount[HTMLTag.headHash, default: 0] > 0 }

    // MARK: the main loop

    mutating func run() {
        let n = src.count
        if n > 0 && src[0] == 0xFEFF { map.replace(1, with: 0); i = 1 }  // a byte-order mark is not text
        while i < n {
            let u = src[i]
            if u == lt {
                if scanMarkup() { continue }
                text(start: i, length: 1)
                i += 1
            } else if u == amp {
                if headOpen { closeHead() }
                if !state.hidden, let (units, length) = HTMLEntities.decode(src, at: i) {
                    emitReplaced(units, sourceLength: length)
                    i += length
                } else {
                    text(start: i, length: 1)
                    i += 1
                }
            } else if isHTMLSpace(u) {
                var j = i + 1
                while j < n && isHTMLSpace(src[j]) { j += 1 }
                whitespace(start: i, length: j - i)
                i = j
            } else {
                var j = i + 1
                while j < n {
                    let v = src[j]
                    if v == lt || v == amp || isHTMLSpace(v) { break }
                    j += 1
                }
                text(start: i, length: j - i)
                i = j
            }
        }
    }

    mutating func finish() -> ExtractedText {
        takeBackTrailing(all: true)
        return ExtractedText(units: out, toSource: map.build(), runs: buildRuns())
    }

    // MARK: text

    /// Ordinary characters, copied unless hidden. Text in <head> ends the head, as in a browser.
    mutating func text(start: Int, length: Int) {
        if headOpen { closeHead() }
        let s = state
        if s.hidden { map.replace(length, with: 0); return }
        out.append(contentsOf: src[start ..< start + length])
        unitFormat.append(contentsOf: repeatElement(s.format, count: length))
        map.copy(length)
        trailingGenerated.removeAll(keepingCapacity: true)
    }

    mutating func emitReplaced(_ units: [UInt16], sourceLength: Int) {
        let s = state
        out.append(contentsOf: units)
        unitFormat.append(contentsOf: repeatElement(s.format, count: units.count))
        map.replace(sourceLength, with: units.count)
        trailingGenerated.removeAll(keepingCapacity: true)
    }

    mutating func whitespace(start: Int, length: Int) {
        let s = state
        if s.hidden { map.replace(length, with: 0); return }
        if s.pre {
            out.append(contentsOf: src[start ..< start + length])
            unitFormat.append(contentsOf: repeatElement(s.format, count: length))
            map.copy(length)
            trailingGenerated.removeAll(keepingCapacity: true)
            return
        }
        // One space, and only between things on a line.
        if let last = out.last, last != newline, last != tab, last != space {
            emitGenerated(space, sourceLength: length, format: s.format)
        } else {
            map.replace(length, with: 0)
        }
    }

    mutating func emitGenerated(_ unit: UInt16, sourceLength: Int, format: Int32 = 0) {
        out.append(unit)
        unitFormat.append(format)
        if let block = map.replace(sourceLength, with: 1) { trailingGenerated.append(block) }
    }

    /// Takes back generated white space at the end of the text: a trailing space before a line break,
    /// or everything at the end of the document.
    mutating func takeBackTrailing(all: Bool) {
        while let block = trailingGenerated.last {
            if !all && out.last != space { break }
            map.retract(block)
            out.removeLast()
            unitFormat.removeLast()
            trailingGenerated.removeLast()
        }
    }

    /// A block edge: the text goes on on a new line (one, however many blocks meet here).
    mutating func blockBreak(tagLength: Int) {
        takeBackTrailing(all: false)
        if let last = out.last, last != newline {
            emitGenerated(newline, sourceLength: tagLength)
        } else {
            map.replace(tagLength, with: 0)
        }
    }

    /// <br>: a new line each time, but no more than one blank line in a row.
    mutating func lineBreak(tagLength: Int) {
        takeBackTrailing(all: false)
        let n = out.count
        if n == 0 || (n >= 2 && out[n - 1] == newline && out[n - 2] == newline) {
            map.replace(tagLength, with: 0)
        } else {
            emitGenerated(newline, sourceLength: tagLength)
        }
    }

    /// A table cell after another on the same line.
    mutating func cellBreak(tagLength: Int) {
        takeBackTrailing(all: false)
        if let last = out.last, last != newline, last != tab {
            emitGenerated(tab, sourceLength: tagLength)
        } else {
            map.replace(tagLength, with: 0)
        }
    }

    // MARK: markup

    /// At a '<': consumes a tag, comment, doctype or processing instruction and returns true, or
    /// returns false when the '<' is just text.
    mutating func scanMarkup() -> Bool {
        let n = src.count
        guard i + 1 < n else { return false }
        let next = src[i + 1]
        if next == bang {
            if i + 3 < n && src[i + 2] == dash && src[i + 3] == dash {
                let end = commentEnd(from: i + 4)
                map.replace(end - i, with: 0)
                i = end
            } else {
                let end = bogusEnd(from: i + 2)
                map.replace(end - i, with: 0)
                i = end
            }
            return true
        }
        if next == question {
            let end = bogusEnd(from: i + 2)
            map.replace(end - i, with: 0)
            i = end
            return true
        }
        if next == slash {
            guard i + 2 < n else { return false }
            let first = src[i + 2]
            if first == gt { map.replace(3, with: 0); i += 3; return true }
            if !isASCIILetter(first) {
                let end = bogusEnd(from: i + 2)
                map.replace(end - i, with: 0)
                i = end
                return true
            }
            let nameEnd = nameEnd(from: i + 2)
            let hash = HTMLTag.hash(src[i + 2 ..< nameEnd])
            let (end, _, _) = attributes(from: nameEnd)
            endTag(hash: hash, tag: HTMLTag.byHash[hash], length: end - i)
            i = end
            return true
        }
        guard isASCIILetter(next) else { return false }
        let nameEnd = nameEnd(from: i + 1)
        let hash = HTMLTag.hash(src[i + 1 ..< nameEnd])
        let (end, attrs, selfClosing) = attributes(from: nameEnd)
        startTag(hash: hash, tag: HTMLTag.byHash[hash], attrs: attrs, selfClosing: selfClosing, tagEnd: end)
        return true
    }

    /// After "<!--": the offset just past the closing "-->" (or the end of input). "<!-->" and
    /// "<!--->" are empty comments, as browsers read them.
    func commentEnd(from start: Int) -> Int {
        let n = src.count
        if start < n && src[start] == gt { return start + 1 }
        if start + 1 < n && src[start] == dash && src[start + 1] == gt { return start + 2 }
        var j = start
        while j + 2 < n {
            if src[j] == dash && src[j + 1] == dash && src[j + 2] == gt { return j + 3 }
            j += 1
        }
        return n
    }

    /// A doctype, processing instruction or bogus comment ends at the next '>'.
    func bogusEnd(from start: Int) -> Int {
        var j = start
        while j < src.count {
            if src[j] == gt { return j + 1 }
            j += 1
        }
        return src.count
    }

    func nameEnd(from start: Int) -> Int {
        var j = start
        while j < src.count {
            let u = src[j]
            if isHTMLSpace(u) || u == slash || u == gt { break }
            j += 1
        }
        return j
    }

    /// Reads attributes up to the tag's '>' (quoted values may hold '>'). Returns the offset after the
    /// tag (the end of input when it never closes: then the tag swallows the rest, as in a browser),
    /// the attributes the extractor cares about, and whether the tag ended with "/>".
    func attributes(from start: Int) -> (end: Int, TagAttributes, selfClosing: Bool) {
        let n = src.count
        var attrs = TagAttributes()
        var j = start
        var selfClosing = false
        while j < n {
            let u = src[j]
            if u == gt { return (j + 1, attrs, selfClosing) }
            if isHTMLSpace(u) { j += 1; continue }
            if u == slash { selfClosing = true; j += 1; continue }
            selfClosing = false
            let nameStart = j
            j += 1  // a name may start with any character but '>' (even '=')
            while j < n {
                let v = src[j]
                if isHTMLSpace(v) || v == slash || v == gt || v == 0x3D { break }
                j += 1
            }
            let name = src[nameStart ..< j]
            while j < n && isHTMLSpace(src[j]) { j += 1 }
            var value: Range<Int>?
            if j < n && src[j] == 0x3D { // '='
                j += 1
                while j < n && isHTMLSpace(src[j]) { j += 1 }
                if j < n && (src[j] == 0x22 || src[j] == 0x27) {
                    let quote = src[j]
                    let valueStart = j + 1
                    j = valueStart
                    while j < n && src[j] != quote { j += 1 }
                    value = valueStart ..< j
                    if j < n { j += 1 }
                } else {
                    let valueStart = j
                    while j < n && !isHTMLSpace(src[j]) && src[j] != gt { j += 1 }
                    value = valueStart ..< j
                }
            }
            if Self.equalsLower(name, "style") { attrs.style = value }
            else if Self.equalsLower(name, "hidden") { attrs.hidden = true }
        }
        return (n, attrs, selfClosing)
    }

    static func equalsLower(_ s: ArraySlice<UInt16>, _ ascii: StaticString) -> Bool {
        guard s.count == ascii.utf8CodeUnitCount else { return false }
        var k = 0
        for u in s {
            let lower = (0x41 ... 0x5A).contains(u) ? u + 0x20 : u
            if lower != UInt16(ascii.utf8Start[k]) { return false }
            k += 1
        }
        return true
    }

    // MARK: elements

    mutating func startTag(hash: UInt64, tag: HTMLTag?, attrs: TagAttributes, selfClosing: Bool, tagEnd: Int) {
        let length = tagEnd - i
        if headOpen && !(tag?.allowedInHead ?? false) { closeHead() }
        closeImplied(by: hash, tag: tag)

        if tag == .rawDropped {
            // The content is not markup: everything up to the matching end tag goes.
            let end = selfClosing ? tagEnd : rawTextEnd(from: tagEnd, hash: hash)
            map.replace(end - i, with: 0)
            i = end
            return
        }

        let parent = state
        if parent.hidden {
            map.replace(length, with: 0)
        } else if let tag {
            switch tag {
            case .br: lineBreak(tagLength: length)
            case .cell: cellBreak(tagLength: length)
            default:
                if tag.breaksLine { blockBreak(tagLength: length) } else { map.replace(length, with: 0) }
            }
        } else {
            map.replace(length, with: 0)
        }
        i = tagEnd

        if tag?.isVoid == true || selfClosing || stack.count >= HTMLExtractor.maxDepth { return }
        stack.append(OpenElement(hash: hash, tag: tag, state: derive(parent, hash: hash, tag: tag, attrs: attrs)))
        openCount[hash, default: 0] += 1
    }

    mutating func endTag(hash: UInt64, tag: HTMLTag?, length: Int) {
        if tag == .br {  // browsers read </br> as <br>
            if state.hidden { map.replace(length, with: 0) } else { lineBreak(tagLength: length) }
            return
        }
        if openCount[hash, default: 0] > 0, let k = stack.lastIndex(where: { $0.hash == hash }) {
            pop(to: k)
        }
        if state.hidden {
            map.replace(length, with: 0)
        } else if let tag, tag.breaksLine {
            blockBreak(tagLength: length)
        } else {
            map.replace(length, with: 0)
        }
    }

    /// Removes the element at `index` and everything opened inside it.
    mutating func pop(to index: Int) {
        while stack.count > index {
            let element = stack.removeLast()
            openCount[element.hash, default: 1] -= 1
        }
    }

    mutating func closeHead() {
        if let k = stack.lastIndex(where: { $0.tag == .head }) { pop(to: k) }
    }

    /// Start tags that close an open element without its end tag: a block closes an open <p>, <li>
    /// closes the previous <li>, and so on (the common cases of the HTML standard's rules).
    mutating func closeImplied(by hash: UInt64, tag: HTMLTag?) {
        guard let tag else { return }
        switch tag {
        case .listItem:
            close([HTMLTag.liHash], stoppingAt: [.block, .cell])
        case .definition:
            close([HTMLTag.dtHash, HTMLTag.ddHash], stoppingAt: [.block, .cell])
        case .row:
            close([HTMLTag.trHash], stoppingAt: [.block])
        case .cell:
            close([HTMLTag.tdHash, HTMLTag.thHash], stoppingAt: [.row, .block])
        case .option:
            close([HTMLTag.optionHash], stoppingAt: [.block])
        default:
            break
        }
        if tag.breaksLine && tag != .body {
            close([HTMLTag.pHash], stoppingAt: [.cell, .html, .hiddenContainer])
        }
    }

    /// Closes the nearest open element named in `hashes`, unless an element of a `boundary` kind is
    /// open inside it.
    mutating func close(_ hashes: [UInt64], stoppingAt boundary: [HTMLTag]) {
        guard hashes.contains(where: { openCount[$0, default: 0] > 0 }) else { return }
        var k = stack.count - 1
        while k >= 0 {
            let element = stack[k]
            if hashes.contains(element.hash) { pop(to: k); return }
            if let tag = element.tag, boundary.contains(tag) { return }
            k -= 1
        }
    }

    /// The end of a raw-text element (script, style, ...): just past "</name ...>", or the end of input.
    func rawTextEnd(from start: Int, hash: UInt64) -> Int {
        let n = src.count
        var j = start
        while j + 1 < n {
            if src[j] == lt && src[j + 1] == slash {
                let nameStart = j + 2
                let end = nameEnd(from: nameStart)
                if end > nameStart && HTMLTag.hash(src[nameStart ..< end]) == hash {
                    return bogusEnd(from: end)
                }
            }
            j += 1
        }
        return n
    }

    // MARK: formatting

    mutating func derive(_ parent: FlowState, hash: UInt64, tag: HTMLTag?, attrs: TagAttributes) -> FlowState {
        var result = parent
        var format = formats[Int(parent.format)]
        switch tag {
        case .bold?, .heading?: format.bold = true
        case .underline?: format.underline = true
        case .pre?: result.pre = true
        case .head?, .hiddenContainer?: result.hidden = true
        case .cell? where hash == HTMLTag.thHash: format.bold = true  // header cells render bold
        default: break
        }
        if attrs.hidden { result.hidden = true }
        if let style = attrs.style { applyStyle(src[style], to: &format, hidden: &result.hidden, pre: &result.pre) }
        result.format = index(of: format)
        return result
    }

    mutating func index(of format: Format) -> Int32 {
        if let k = formatIndex[format] { return k }
        let k = Int32(formats.count)
        formats.append(format)
        formatIndex[format] = k
        return k
    }

    /// Reads the inline-style declarations that matter: weight, underline, size, display, white-space.
    func applyStyle(_ style: ArraySlice<UInt16>, to format: inout Format, hidden: inout Bool, pre: inout Bool) {
        let text = String(decoding: style, as: UTF16.self).lowercased()
        for declaration in text.split(separator: ";") {
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            let property = declaration[..<colon].trimmingSpaces
            var value = declaration[declaration.index(after: colon)...].trimmingSpaces
            if value.hasSuffix("!important") { value = String(value.dropLast(10)).trimmingSpaces }
            switch property {
            case "font-weight":
                if value == "bold" || value == "bolder" { format.bold = true }
                else if let weight = Int(value) { format.bold = weight >= 700 }
                else if value == "normal" || value == "lighter" { format.bold = false }
            case "text-decoration", "text-decoration-line":
                if value.contains("underline") { format.underline = true }
            case "font-size":
                if let size = Self.halfPoints(value) { format.sizeHalfPoints = size }
            case "display":
                if value == "none" { hidden = true }
            case "visibility":
                if value == "hidden" || value == "collapse" { hidden = true }
            case "white-space":
                if value.hasPrefix("pre") { pre = true } else if value == "normal" || value == "nowrap" { pre = false }
            default:
                break
            }
        }
    }

    /// "10.5pt" → 21, "16px" → 24 (a px is ¾ pt); other units say nothing about print size.
    static func halfPoints(_ value: String) -> Int? {
        if value.hasSuffix("pt"), let pt = Double(value.dropLast(2).trimmingSpaces), pt > 0, pt < 1000 {
            return Int((pt * 2).rounded())
        }
        if value.hasSuffix("px"), let px = Double(value.dropLast(2).trimmingSpaces), px > 0, px < 1000 {
            return Int((px * 1.5).rounded())
        }
        return nil
    }

    /// Stretches of the text with the same non-plain format.
    func buildRuns() -> [FormattedRun] {
        var runs: [FormattedRun] = []
        var k = 0
        let n = unitFormat.count
        while k < n {
            let f = unitFormat[k]
            var end = k + 1
            while end < n && unitFormat[end] == f { end += 1 }
            if f != 0 {
                let format = formats[Int(f)]
                if format.bold || format.underline || format.sizeHalfPoints != nil {
                    runs.append(FormattedRun(range: k ..< end, bold: format.bold, underline: format.underline,
                                             fontSizeHalfPoints: format.sizeHalfPoints))
                }
            }
            k = end
        }
        return runs
    }
}

private extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
