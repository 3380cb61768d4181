/// The name and version the reports carry.
public enum ToolInfo {
    public static let name = "clause-audit"
    public static let version = "0.1.0"
}
