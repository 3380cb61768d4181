/// The progress line of a bulk run on a terminal: a bar, documents done, speed and time left.
public enum ProgressLine {
    /// `total` and `totalBytes` are nil while nobody has counted the corpus yet.
    public static func render(done: Int, total: Int?, bytes: Int, totalBytes: Int?, seconds: Double, width: Int = 80) -> String {
        let rate = seconds > 0 ? Double(bytes) / seconds / 1_000_000 : 0
        let docsPerSecond = seconds > 0 ? Double(done) / seconds : 0
        var tail = total.map { " \(done)/\($0) 份" } ?? " \(done) 份"
        tail += " · " + fixed(rate, 2) + " MB/s · " + fixed(docsPerSecond, 1) + " 份/s"
        if let totalBytes, rate > 0, bytes > 0 {
            let left = Double(max(0, totalBytes - bytes)) / (rate * 1_000_000)
            tail += " · 剩余 " + clock(left)
        } else if let total, docsPerSecond > 0 {
            tail += " · 剩余 " + clock(Double(max(0, total - done)) / docsPerSecond)
        }
        let barWidth = max(10, min(40, width - displayWidth(tail) - 4))
        var bar = ""
        if let total, total > 0 {
            let filled = min(barWidth, Int((Double(done) / Double(total) * Double(barWidth)).rounded(.down)))
            bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]"
        } else {
            let at = done % barWidth
            bar = "[" + String(repeating: "-", count: at) + "#" + String(repeating: "-", count: barWidth - at - 1) + "]"
        }
        return bar + tail
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        let (h, m, r) = (s / 3600, s / 60 % 60, s % 60)
        let mm = m < 10 ? "0\(m)" : "\(m)", rr = r < 10 ? "0\(r)" : "\(r)"
        return h > 0 ? "\(h):\(mm):\(rr)" : "\(m):\(rr)"
    }

    static func fixed(_ x: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0 ..< digits { scale *= 10 }
        let scaled = Int((x * scale).rounded())
        let whole = scaled / Int(scale)
        var frac = String(scaled % Int(scale))
        while frac.count < digits { frac = "0" + frac }
        return digits == 0 ? String(whole) : "\(whole).\(frac)"
    }

    static func displayWidth(_ text: String) -> Int { TextReport.width(text) }
}
