// Rule loading: any text as a rule file beside a small pack.yml. It loads or is refused with an error
// naming the file; a pack that loads compiles or is refused; a compiled pack runs its own examples.
import ClauseRules
import Foundation
import FuzzSupport

let folder = NSTemporaryDirectory() + "clause-fuzz-rules-\(getpid())"
try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
try! """
    name: fuzz
    version: 1
    laws:
      - 民法典（2020）
    fragments:
      biz: (?:本公司|本店)
      c: '[^。;\\n]'
    unless:
      - '霸王条款'
    unless_before:
      - '不得'

    """.write(toFile: folder + "/pack.yml", atomically: true, encoding: .utf8)

fuzz { bytes in
    let file = folder + "/rules.yml"
    FileManager.default.createFile(atPath: file, contents: Data(bytes))
    let pack: RulePack
    do throws(RuleLoadError) {
        pack = try RulePack.load(directory: folder)
    } catch {
        precondition(error.file.hasPrefix(folder) || error.file == "built-in", "an error names \(error.file)")
        return
    }
    guard let engine = try? RuleEngine(pack: pack) else { return }
    _ = engine.checkExamples()
}
