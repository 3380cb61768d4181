import ClauseAudit
import ClauseModels
import ClauseRules
import ClauseText
import Foundation
import Testing

/// `--model auto` and `--model ID` without the text: which model a document follows, and what a
/// profile alone can say about a contract.
@Suite(.enabled(if: modelCorpus != nil, Comment(rawValue: needsCorpus)))
struct MatchingTests {
    func prepared(_ name: String) throws -> PreparedText { PreparedText(plain: SourceText(try corpusText(name))) }

    func best(_ name: String) throws -> (String, Double) {
        let ranked = ModelMatcher.rank(library.profiles, document: try prepared(name))
        return (ranked[0].0.id, ranked[0].1)
    }

    @Test(arguments: [
        ("gf-2014-2401", "gf-2014-2401"), ("gf-2014-2402", "gf-2014-2402"), ("gf-2014-2403", "gf-2014-2403"),
        ("gf-2025-1001", "gf-2025-1001"), ("beijing_motor-vehicle", "bf-2024-2726"), ("beijing_off-peak", "bf-2024-0612"),
        ("beijing_sci-tech", "bf-2024-2738"), ("xinjiang_school", "xj-school-meals"),
    ])
    func eachPublishedTextFindsItsProfile(file: String, profileID: String) throws {
        // The 2402 and 2403 texts carry the wrong code (GF-2014-2401) in their header: content decides.
        let text = try prepared(modelFile(file))
        #expect(ModelMatcher.identify(text, among: library.profiles)?.id == profileID)
    }

    @Test(arguments: [
        ("jinghewang-ec_btg-domestic-package-tour.txt", "gf-2014-2401"), ("jinghewang-ec_btg-outbound-package-tour.txt", "gf-2014-2402"),
        ("jinghewang-ec_btg-taiwan-tour.txt", "gf-2014-2403"), ("lvmama_team-domestic-tour.txt", "gf-2014-2401"),
        ("lvmama_team-outbound-tour.txt", "gf-2014-2402"), ("qingdao_commercial-housing-sale-presale_PARTIAL.txt", "gf-2014-0171"),
    ])
    func derivedContractsFindTheirModel(file: String, profileID: String) throws {
        let (id, similarity) = try best("platform-variants/" + file)
        #expect(id == profileID)
        #expect(similarity >= ModelMatcher.threshold)
    }

    /// A contract of a sector we have no model for: nothing is close, and auto says so.
    @Test func nothingCloseIsSaidPlainly() throws {
        let gym = try String(contentsOfFile: repositoryRoot + "/examples/gym-membership.txt", encoding: .utf8)
        let result = fixtureAuditor.audit(Array(gym.utf8), path: "gym.txt", scratch: MatchScratch())
        let c = try #require(try fixtureAuditor.compare(result, model: "auto", sources: ModelSources(library: library)))
        #expect(c.model == nil)
        #expect(c.basis == .none)
        #expect(c.similarity < ModelMatcher.threshold)
        #expect(c.notes.count == 1)
        #expect(c.notes[0].hasPrefix("没有足够接近的示范文本，未做比对（no model is close enough: below 50%；最接近的是 "))
        #expect(c.candidates.count == 5)
    }

    /// Auto with a folder of published texts compares with the closest text in full.
    @Test func autoPrefersAPublishedText() throws {
        let contract = try corpusText("platform-variants/jinghewang-ec_btg-domestic-package-tour.txt")
        let result = fixtureAuditor.audit(Array(contract.utf8), path: "btg.txt", scratch: MatchScratch())
        let texts = try FileManager.default.contentsOfDirectory(atPath: modelCorpus!).filter { $0.hasSuffix(".txt") && !$0.hasPrefix("SOURCES") }
            .sorted().map { modelCorpus! + "/" + $0 }
        let c = try #require(try fixtureAuditor.compare(result, model: "auto", sources: ModelSources(library: library, texts: texts)))
        #expect(c.basis == .text)
        #expect(c.model?.id == "gf-2014-2401")
        #expect(c.model?.textPath?.hasSuffix("gf-2014-2401_team-domestic-package-tour.txt") == true)
        #expect(c.notes.first?.hasPrefix("自动选择了最接近的示范文本 ") == true)
        #expect(c.candidates.first?.id.hasSuffix("gf-2014-2401_team-domestic-package-tour.txt") == true)
    }

    /// The profile alone on BTG's domestic contract: every protection is found except the choice
    /// between arbitration and court, which the contract replaced with one court.
    @Test func profileAloneOnADerivedContract() throws {
        let contract = try prepared("platform-variants/jinghewang-ec_btg-domestic-package-tour.txt")
        let c = ProfileComparer(profile: profile("gf-2014-2401")).check(contract: contract, findings: [])
        #expect(c.basis == .profile)
        #expect(c.protections.filter { $0.status != .kept }.map(\.id) == ["arbitration-or-court"])
        #expect(c.figures.allSatisfy { $0.status == .kept })
        #expect(c.missing.map(\.modelClause) == ["第二十六条"])
        #expect(c.missing.first?.title == "争议的解决方式")
        #expect(c.added.isEmpty)
        let deduction = try #require(c.figures.first { $0.id == "cancellation-deduction" })
        #expect(deduction.contract == "前6日至4日 20%，前3日至1日 40%，当日 60%")
        #expect(deduction.span?.line == 265)
    }

    /// A harsher schedule and a longer refund deadline, seen by the profile alone.
    @Test func profileAloneSeesWeakerFigures() throws {
        let model = try corpusText(modelFile("gf-2014-2401"))
        let contract = model.replacingFirst("行程开始当日，按旅游费用总额的60%。", with: "行程开始当日，按旅游费用总额的80%。")
            .replacingFirst("解除合同通知到达日起5个工作日内为旅游者办结退款手续", with: "解除合同通知到达日起15个工作日内为旅游者办结退款手续")
        let c = ProfileComparer(profile: profile("gf-2014-2401")).check(contract: PreparedText(plain: SourceText(contract)), findings: [])
        #expect(c.figures.filter { $0.status != .kept }.map { "\($0.id) \($0.status.rawValue) \($0.contract ?? "")" }
            == ["cancellation-deduction weakened 前6日至4日 20%，前3日至1日 40%，当日 80%", "refund-deadline weakened 15个工作日"])
        #expect(c.changed.map { "\($0.kind.rawValue) \($0.modelClause) \($0.reason ?? "")" } == [
            "weaker 第十五条 旅游者在行程开始前7日以内解除合同时扣除必要费用的比例（旅游费用总额）：当日 60% → 80%",
            "weaker 第十五条 解除合同后旅行社办结退款的期限（工作日）：5个工作日 → 15个工作日",
        ])
    }

    /// A contract that keeps the traveller's right to terminate but adds "不予退还" to it.
    @Test func profileSeesAWeakenedProtection() throws {
        let model = try corpusText(modelFile("gf-2014-2401"))
        let contract = model.replacingFirst("在旅游行程结束前，旅游者亦可以书面等形式解除合同。",
                                            with: "在旅游行程结束前，旅游者亦可以书面等形式解除合同，已交费用不予退还。")
        let c = ProfileComparer(profile: profile("gf-2014-2401")).check(contract: PreparedText(plain: SourceText(contract)), findings: [])
        #expect(c.protections.filter { $0.status != .kept }.map { "\($0.id) \($0.status.rawValue)" } == ["traveller-may-terminate weakened"])
        #expect(c.changed.first?.reason == "增加了“不予退”")
    }
}
