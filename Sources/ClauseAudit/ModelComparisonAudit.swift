import ClauseModels
import ClauseRules
import ClauseText
import Foundation

/// Where a comparison's model comes from: the profiles in `model-contracts/` and any published texts
/// the user has (`--model PATH`, or a folder of them for `--model auto`).
public struct ModelSources: Sendable {
    public var library: ProfileLibrary?
    /// Published model texts to consider for `--model auto` and to pair with a profile named by id.
    public var texts: [String]

    public init(library: ProfileLibrary?, texts: [String] = []) {
        self.library = library
        self.texts = texts
    }

    public var profiles: [ModelProfile] { library?.profiles ?? [] }
}

extension Auditor {
    /// Reads a document through the text layer without running the rules: a model text.
    public func prepare(file path: String, options: Options = .init()) throws(AuditError) -> PreparedText {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditError(code: "unreadable", message: "无法读取示范文本（cannot read \(path)）")
        }
        do {
            return try prepare([UInt8](data), format: options.format ?? InputFormat(path: path), options: options).0
        } catch let error as TextError {
            throw AuditError(code: error.code, message: "\(path): \(error.message)")
        } catch {
            throw AuditError(code: "internal", message: "\(path): \(error)")
        }
    }

    /// Compares an audited contract with a model: `auto`, a profile id or code, or the path of a
    /// published text. A model that cannot be found or read is an error (the caller exits 2).
    public func compare(_ result: AuditResult, model: String, sources: ModelSources,
                        options: Options = .init()) throws(AuditError) -> ModelComparison? {
        guard let contract = result.prepared else { return nil }
        let profiles = sources.profiles
        if model == "auto" {
            return try auto(contract, findings: result.findings, sources: sources, options: options)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: model, isDirectory: &isDirectory), !isDirectory.boolValue {
            let text = try prepare(file: model, options: .init())
            return compare(contract, findings: result.findings, modelText: text, path: model, profiles: profiles)
        }
        guard let profile = sources.library?.profile(named: model) else {
            let known = profiles.map(\.id).joined(separator: ", ")
            throw AuditError(code: "unknown-model",
                             message: "未知的示范文本 '\(model)'：既不是文件也不是档案编号（not a file or a profile id; known: \(known.isEmpty ? "none" : known)）")
        }
        // A published text of this profile among the user's texts makes it a full comparison.
        for path in sources.texts {
            if let text = try? prepare(file: path), ModelMatcher.identify(text, among: profiles)?.id == profile.id {
                return ModelComparer(profile: profile).compare(contract: contract, findings: result.findings,
                                                               model: text, info: .init(profile, textPath: path))
            }
        }
        return ProfileComparer(profile: profile).check(contract: contract, findings: result.findings)
    }

    private func compare(_ contract: PreparedText, findings: [Finding], modelText: PreparedText, path: String,
                         profiles: [ModelProfile]) -> ModelComparison {
        let profile = ModelMatcher.identify(modelText, among: profiles)
        let info = profile.map { ModelComparison.ModelInfo($0, textPath: path) } ?? ModelMatcher.describe(modelText, path: path)
        var comparison = ModelComparer(profile: profile).compare(contract: contract, findings: findings, model: modelText, info: info)
        if profile == nil, !profiles.isEmpty {
            comparison.notes.append("没有与该示范文本对应的档案：只做了文本比对，未检查保护条款与数值（no profile matches this text）")
        }
        return comparison
    }

    /// The closest published text (by words in common) if one is close enough; else the closest
    /// profile; else a comparison that says plainly that nothing is close.
    private func auto(_ contract: PreparedText, findings: [Finding], sources: ModelSources,
                      options: Options) throws(AuditError) -> ModelComparison {
        var candidates: [ModelComparison.Candidate] = []
        var bestText: (path: String, text: PreparedText, similarity: Double)? = nil
        for path in sources.texts {
            let text = try prepare(file: path)
            let similarity = ModelMatcher.textSimilarity(contract, text)
            let info = ModelMatcher.describe(text, path: path)
            candidates.append(.init(id: path, title: info.title, similarity: similarity))
            if similarity > bestText?.similarity ?? -1 { bestText = (path, text, similarity) }
        }
        let ranked = ModelMatcher.rank(sources.profiles, document: contract)
        candidates += ranked.map { .init(id: $0.0.id, title: $0.0.title, similarity: $0.1) }
        candidates.sort { $0.similarity > $1.similarity }

        var comparison: ModelComparison
        if let bestText, bestText.similarity >= ModelMatcher.threshold {
            comparison = compare(contract, findings: findings, modelText: bestText.text, path: bestText.path, profiles: sources.profiles)
            comparison.notes.insert("自动选择了最接近的示范文本 \(bestText.path)（文字相似度 \(percent(bestText.similarity))）", at: 0)
        } else if let (profile, score) = ranked.first, score >= ModelMatcher.threshold {
            comparison = ProfileComparer(profile: profile).check(contract: contract, findings: findings)
            comparison.notes.insert("自动选择了最接近的示范文本档案 \(profile.id)《\(profile.title)》（相似度 \(percent(score))）", at: 0)
        } else {
            comparison = ModelComparison(model: nil, similarity: candidates.first?.similarity ?? 0, basis: .none)
            let best = candidates.first.map { "；最接近的是 \($0.id)（\(percent($0.similarity))）" } ?? ""
            comparison.notes.append("没有足够接近的示范文本，未做比对（no model is close enough: below \(percent(ModelMatcher.threshold))\(best)）")
        }
        comparison.candidates = Array(candidates.prefix(5))
        return comparison
    }

    private func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
}
