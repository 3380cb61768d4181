// HTML extraction: any text (deep nesting, broken tags, entities, scripts). The extracted text maps
// back inside the source, in order; formatting runs lie inside the extracted text.
import ClauseText
import FuzzSupport

fuzz { bytes in
    let source = units(of: bytes)
    let extracted = HTMLExtractor.extract(source)
    var random = InputRandom(bytes)
    checkMap(extracted.toSource.sourceRange, targetCount: extracted.units.count, sourceCount: source.count,
             &random, what: "HTML map")
    for run in extracted.runs {
        precondition(run.range.lowerBound >= 0 && run.range.upperBound <= extracted.units.count, "run \(run.range)")
    }
}
