extension Pattern {
    /// Every match of the whole text, left to right and not overlapping, like `allMatches`, given that
    /// no match starts outside `starts` (the prefilter's windows). Each search sees the whole text (so
    /// look-behinds and look-aheads see what they always see) but may only start a match inside the
    /// current window.
    func allMatches(in text: UnsafeBufferPointer<UInt16>, startingWithin starts: [ClosedRange<Int>],
                    scratch: MatchScratch) throws(MatchError) -> [Match] {
        var found: [Match] = []
        var position = 0
        for window in starts where window.upperBound >= position {
            while position <= window.upperBound {
                let from = max(position, window.lowerBound)
                guard let match = try firstMatch(in: text, from: from, to: text.count, startLimit: window.upperBound,
                                                 scratch: scratch) else { break }
                found.append(match)
                position = max(match.range.upperBound, match.range.lowerBound + 1)
            }
        }
        return found
    }
}
