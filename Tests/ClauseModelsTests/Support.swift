import ClauseAudit
import ClauseModels
import ClauseRules
import ClauseText
import Foundation

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

/// `../shared/corpus/model-contracts` beside the repository, when it is there. The published texts
/// and the contracts derived from them are read from there at run time, never copied in.
let modelCorpus: String? = {
    let path = (repositoryRoot as NSString).deletingLastPathComponent + "/shared/corpus/model-contracts"
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

let needsCorpus = "needs ../shared/corpus/model-contracts (the published model texts); skipped when it is absent"

/// A tiny rule pack (one C5 rule): enough to see that added text goes through the rules.
let fixtureEngine: RuleEngine = {
    let directory = Bundle.module.resourcePath! + "/Fixtures/rules"
    do { return try RuleEngine(directory: directory) } catch { fatalError("fixture rule pack: \(error)") }
}()

let fixtureAuditor = Auditor(engine: fixtureEngine)

/// The profiles that ship in model-contracts/.
let library: ProfileLibrary = {
    do { return try ProfileLibrary.load(directory: repositoryRoot + "/model-contracts") } catch { fatalError("profiles: \(error)") }
}()

func profile(_ id: String) -> ModelProfile { library.profile(named: id)! }

func corpusText(_ name: String) throws -> String {
    let path = modelCorpus! + "/" + name
    guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileNoSuchFile) }
    return String(decoding: data, as: UTF8.self)
}

/// The file of the corpus whose name starts with a model text's code (gf-2014-2401_…).
func modelFile(_ prefix: String) -> String {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: modelCorpus!)) ?? []
    return names.first { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }!
}

/// Audits a contract with the fixture rules and compares it with a model text.
func compare(_ contract: String, with model: String, profile: ModelProfile?) -> ModelComparison {
    let result = fixtureAuditor.audit(Array(contract.utf8), path: "contract.txt", scratch: MatchScratch())
    let modelText = PreparedText(plain: SourceText(model))
    let info = profile.map { ModelComparison.ModelInfo($0, textPath: "model.txt") }
        ?? ModelComparison.ModelInfo(id: "model", title: "model", code: nil, issuer: nil, year: nil, sector: nil, textPath: "model.txt")
    return ModelComparer(profile: profile).compare(contract: result.prepared!, findings: result.findings, model: modelText, info: info)
}

/// A short summary of a comparison's items, for exact assertions and readable failures.
func summary(_ c: ModelComparison) -> [String] {
    c.missing.map { "missing \($0.modelClause)" }
        + c.changed.map { "changed \($0.kind.rawValue) \($0.modelClause)" }
        + c.added.map { "added \($0.clause ?? "") \($0.findings.joined(separator: ","))" }
}

extension String {
    /// Replaces the first occurrence of `target`; the test fails loudly when it is not there.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { fatalError("text to replace not found: \(target)") }
        return replacingCharacters(in: r, with: replacement)
    }
}
