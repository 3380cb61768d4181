@testable import ClauseReport
import ClauseTestSupport
import Foundation
import Testing

/// The layout's fast path (findings and styles bucketed by paragraph, a sweep within each) gives
/// exactly what the plain reading of its rules gives, and a dense document is laid out quickly.
struct ReportHTMLLayoutPropertyTests {
    @Test func sameAsThePlainLayoutOnRandomInput() {
        var rng = SeededRandom(seed: 0xA11CE)
        for round in 0 ..< 300 {
            let length = Int(rng.next() % 40)
            let units: [UInt16] = (0 ..< length).map { _ in rng.next() % 5 == 0 ? 0x0A : (rng.next() % 7 == 0 ? 0x20 : 0x41 + UInt16(rng.next() % 3)) }
            let ranges: [Range<Int>] = (0 ..< Int(rng.next() % 9)).map { _ in
                let a = Int(rng.next() % UInt64(length + 4)); return a ..< a + Int(rng.next() % 9)
            }
            let styles: [HTMLTextLayout.Style] = (0 ..< Int(rng.next() % 5)).map { _ in
                let a = Int(rng.next() % UInt64(length + 2))
                return .init(range: a ..< a + Int(rng.next() % 7), bold: rng.next() % 2 == 0, underline: rng.next() % 2 == 0, larger: rng.next() % 3 == 0)
            }
            let fast = HTMLTextLayout(text: units, ranges: ranges, styles: styles)
            let plain = PlainLayout(text: units, ranges: ranges, styles: styles)
            #expect(fast.paragraphs.map(\.segments) == plain.paragraphs.map(\.segments), "round \(round)")
            #expect(fast.paragraphs.map(\.notes) == plain.paragraphs.map(\.notes), "round \(round)")
            #expect(fast.paragraphs.map(\.isBlank) == plain.paragraphs.map(\.isBlank), "round \(round)")
        }
    }

    @Test func aDenseDocumentIsLaidOutQuickly() {
        // 60,000 findings and 60,000 bold runs in 20,000 lines, and one line of 200,000 characters.
        let line = Array("第一条 本店保留最终解释权，概不退换。\n".utf16)
        let units = Array(repeating: line, count: 20_000).flatMap { $0 } + Array(repeating: UInt16(0x41), count: 200_000)
        var ranges: [Range<Int>] = []
        var styles: [HTMLTextLayout.Style] = []
        for i in 0 ..< 20_000 {
            let at = i * line.count
            ranges += [at + 4 ..< at + 13, at + 9 ..< at + 13, at + 14 ..< at + 18]
            styles += [.init(range: at ..< at + 3, bold: true), .init(range: at + 4 ..< at + 6, underline: true), .init(range: at + 14 ..< at + 16, bold: true)]
        }
        let tail = 20_000 * line.count
        for i in 0 ..< 20_000 { ranges.append(tail + i * 10 ..< tail + i * 10 + 5) }
        let started = ContinuousClock.now
        let layout = HTMLTextLayout(text: units, ranges: ranges, styles: styles)
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(layout.paragraphs.count == 20_001)
        #expect(layout.paragraphs[20_000].notes.count == 20_000)
    }
}

/// The layout as its rules read, each paragraph against every finding and style.
struct PlainLayout {
    var paragraphs: [HTMLTextLayout.Paragraph] = []

    init(text units: [UInt16], ranges: [Range<Int>], styles: [HTMLTextLayout.Style]) {
        typealias Segment = HTMLTextLayout.Segment
        typealias Style = HTMLTextLayout.Style
        let count = units.count
        let ranges = ranges.map { min($0.lowerBound, count) ..< min($0.upperBound, count) }
        var bounds: [Range<Int>] = []
        var start = 0
        for (i, u) in units.enumerated() where u == 0x0A {
            bounds.append(start ..< i)
            start = i + 1
        }
        bounds.append(start ..< count)
        var noteParagraph = [Int](repeating: bounds.count - 1, count: ranges.count)
        for (i, r) in ranges.enumerated() {
            noteParagraph[i] = bounds.firstIndex { r.lowerBound <= $0.upperBound } ?? bounds.count - 1
        }
        for (p, bound) in bounds.enumerated() {
            var cuts: Set<Int> = [bound.lowerBound, bound.upperBound]
            var starting: [Int: [Int]] = [:]
            for (i, r) in ranges.enumerated() {
                if r.lowerBound <= bound.upperBound && r.upperBound >= bound.lowerBound {
                    if r.lowerBound > bound.lowerBound { cuts.insert(r.lowerBound) }
                    if r.upperBound < bound.upperBound { cuts.insert(r.upperBound) }
                }
                if noteParagraph[i] == p { starting[max(r.lowerBound, bound.lowerBound), default: []].append(i) }
            }
            let styled = styles.filter { $0.range.lowerBound < bound.upperBound && $0.range.upperBound > bound.lowerBound }
            for style in styled {
                if style.range.lowerBound > bound.lowerBound && style.range.lowerBound < bound.upperBound { cuts.insert(style.range.lowerBound) }
                if style.range.upperBound > bound.lowerBound && style.range.upperBound < bound.upperBound { cuts.insert(style.range.upperBound) }
            }
            let points = cuts.sorted()
            var segments: [Segment] = []
            for (a, b) in zip(points, points.dropFirst()) {
                let covering = ranges.indices.filter { ranges[$0].lowerBound <= a && ranges[$0].upperBound >= b && !ranges[$0].isEmpty }
                var style: Style? = nil
                for s in styled where s.range.lowerBound <= a && s.range.upperBound >= b {
                    var merged = style ?? Style()
                    merged.bold = merged.bold || s.bold
                    merged.underline = merged.underline || s.underline
                    merged.larger = merged.larger || s.larger
                    style = merged
                }
                segments.append(Segment(text: String(decoding: units[a ..< b], as: UTF16.self), covering: covering,
                                        starts: starting.removeValue(forKey: a) ?? [], style: style))
            }
            let rest = starting.values.flatMap { $0 }.sorted()
            if !rest.isEmpty { segments.append(Segment(text: "", covering: [], starts: rest)) }
            let blank = units[bound].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x3000 }
            paragraphs.append(HTMLTextLayout.Paragraph(segments: segments, notes: (0 ..< ranges.count).filter { noteParagraph[$0] == p }, isBlank: blank))
        }
    }
}
