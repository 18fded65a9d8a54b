// SPDX-License-Identifier: GPL-3.0-or-later
import CGLPKGuard
import Dispatch
import Foundation
import GLPK
import LP
import MicrogridKit
import Scenario
import Testing

@Suite("LP layer and GLPK guard")
struct SolverLayerTests {
    /// min x + 2y  s.t.  x + y >= 3 (entered as two halves of the x entry), x <= 2.
    func tinyLP() -> LinearProgram {
        var lp = LinearProgram()
        let x = lp.addColumns("x", count: 1, lower: 0, upper: 2, cost: 1)
        let y = lp.addColumns("y", count: 1, lower: 0, upper: .infinity, cost: 2)
        let r = lp.addRows("r", count: 1, lower: 3)
        lp.add(row: r.start, column: x.start, 0.5)
        lp.add(row: r.start, column: x.start, 0.5)   // duplicate entry: summed to 1
        lp.add(row: r.start, column: y.start, 1)
        return lp
    }

    @Test("duplicate matrix entries are summed before GLPK sees them", arguments: [SolveMethod.simplex, .interior])
    func duplicates(_ method: SolveMethod) throws {
        let s = try GLPKSolver().solve(tinyLP(), options: SolveOptions(method: method))
        #expect(s.status == .optimal)
        #expect(abs(s.objective - 4) < 1e-7)       // x = 2, y = 1
        #expect(abs(s.rowDuals[0] - 2) < 1e-6)      // one more unit of the row costs 2
    }

    @Test("a NaN coefficient is a Swift error, not an abort")
    func nanCoefficient() {
        var lp = tinyLP()
        lp.add(row: 0, column: 1, .nan)
        #expect(throws: GLPKError.self) { try GLPKSolver().solve(lp, options: SolveOptions()) }
    }

    @Test("an index out of range is a Swift error, not an abort")
    func badIndex() {
        var lp = tinyLP()
        lp.add(row: 0, column: 7, 1)
        #expect(throws: GLPKError.self) { try GLPKSolver().solve(lp, options: SolveOptions()) }
    }

    @Test("a NaN or crossed bound is a Swift error")
    func badBounds() {
        var lp = tinyLP()
        lp.setColumnBounds(0, lower: .nan, upper: 1)
        #expect(throws: GLPKError.self) { try GLPKSolver().solve(lp, options: SolveOptions()) }
        var lp2 = tinyLP()
        lp2.setColumnBounds(0, lower: 3, upper: 1)
        #expect(throws: GLPKError.self) { try GLPKSolver().solve(lp2, options: SolveOptions()) }
    }

    @Test("GLPK's own error on a bad argument returns through the guard and the process survives")
    func guardedAbort() {
        let before = mg_env_generation()
        let p = mg_create_prob()
        var idx: [Int32] = [41]      // no such column: GLPK would abort()
        var lb = [0.0], ub = [1.0]
        let code = mg_set_col_bounds(p, 1, &idx, &lb, &ub)
        #expect(code == MG_GLPK_ERROR)
        #expect(mg_env_generation() == before + 1)
        #expect(String(cString: mg_last_message()).contains("out of range"))
        // GLPK still works on this thread afterwards.
        #expect((try? GLPKSolver().solve(tinyLP(), options: SolveOptions()).status) == .optimal)
    }

    @Test("a problem used from another thread throws instead of aborting")
    func wrongThread() throws {
        let problem = GLPKProblem()
        try problem.load(tinyLP())
        final class Box: @unchecked Sendable { var problem: GLPKProblem?; var error: Error? }
        let box = Box()
        box.problem = problem
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do { _ = try box.problem?.solve(method: .simplex) } catch { box.error = error }
            done.signal()
        }
        thread.start()
        done.wait()
        guard case .wrongThread = box.error as? GLPKError else {
            Issue.record("expected wrongThread, got \(String(describing: box.error))"); return
        }
        // Still fine on its own thread.
        #expect(try problem.solve(method: .simplex).status == .optimal)
    }

    @Test("releasing a thread's GLPK environment invalidates its problems safely; GLPK works on afterwards")
    func releaseEnvironment() throws {
        final class Box: @unchecked Sendable { var before: Double?; var stale: Error?; var after: Double? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { done.signal() }
            let problem = GLPKProblem()  // outlives the release: its deinit must free nothing
            do {
                try problem.load(self.tinyLP())
                box.before = try problem.solve(method: .simplex).objective
                GLPKThreadEnvironment.release()
                do { _ = try problem.solve(method: .simplex) } catch { box.stale = error }
                box.after = try GLPKSolver().solve(self.tinyLP(), options: SolveOptions()).objective
            } catch { Issue.record("unexpected \(error)") }
            GLPKThreadEnvironment.release()
        }
        thread.start()
        done.wait()
        // min x + 2y, x + y >= 3, x <= 2: x = 2, y = 1.
        #expect(box.before == 4)
        #expect(box.after == 4)
        guard case .problemInvalidated = box.stale as? GLPKError else {
            Issue.record("expected problemInvalidated, got \(String(describing: box.stale))"); return
        }
    }

    @Test("warm re-solve after a bound change keeps the basis and agrees with a cold solve")
    func warmStart() throws {
        let problem = GLPKProblem()
        try problem.load(tinyLP())
        #expect(try problem.solve(method: .simplex).objective == 4)
        try problem.setColumnBounds([0], lower: [0], upper: [1])
        let warm = try problem.solve(method: .simplex, warmStart: true)
        #expect(abs(warm.objective - 5) < 1e-9)    // x = 1, y = 2
    }

    @Test("loadOrUpdate keeps the basis when only data change, and agrees with a cold solve")
    func updateInPlace() throws {
        let problem = GLPKProblem()
        #expect(try problem.loadOrUpdate(tinyLP()) == false)
        #expect(try problem.solve(method: .simplex).objective == 4)
        var changed = tinyLP()
        changed.cost[1] = 3                               // y now costs 3
        changed.setRowBounds(0, lower: 2.5, upper: .infinity)
        #expect(try problem.loadOrUpdate(changed) == true)
        let warm = try problem.solve(method: .simplex, warmStart: true)
        let cold = try GLPKSolver().solve(changed, options: SolveOptions(method: .simplex))
        #expect(abs(warm.objective - cold.objective) < 1e-12)
        #expect(abs(warm.objective - (2 + 0.5 * 3)) < 1e-9)
    }

    @Test("many scenarios solve in parallel on separate threads")
    func parallel() throws {
        let s = try scenario("""
            name: p
            horizon: {steps: 48}
            loads: {electricity: 100, heat: 50}
            grid: {import_price: 0.5, carbon_intensity: 0.5}
            assets:
              - {type: battery, name: b, energy_kwh: 100, charge_kw: 50}
              - {type: heat_pump, name: hp, heat_capacity_kw: 60, cop: 3}
            """)
        let expected = try SolveRun(scenario: s).solution.objective
        final class Results: @unchecked Sendable {
            let lock = NSLock(); var objectives: [Double] = []
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let o = (try? SolveRun(scenario: s).solution.objective) ?? .nan
            results.lock.lock(); results.objectives.append(o); results.lock.unlock()
        }
        #expect(results.objectives.count == 16)
        #expect(results.objectives.allSatisfy { abs($0 - expected) < 1e-9 })
    }
}
