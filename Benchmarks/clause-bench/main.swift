// clause-bench: the in-process half of the benchmark (Benchmarks/run.sh is the other half, which races
// the command line against ripgrep and Python). Build it in release mode:
//
//   swift build -c release --scratch-path .build-perf --product clause-bench
//
//   clause-bench startup                    time of each start-up step (pack, normalizer, compile, prefilter)
//   clause-bench latency [--chars N] [--runs N] DIR
//                                           one N-character contract made from DIR's .txt/.md files,
//                                           audited in process: p50 / p99 / mean, prefilter on and off
//   clause-bench throughput [--runs N] DIR  every file of DIR audited in process on one thread: MB/s of
//                                           the whole road and of matching alone, prefilter on and off
//
// Each figure is printed on its own line as `name: value`, so scripts can pick them up.
import ClauseAudit
import ClauseRules
import ClauseText
import Foundation

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("clause-bench: \(message)\n".utf8))
    exit(2)
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

func rulesDirectory() -> String {
    if let dir = ProcessInfo.processInfo.environment["CLAUSE_RULES"] { return dir }
    guard let dir = RulePack.bundledDirectory() else { fail("no clause-rules folder found; set CLAUSE_RULES") }
    return dir
}

/// The engines to compare: with and without the prefilter (CLAUSE_BENCH_ONLY=prefilter for one, when
/// profiling).
func engines() -> [(String, RuleEngine)] {
    do {
        let pack = try RulePack.load(directory: rulesDirectory())
        let only = ProcessInfo.processInfo.environment["CLAUSE_BENCH_ONLY"]
        var out: [(String, RuleEngine)] = []
        if only == nil || only == "prefilter" { out.append(("prefilter", try RuleEngine(pack: pack, prefilter: true))) }
        if only == nil || only == "no-prefilter" { out.append(("no-prefilter", try RuleEngine(pack: pack, prefilter: false))) }
        return out
    } catch {
        fail("\(error)")
    }
}

/// Every regular file under `dir`, sorted.
func files(in dir: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: dir) else { fail("cannot read \(dir)") }
    var out: [String] = []
    for case let name as String in walker {
        var isDir: ObjCBool = false
        let path = dir + "/" + name
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue { out.append(path) }
    }
    return out.sorted()
}

// MARK: start-up

func startup() {
    let t0 = now()
    _ = Normalizer.shared
    let t1 = now()
    let pack: RulePack
    do { pack = try RulePack.load(directory: rulesDirectory()) } catch { fail("\(error)") }
    let t2 = now()
    do { _ = try RuleEngine(pack: pack, prefilter: true) } catch { fail("\(error)") }
    let t3 = now()
    print("startup normalizer tables: \(ms(t1 - t0))")
    print("startup rule pack load (YAML, validation): \(ms(t2 - t1))")
    print("startup engine (PCRE2 compile + JIT + prefilter): \(ms(t3 - t2))")
    print("startup total: \(ms(t3 - t0))")
    // Warm repeats: the compute cost of each step without first-touch page faults.
    var compile = Double.infinity, withPrefilter = Double.infinity, load = Double.infinity
    for _ in 0 ..< 7 {
        let a = now()
        _ = try? RulePack.load(directory: rulesDirectory())
        let b = now()
        _ = try? RuleEngine(pack: pack, prefilter: false)
        let c = now()
        _ = try? RuleEngine(pack: pack, prefilter: true)
        let d = now()
        load = min(load, b - a)
        compile = min(compile, c - b)
        withPrefilter = min(withPrefilter, d - c)
    }
    print("startup warm pack load: \(ms(load))")
    print("startup warm compile without prefilter: \(ms(compile))")
    print("startup warm prefilter build: \(ms(max(0, withPrefilter - compile)))")
}

// MARK: latency

func contract(chars: Int, from dir: String) -> String {
    var text = ""
    for path in files(in: dir) where path.hasSuffix(".txt") || path.hasSuffix(".md") {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        text += String(decoding: data, as: UTF8.self) + "\n"
        if text.count >= chars { break }
    }
    guard text.count >= chars else { fail("\(dir) holds fewer than \(chars) characters of .txt/.md") }
    return String(text.prefix(chars))
}

func latency(chars: Int, runs: Int, dir: String) {
    let text = contract(chars: chars, from: dir)
    let bytes = Array(text.utf8)
    print("latency document: \(chars) characters, \(bytes.count) bytes, \(runs) runs")
    for (name, engine) in engines() {
        let auditor = Auditor(engine: engine)
        let scratch = MatchScratch()
        var findings = 0
        for _ in 0 ..< 5 { findings = auditor.audit(bytes, path: "contract.txt", scratch: scratch).findings.count }
        var times: [Double] = []
        var matching: [Double] = []
        for _ in 0 ..< runs {
            let t0 = now()
            let result = auditor.audit(bytes, path: "contract.txt", scratch: scratch)
            let t1 = now()
            times.append(t1 - t0)
            if let prepared = result.prepared {
                let t2 = now()
                _ = try? engine.findings(in: prepared, scratch: scratch)
                matching.append(now() - t2)
            }
        }
        times.sort()
        matching.sort()
        let mean = times.reduce(0, +) / Double(times.count)
        print("latency \(name) p50: \(ms(percentile(times, 0.5)))")
        print("latency \(name) p99: \(ms(percentile(times, 0.99)))")
        print("latency \(name) mean: \(ms(mean))")
        print("latency \(name) matching p50: \(ms(percentile(matching, 0.5)))")
        print("latency \(name) findings: \(findings)")
    }
}

// MARK: throughput

func throughput(runs: Int, dir: String) {
    let documents = files(in: dir).compactMap { path -> (String, [UInt8])? in
        FileManager.default.contents(atPath: path).map { (path, [UInt8]($0)) }
    }
    let bytes = documents.reduce(0) { $0 + $1.1.count }
    let mb = Double(bytes) / 1_000_000
    print("throughput corpus: \(documents.count) files, \(String(format: "%.2f", mb)) MB")
    for (name, engine) in engines() {
        let auditor = Auditor(engine: engine)
        let scratch = MatchScratch()
        var best = Double.infinity, bestMatching = Double.infinity
        var findings = 0
        for _ in 0 ..< runs {
            var matching = 0.0
            findings = 0
            let t0 = now()
            var prepared: [PreparedText] = []
            for (path, data) in documents {
                let result = auditor.audit(data, path: path, scratch: scratch)
                findings += result.findings.count
                if let p = result.prepared { prepared.append(p) }
            }
            let total = now() - t0
            for p in prepared {
                let t1 = now()
                _ = try? engine.findings(in: p, scratch: scratch)
                matching += now() - t1
            }
            best = min(best, total)
            bestMatching = min(bestMatching, matching)
        }
        print("throughput \(name) whole road: \(String(format: "%.1f", mb / best)) MB/s (\(ms(best)))")
        print("throughput \(name) matching alone: \(String(format: "%.1f", mb / bestMatching)) MB/s (\(ms(bestMatching)))")
        print("throughput \(name) findings: \(findings)")
    }
}

// MARK: cost per rule

/// Matching time of each rule alone over every document of DIR (prefilter on): where the time goes.
func ruleCosts(dir: String, top: Int) {
    guard let (_, engine) = engines().first(where: { $0.0 == "prefilter" }) else { fail("needs the prefilter engine") }
    let auditor = Auditor(engine: engine)
    let scratch = MatchScratch()
    let prepared = files(in: dir).compactMap { path in
        FileManager.default.contents(atPath: path).flatMap { auditor.audit([UInt8]($0), path: path, scratch: scratch).prepared }
    }
    var costs: [(String, Double)] = []
    for rule in engine.pack.rules {
        let t0 = now()
        for p in prepared { _ = try? engine.findings(in: p, parties: Parties(), only: [rule.id], scratch: scratch) }
        costs.append((rule.id, now() - t0))
    }
    let t0 = now()
    for p in prepared { _ = try? engine.findings(in: p, parties: Parties(), only: [], scratch: scratch) }
    print("rules fixed cost (scan, no rule): \(ms(now() - t0))")
    for (id, cost) in costs.sorted(by: { $0.1 > $1.1 }).prefix(top) { print("rules \(id): \(ms(cost))") }
}

// MARK: command line

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, default value: Int) -> Int {
    guard let i = arguments.firstIndex(of: name) else { return value }
    guard i + 1 < arguments.count, let n = Int(arguments[i + 1]) else { fail("\(name) needs a number") }
    arguments.removeSubrange(i ... i + 1)
    return n
}

guard let command = arguments.first else { fail("usage: clause-bench startup | latency DIR | throughput DIR") }
arguments.removeFirst()
switch command {
case "startup":
    startup()
case "latency":
    let chars = option("--chars", default: 30_000)
    let runs = option("--runs", default: 300)
    guard let dir = arguments.first else { fail("latency needs a folder of .txt/.md contracts") }
    latency(chars: chars, runs: runs, dir: dir)
case "throughput":
    let runs = option("--runs", default: 3)
    guard let dir = arguments.first else { fail("throughput needs a folder") }
    throughput(runs: runs, dir: dir)
case "rules":
    let top = option("--top", default: 15)
    guard let dir = arguments.first else { fail("rules needs a folder") }
    ruleCosts(dir: dir, top: top)
default:
    fail("unknown command \(command)")
}
