import ClauseText
import Foundation

/// Which model a document follows. A profile is scored by what of it the document shows: its
/// outline (article titles), its protections, its markers, its title or aliases and its code in the
/// header. A published text is scored by the words it shares with the document.
public enum ModelMatcher {
    /// Below this, nothing is close enough to compare with.
    public static let threshold = 0.5

    /// 0…1: how much of the profile the document shows.
    static func score(_ profile: ModelProfile, _ doc: ComparedText) -> Double {
        let header = CompactText(doc.t, range: 0 ..< min(doc.t.count, 1500)).string.lowercased()
        let everything = CompactText(doc.t, range: 0 ..< doc.t.count).string
        let codeHit = profile.code.map { header.contains(ProfileLibrary.codeKey($0)) } ?? false
        let names = [profile.title] + profile.aliases
        let titleHit = names.contains { name in
            let key = CompactText.fold(name.replacingOccurrences(of: "（示范文本）", with: "")).lowercased()
            return key.count >= 4 && header.contains(key)
        }
        let titles = Set(doc.outline.units.map(\.titleKey).filter { !$0.isEmpty })
        let outlined = profile.outline.filter { !$0.title.isEmpty }
        let outline = outlined.isEmpty ? 0
            : Double(outlined.filter { titles.contains(CompactText.fold($0.title)) }.count) / Double(outlined.count)
        let markers = profile.markers.isEmpty ? 0
            : Double(profile.markers.filter { everything.contains(CompactText.fold($0)) }.count) / Double(profile.markers.count)
        let all = Array(doc.outline.units.indices)
        let protections = profile.protections.isEmpty ? 0
            : Double(profile.protections.filter { ProfileChecks.protection($0, in: doc, units: all) != nil }.count)
                / Double(profile.protections.count)
        let score = 0.35 * outline + 0.2 * protections + 0.2 * markers + 0.15 * (titleHit ? 1 : 0) + 0.1 * (codeHit ? 1 : 0)
        return (score * 1000).rounded() / 1000
    }

    public static func score(_ profile: ModelProfile, document: PreparedText) -> Double {
        score(profile, ComparedText(document))
    }

    /// The profiles best first, with their scores.
    public static func rank(_ profiles: [ModelProfile], document: PreparedText) -> [(ModelProfile, Double)] {
        let doc = ComparedText(document)
        return profiles.map { ($0, score($0, doc)) }.sorted { $0.1 > $1.1 }
    }

    /// The profile a published text is the text of, if one is close enough.
    public static func identify(_ text: PreparedText, among profiles: [ModelProfile]) -> ModelProfile? {
        guard let (best, s) = rank(profiles, document: text).first, s >= threshold else { return nil }
        return best
    }

    /// Words in common between two texts, 0…1 (bigram Dice over letters and ideographs).
    public static func textSimilarity(_ a: PreparedText, _ b: PreparedText) -> Double {
        let x = Fingerprint(a.normalized.units, range: 0 ..< a.normalized.units.count)
        let y = Fingerprint(b.normalized.units, range: 0 ..< b.normalized.units.count)
        return (x.dice(y) * 1000).rounded() / 1000
    }

    /// What a published text with no profile calls itself: its code (GF-2014-2401, BF-2024-0612) and
    /// its first title-like line.
    public static func describe(_ text: PreparedText, path: String) -> ModelComparison.ModelInfo {
        let units = text.normalized.units
        let head = String(decoding: units.prefix(1500), as: UTF16.self)
        var code: String? = nil
        var title: String? = nil
        for rawLine in head.split(whereSeparator: \.isNewline) {
            let line = CompactText.fold(String(rawLine))
            if code == nil, let r = line.range(of: #"[A-Z]{1,3}-\d{4}-\d{4}"#, options: .regularExpression) { code = String(line[r]) }
            if title == nil, line.hasSuffix("合同") || line.hasSuffix("协议") || line.hasSuffix("合同书"), line.count <= 40 { title = line }
        }
        let name = (path as NSString).lastPathComponent
        let id = name.split(separator: ".").first.map(String.init) ?? name
        return .init(id: id, title: title ?? id, code: code, issuer: nil, year: nil, sector: nil, textPath: path)
    }
}
