import ClauseModels
import Foundation
import Testing

/// Profiles are data a lawyer reviews; they are validated on load like rules, and every error names
/// the file and the line.
@Suite struct ProfileTests {
    @Test func bundledProfilesLoad() {
        #expect(library.profiles.map(\.id) == [
            "bf-2024-0612", "bf-2024-2726", "bf-2024-2738", "gf-2014-0171", "gf-2014-2401", "gf-2014-2402", "gf-2014-2403",
            "gf-2021-2604", "gf-2025-1001", "xj-school-meals",
        ])
        let tour = profile("gf-2014-2401")
        #expect(tour.code == "GF-2014-2401")
        #expect(tour.issuer == "国家旅游局、国家工商行政管理总局")
        #expect(tour.outline.count == 28)
        #expect(tour.outline[12] == .init(number: 13, label: "第十三条", title: "旅游者解除合同", chapter: "第五章 合同的解除"))
        let deduction = tour.figures.first { $0.id == "cancellation-deduction" }!
        #expect(deduction.rows == [.init(from: 6, to: 4, percent: 20), .init(from: 3, to: 1, percent: 40), .init(from: 0, to: 0, percent: 60)])
        #expect(deduction.consumerPrefers == .lower)
    }

    @Test func profilesAreFoundByIDOrCode() {
        #expect(library.profile(named: "GF—2025—1001")?.id == "gf-2025-1001")
        #expect(library.profile(named: "bf-2024-2726")?.code == "BF-2024-2726")
        #expect(library.profile(named: "GF-1999-0000") == nil)
    }

    /// Writes a profile into a fresh folder and loads it.
    func load(_ yaml: String) throws -> ModelProfile {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("test.yml").path
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        return try ModelProfile.load(file: file)
    }

    static let valid = """
    id: test-model
    title: 测试合同（示范文本）
    issuer: 测试机关
    year: 2024
    sector: 测试
    parties: {business: [甲方], consumer: [乙方]}
    sources: [our own test]
    outline:
      - articles: [第一条 退费, 第二条 争议]
    protections:
      - id: refund
        article: 1
        protects: 乙方可以退费。
        find: ['乙方…退费']
    figures:
      - id: refund-days
        article: 1
        what: 退费期限
        kind: value
        pattern: '([0-9]+)日内退费'
        value: 7
        consumer_prefers: lower

    """

    func error(_ yaml: String) -> String? {
        do {
            _ = try load(yaml)
            return nil
        } catch let error as ProfileError {
            return "\(error.line.map(String.init) ?? "-"): \(error.message)"
        } catch {
            return "\(error)"
        }
    }

    @Test func aValidProfileLoads() throws {
        let p = try load(Self.valid)
        #expect(p.outline.map(\.label) == ["第一条", "第二条"])
        #expect(p.protections.first?.article == 1)
        #expect(p.figures.first?.value == 7)
    }

    @Test func unknownKeysAreErrorsWithTheirLine() {
        #expect(error(Self.valid.replacingFirst("    find: ['乙方…退费']", with: "    find: ['乙方…退费']\n    finds: []"))
            == "15: unknown key 'finds' in a protection (known: article, find, id, protects, weakened_if)")
        #expect(error(Self.valid + "colour: red\n")
            == "23: unknown key 'colour' in a model profile (known: aliases, code, figures, id, issuer, markers, note, outline, parties, protections, sector, sources, title, year)")
    }

    @Test func missingFieldsAreErrors() {
        #expect(error(Self.valid.replacingFirst("title: 测试合同（示范文本）\n", with: "")) == "1: 'title' is required")
        #expect(error(Self.valid.replacingFirst("    protects: 乙方可以退费。\n", with: "")) == "11: 'protects' is required")
        #expect(error(Self.valid.replacingFirst("sources: [our own test]\n", with: ""))
            == "1: 'sources' must say where the facts come from")
    }

    @Test func wrongValuesAreErrors() {
        #expect(error(Self.valid.replacingFirst("    article: 1\n    protects", with: "    article: 9\n    protects"))
            == "12: protection refund: article 9 is not in the outline")
        #expect(error(Self.valid.replacingFirst("['乙方…退费']", with: "['乙方(退费']"))?.hasPrefix("14: pattern '乙方(退费' does not compile") == true)
        #expect(error(Self.valid.replacingFirst("consumer_prefers: lower", with: "consumer_prefers: less"))
            == "22: 'consumer_prefers' must be one of lower | higher, not 'less'")
        #expect(error(Self.valid.replacingFirst("'([0-9]+)日内退费'", with: "'[0-9]+日内退费'"))
            == "20: figure refund-days: the pattern needs a group around the number")
        #expect(error(Self.valid.replacingFirst("[第一条 退费, 第二条 争议]", with: "[第一条 退费, 退费须知]"))
            == "9: '退费须知' does not start with an article number (第X条 or 一、)")
        #expect(error(Self.valid.replacingFirst("year: 2024", with: "year: 二〇二四")) == "4: 'year' must be a whole number, not '二〇二四'")
    }

    @Test func scheduleRowsAreChecked() {
        let schedule = Self.valid.replacingFirst("""
            kind: value
            pattern: '([0-9]+)日内退费'
            value: 7
        """.replacingOccurrences(of: "    kind", with: "kind"), with: """
            kind: schedule
            schedule:
              - {days: 3-6, percent: 20}
        """.replacingOccurrences(of: "    kind", with: "kind"))
        #expect(error(schedule) == "21: figure refund-days: 'days' is N-M (from N to M days before) or 0 (the day itself), not '3-6'")
    }

    @Test func brokenYAMLNamesItsLine() {
        #expect(error(Self.valid.replacingFirst("year: 2024", with: "year: [2024")) == "5: YAML: did not find expected ',' or ']'")
    }
}
