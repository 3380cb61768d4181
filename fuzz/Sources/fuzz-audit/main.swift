// The whole road with the bundled pack: decoding, extraction, normalization with hard wraps joined,
// segmentation, every rule and the stated figures. Oracle: each finding and each figure lies inside
// the user's text and its `text` is exactly the slice its span names; the same bytes give the same
// findings again (no state leaks from one document into the next through the scratch).
import ClauseAudit
import ClauseRules
import ClauseText
import FuzzSupport

let auditor = Auditor(engine: try! RuleEngine(directory: RulePack.bundledDirectory()!))
let scratch = MatchScratch()

func slice(_ source: SourceText, _ span: SourceSpan) -> String {
    source.slice(source.utf16Offset(ofScalar: span.start) ..< source.utf16Offset(ofScalar: span.end))
}

fuzz { bytes in
    let result = auditor.audit(bytes, path: "fuzz.txt", scratch: scratch)
    guard let source = result.prepared?.source else { return }
    for finding in result.findings {
        let r = finding.sourceRange
        precondition(r.lowerBound >= 0 && r.upperBound <= source.units.count, "\(finding.rule.id) at \(r), outside the text")
        precondition(finding.text == source.slice(r), "\(finding.rule.id): text is not the slice at \(r)")
        precondition(finding.span.start == source.scalarOffset(r.lowerBound) && finding.span.end == source.scalarOffset(r.upperBound),
                     "\(finding.rule.id): span \(finding.span) is not \(r)")
    }
    for figure in result.figures {
        precondition(figure.text == slice(source, figure.span), "figure \(figure.text) is not the slice at \(figure.span)")
    }
    let again = auditor.audit(bytes, path: "fuzz.txt", scratch: scratch)
    precondition(again.findings.map(\.sourceRange) == result.findings.map(\.sourceRange), "a second audit differs")
}
