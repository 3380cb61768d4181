import ClauseAudit
import ClauseRules
import ClauseText
import Foundation
import Testing

/// A small rule pack of our own for the bulk and report tests, so they do not move when the bundled
/// pack grows: one rule per category the tests need, written to a temporary folder once.
let bulkPackDirectory: String = {
    let dir = NSTemporaryDirectory() + "clause-audit-bulk-pack-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let pack = """
    name: bulk test pack
    version: "t1"
    laws:
      - 网络交易监督管理办法（2021）
      - 合同行政监督管理办法（2023）
      - 民法典（2020）
    unless_before:
      - '(?:不得|禁止)[^。;]{0,8}'
    """
    let rules = """
    rules:
      - id: test.no-liability
        category: C1
        severity: error
        title: 概不负责
        message: 经营者免除自身责任。
        legal_basis:
          - 网络交易监督管理办法（2021）第二十一条第（一）项
        suggestion: 依法承担责任。
        patterns:
          - '概不负责'
        examples:
          triggering:
            - 丢失【概不负责】。
          non_triggering:
            - 本店负责。
      - id: test.seat-court
        category: C3
        severity: error
        title: 经营者所在地法院
        message: 只能在经营者所在地起诉。
        legal_basis:
          - 网络交易监督管理办法（2021）第二十一条第（三）项
        suggestion: 由有管辖权的法院管辖。
        patterns:
          - '本公司所在地[^。]{0,4}法院'
        examples:
          triggering:
            - 争议由【本公司所在地人民法院】管辖。
          non_triggering:
            - 争议由有管辖权的法院管辖。
      - id: test.no-refund
        category: C4
        severity: error
        title: 概不退款
        message: 预付款一律不退。
        legal_basis:
          - 合同行政监督管理办法（2023）第八条第（四）项
        suggestion: 扣除已消费部分后退款。
        patterns:
          - '概不退款'
        examples:
          triggering:
            - 售出【概不退款】。
          non_triggering:
            - 未消费部分予以退款。
      - id: test.final-right
        category: C5
        severity: warning
        title: 最终解释权
        message: 经营者不能自己说了算。
        legal_basis:
          - 合同行政监督管理办法（2023）第八条第（七）项
        suggestion: 删除。
        patterns:
          - '最终解释权'
        examples:
          triggering:
            - 本店保留【最终解释权】。
          non_triggering:
            - 按照通常理解解释。
      - id: test.penalty
        category: C6
        severity: error
        title: 过高违约金
        message: 违约金过高。
        legal_basis:
          - 民法典（2020）第五百八十五条
        suggestion: 违约金以实际损失为限。
        patterns:
          - '违约金为总价的百分之五十'
        examples:
          triggering:
            - 【违约金为总价的百分之五十】。
          non_triggering:
            - 违约金为总价的百分之五。
      - id: test.change
        category: C6
        severity: info
        title: 单方变更
        message: 经营者随时变更。
        legal_basis:
          - 合同行政监督管理办法（2023）第八条第（八）项
        suggestion: 提前通知。
        patterns:
          - '随时变更'
        examples:
          triggering:
            - 本店可【随时变更】。
          non_triggering:
            - 变更须提前通知。
    """
    try? pack.write(toFile: dir + "/pack.yml", atomically: true, encoding: .utf8)
    try? rules.write(toFile: dir + "/rules.yml", atomically: true, encoding: .utf8)
    return dir
}()

let bulkEngine: RuleEngine = {
    do { return try RuleEngine(directory: bulkPackDirectory) } catch { fatalError("the bulk test pack does not load: \(error)") }
}()

let bulkAuditor = Auditor(engine: bulkEngine)

/// A fresh temporary folder for one test.
func temporaryFolder(_ name: String = #function) -> String {
    let cleaned = name.filter { $0.isLetter || $0.isNumber }
    let dir = NSTemporaryDirectory() + "clause-audit-\(cleaned)-\(UUID().uuidString.prefix(8))"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

func write(_ text: String, to path: String) {
    let dir = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try? Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

func write(bytes: [UInt8], to path: String) {
    let dir = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try? Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Runs the library's bulk runner and collects every item (tests only: a real run keeps nothing).
func runBulk(_ source: DocumentSource, options: BulkOptions = BulkOptions(jobs: 2)) -> (items: [BulkItem], counts: BulkRunCounts) {
    var items: [BulkItem] = []
    let counts = BulkRunner(auditor: bulkAuditor, options: options).run(source, transform: { $0 }, sink: { items.append($0) })
    return (items, counts)
}

struct BulkFixturesTests {
    @Test func testPackLoadsAndEveryRuleProvesItself() {
        #expect(bulkEngine.pack.rules.count == 6)
        #expect(bulkEngine.checkExamples(only: nil).isEmpty)
    }
}
