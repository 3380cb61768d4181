import Foundation

/// Where the data that ships with the tool lives (`clause-rules/`, `model-contracts/`): beside the
/// executable's package, found from the executable's folder upward, then from the working directory
/// upward.
public enum BundledFolder {
    /// The first `name` folder holding `marker`, or nil.
    public static func find(_ name: String, marker: String, executable: String = CommandLine.arguments.first ?? "") -> String? {
        let fm = FileManager.default
        var starts = [URL(fileURLWithPath: fm.currentDirectoryPath)]
        // Found through PATH (as pre-commit runs it), argv[0] is a bare name: ask the system where the
        // executable really is, so the data beside a hook's checkout is found, not the user's folder.
        let path = executable.contains("/") ? executable
            : (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? executable
        let exe = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        starts.insert(exe.deletingLastPathComponent(), at: 0)
        for start in starts {
            var dir = start
            while dir.path != "/" {
                let candidate = dir.appendingPathComponent(name)
                if fm.fileExists(atPath: candidate.appendingPathComponent(marker).path) { return candidate.path }
                dir.deleteLastPathComponent()
            }
        }
        return nil
    }
}
