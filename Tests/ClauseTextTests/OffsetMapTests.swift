import Testing
@testable import ClauseText

@Suite struct OffsetMapTests {
    /// "a&amp;b<i>c</i>" → "a&bc": an entity replaced, tags deleted.
    let map: OffsetMap = {
        var m = OffsetMap()
        m.copy(1)          // a
        m.replace(5, with: 1)  // &amp; → &
        m.copy(1)          // b
        m.replace(3, with: 0)  // <i>
        m.copy(1)          // c
        m.replace(4, with: 0)  // </i>
        return m
    }()

    @Test func lengths() {
        #expect(map.sourceLength == 15)
        #expect(map.targetLength == 4)
    }

    @Test func copiesMapOneToOne() {
        #expect(map.sourceRange(of: 0 ..< 1) == 0 ..< 1)
        #expect(map.sourceRange(of: 2 ..< 3) == 6 ..< 7)
    }

    @Test func blocksAreWidenedWhole() {
        #expect(map.sourceRange(of: 1 ..< 2) == 1 ..< 6)
        #expect(map.targetRange(of: 2 ..< 3) == 1 ..< 2)
    }

    @Test func deletionsAtTheEdgesStayOut() {
        // "c" alone: the <i> before it and the </i> after it are not part of it.
        #expect(map.sourceRange(of: 3 ..< 4) == 10 ..< 11)
        // "bc" spans the <i> between them.
        #expect(map.sourceRange(of: 2 ..< 4) == 6 ..< 11)
    }

    @Test func chainsMapThroughEveryStage() {
        var second = OffsetMap()   // "a&bc" → "abc": drop the &
        second.copy(1); second.replace(1, with: 0); second.copy(2)
        let chain = OffsetMapChain([map, second])
        #expect(chain.sourceRange(of: 1 ..< 3) == 6 ..< 11)
        #expect(chain.targetRange(of: 10 ..< 11) == 2 ..< 3)
    }

    @Test func codePointsLinesAndColumns() {
        let text = SourceText("第一行\r\n𠀀好\n末")
        #expect(text.lineStarts == [0, 5, 9])
        #expect(text.scalarOffset(8) == 7)          // after the surrogate pair
        #expect(text.lineAndColumn(7).line == 2)
        #expect(text.lineAndColumn(7).column == 2)  // 好 is the 2nd code point of line 2
        #expect(text.utf16Offset(ofScalar: 7) == 8)
        #expect(text.lineRange(1) == 0 ..< 3)
    }
}
