// Times `compare`: a contract of about 30,000 characters against a published model text.
//
//   swift build -c release --product compare-bench
//   .build/release/compare-bench [SHARED_DIR] [ITERATIONS]
//
// The contract is a real derived tour contract (lvmama's outbound tour) with its articles written out
// twice, so it has the size and the kind of differences real contracts have. Reads the texts from
// ../shared (never copied into the repository). Prints the median and the slowest run.
import ClauseAudit
import ClauseModels
import ClauseText
import Foundation

let arguments = CommandLine.arguments
let shared = arguments.count > 1 ? arguments[1] : "../shared"
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20
let corpus = shared + "/corpus/model-contracts"

func read(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("compare-bench: cannot read \(path)\n".utf8))
        exit(2)
    }
    return String(decoding: data, as: UTF8.self)
}

let modelText = read(corpus + "/gf-2014-2402_team-outbound-package-tour.txt")
let variant = read(corpus + "/platform-variants/lvmama_team-outbound-tour.txt")
var contractText = variant
while contractText.unicodeScalars.count < 30_000 { contractText += "\n" + variant }
contractText = String(String.UnicodeScalarView(contractText.unicodeScalars.prefix(30_000)))

let profiles = (try? ProfileLibrary.load(directory: FileManager.default.currentDirectoryPath + "/model-contracts"))?.profiles ?? []
let profile = profiles.first { $0.id == "gf-2014-2402" }
let model = PreparedText(plain: SourceText(modelText))
let info = profile.map { ModelComparison.ModelInfo($0, textPath: "model") }
    ?? ModelComparison.ModelInfo(id: "model", title: "model", code: nil, issuer: nil, year: nil, sector: nil, textPath: nil)
let comparer = ModelComparer(profile: profile)

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

// The contract is prepared once per run too: what `compare` does after reading the file.
var times: [Double] = []
var last: ModelComparison? = nil
for _ in 0 ..< iterations {
    times.append(seconds {
        let contract = PreparedText(plain: SourceText(contractText))
        last = comparer.compare(contract: contract, findings: [], model: model, info: info)
    })
}
times.sort()
let median = times[times.count / 2]
let characters = contractText.unicodeScalars.count
print("contract: \(characters) characters; model: \(modelText.unicodeScalars.count) characters; profile: \(profile?.id ?? "none")")
print("missing \(last!.missing.count), changed \(last!.changed.count), added \(last!.added.count), similarity \(last!.similarity)")
print(String(format: "compare: median %.1f ms, slowest %.1f ms over %d runs", median * 1000, times.last! * 1000, iterations))
