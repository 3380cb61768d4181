import Foundation
import Testing

/// `clause-audit compare` and `check --model` as a user runs them: exit status, output, errors.
@Suite(.serialized) struct CommandTests {
    static let binary: String? = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("clause-audit").path
        return [beside, repositoryRoot + "/.build/debug/clause-audit"].first(where: FileManager.default.isExecutableFile)
    }()

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary!)
        process.arguments = arguments + ["--rules", Bundle.module.resourcePath! + "/Fixtures/rules"]
            + (arguments.contains("--profiles") ? [] : ["--profiles", repositoryRoot + "/model-contracts"])
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// The test contract and its model written to a fresh folder.
    func files(_ contract: String) throws -> (contract: String, model: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let c = folder.appendingPathComponent("contract.txt").path, m = folder.appendingPathComponent("model.txt").path
        try contract.write(toFile: c, atomically: true, encoding: .utf8)
        try ComparisonTests.model.write(toFile: m, atomically: true, encoding: .utf8)
        return (c, m)
    }

    @Test(.enabled(if: binary != nil, "needs the built clause-audit executable"))
    func sameTextExitsZero() throws {
        let (contract, model) = try files(ComparisonTests.model)
        let r = try run(["compare", contract, "--model", model, "--color", "never"])
        #expect(r.status == 0)
        #expect(r.out.contains("缺失（missing）0\n\n改动（changed）0\n\n新增（added）0\n"))
    }

    @Test(.enabled(if: binary != nil, "needs the built clause-audit executable"))
    func weakerContractExitsOneWithJSON() throws {
        let (contract, model) = try files(ComparisonTests.model.replacingFirst("最迟在10个工作日内退清", with: "最迟在30个工作日内退清"))
        let r = try run(["compare", contract, "--model", model, "--format", "json"])
        #expect(r.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let c = try #require(object["model_comparison"] as? [String: Any])
        #expect((c["changed"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["weaker"])
        #expect(r.err == "")
    }

    @Test(.enabled(if: binary != nil, "needs the built clause-audit executable"))
    func checkWithModelFillsTheComparison() throws {
        let (contract, model) = try files(ComparisonTests.model.replacingFirst("乙方可以在营业时间内使用全部器械。\n", with: ""))
        let r = try run(["check", contract, "--model", model, "--format", "json"])
        #expect(r.status == 0)  // check gates on rule findings only
        let object = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let c = try #require(object["model_comparison"] as? [String: Any])
        #expect((c["missing"] as? [[String: Any]])?.map { $0["model_clause"] as? String } == ["第一条第2款"])
    }

    @Test(.enabled(if: binary != nil, "needs the built clause-audit executable"))
    func htmlFormat() throws {
        let (contract, model) = try files(ComparisonTests.model)
        let r = try run(["compare", contract, "--model", model, "--format", "html"])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("<!DOCTYPE html>"))
        #expect(r.out.contains("<td class=\"side\"><span class=\"label\">第三条</span>"))
    }

    @Test(.enabled(if: binary != nil, "needs the built clause-audit executable"))
    func unknownModelIsAUsageError() throws {
        let (contract, _) = try files(ComparisonTests.model)
        let r = try run(["compare", contract, "--model", "GF-1999-0000"])
        #expect(r.status == 2)
        #expect(r.out == "")
        #expect(r.err.hasPrefix("clause-audit: 未知的示范文本 'GF-1999-0000'：既不是文件也不是档案编号（not a file or a profile id; known: bf-2024-0612, "))
        #expect(r.err.filter { $0 == "\n" }.count == 1)
    }

    @Test(.enabled(if: binary != nil, "needs the built clause-audit executable"))
    func modelIsRequired() throws {
        let (contract, _) = try files(ComparisonTests.model)
        let r = try run(["compare", contract])
        #expect(r.status == 2)
        #expect(r.err.contains("say which model to compare with: --model ID|PATH|auto"))
    }

    @Test(.enabled(if: binary != nil, "needs the built clause-audit executable"))
    func brokenProfilesAreAUsageError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "id: x\ncolour: red\n".write(toFile: folder.appendingPathComponent("x.yml").path, atomically: true, encoding: .utf8)
        let (contract, _) = try files(ComparisonTests.model)
        let process = try run(["compare", contract, "--model", "auto", "--profiles", folder.path])
        #expect(process.status == 2)
        #expect(process.err.hasPrefix("clause-audit: \(folder.path)/x.yml:2: unknown key 'colour' in a model profile"))
    }
}
