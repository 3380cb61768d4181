// Segmentation: sentences are in order, disjoint and inside the text; clauses are inside the text,
// their labels inside them, levels at least 1.
import ClauseText
import FuzzSupport

fuzz { bytes in
    let text = units(of: bytes)
    var end = 0
    for sentence in Segmenter.sentences(in: text) {
        precondition(sentence.lowerBound >= end && sentence.upperBound <= text.count && !sentence.isEmpty,
                     "sentence \(sentence) after \(end) in \(text.count)")
        end = sentence.upperBound
    }
    for clause in Segmenter.clauses(in: text) {
        precondition(clause.range.lowerBound >= 0 && clause.range.upperBound <= text.count, "clause \(clause.range)")
        precondition(clause.label.lowerBound >= clause.range.lowerBound && clause.label.upperBound <= clause.range.upperBound,
                     "label \(clause.label) outside \(clause.range)")
        precondition(clause.level >= 1, "level \(clause.level)")
    }
}
