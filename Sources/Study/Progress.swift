// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Progress on standard error: a live bar (done/total, rate, ETA, failures)
/// when it is a terminal, a plain line every few seconds otherwise (logs).
public final class ProgressReporter {
    private let total: Int
    private let isTerminal: Bool
    private let started = Date()
    private var lastPrint = Date.distantPast
    public private(set) var done = 0
    public private(set) var failed = 0
    private let interval: TimeInterval

    public init(total: Int, isTerminal: Bool = isatty(STDERR_FILENO) != 0, interval: TimeInterval = 5) {
        self.total = total
        self.isTerminal = isTerminal
        self.interval = interval
    }

    public func advance(done d: Int, failed f: Int) {
        done += d
        failed += f
        let now = Date()
        if done == total {
            finish()
        } else if now.timeIntervalSince(lastPrint) >= (isTerminal ? 0.1 : interval) {
            lastPrint = now
            emit(final: false)
        }
    }

    private var finished = false

    /// Prints the last state (once).
    public func finish() {
        guard !finished else { return }
        finished = true
        emit(final: true)
    }

    private func emit(final: Bool) {
        let elapsed = max(1e-9, Date().timeIntervalSince(started))
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let text = String(format: "%d/%d cases  %.0f cases/s  ETA %@  failed %d", done, total, rate,
                          Self.clock(eta), failed)
        if isTerminal {
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(text)\u{1B}[K\(final ? "\n" : "")".utf8))
        } else {
            FileHandle.standardError.write(Data("progress: \(text)\n".utf8))
        }
    }

    static func clock(_ s: Double) -> String {
        let t = s.isFinite ? Int(min(max(s, 0), 1e9).rounded()) : 0
        return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }
}
