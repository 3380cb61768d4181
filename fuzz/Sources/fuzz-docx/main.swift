// DOCX extraction: any bytes as a ZIP archive (truncated, lying headers, bombs), with small limits so
// that a bomb stops early. Never a crash; what is extracted is well formed.
import ClauseText
import FuzzSupport

fuzz { bytes in
    guard let extracted = try? DocxExtractor.extract(bytes, limits: DocxLimits(maxInflatedBytes: 1 << 20, maxEntries: 64)) else {
        return
    }
    var random = InputRandom(bytes)
    checkMap(extracted.toSource.sourceRange, targetCount: extracted.units.count, sourceCount: extracted.units.count,
             &random, what: "DOCX map")
    for run in extracted.runs {
        precondition(run.range.lowerBound >= 0 && run.range.upperBound <= extracted.units.count, "run \(run.range)")
    }
}
