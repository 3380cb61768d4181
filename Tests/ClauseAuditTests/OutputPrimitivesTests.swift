import Foundation
import Testing
import ClauseReport
import ClauseAudit

/// The JSON writer copies unescaped runs whole; whatever the string, a JSON parser must read back
/// exactly the string written, and nothing may end a line in JavaScript.
@Test func jsonStringsReadBackExactly() throws {
    let pieces = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{2028}", "\u{2029}", "\u{301}",
                  "最终解释权", "a", "€", "😀", "\u{E2}", "/", " "]
    var generator = SystemRandomNumberGenerator()
    for round in 0 ..< 500 {
        let length = Int.random(in: 0 ... 12, using: &generator)
        let s = (0 ..< length).map { _ in pieces.randomElement(using: &generator)! }.joined()
        let written = JSONValue.array([.string(s)]).serialized()
        #expect(!written.contains("\u{2028}") && !written.contains("\u{2029}"), "round \(round)")
        #expect(!written.unicodeScalars.contains { $0.value < 0x20 }, "round \(round)")
        let read = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String]
        #expect(read == [s], "round \(round): \(written)")
    }
}

@Test func jsonEscapesAreTheShortOnes() {
    #expect(JSONValue.string("甲\"乙\\丙\n\u{1}\u{2028}").serialized() == #""甲\"乙\\丙\n\u0001\u2028""#)
    #expect(JSONValue.string("\"\u{301}").serialized() == "\"\\\"\u{301}\"")
}

/// FIPS 180-4's own examples, and a message that spans two blocks after padding.
@Test func sha256KnownDigests() {
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
}
