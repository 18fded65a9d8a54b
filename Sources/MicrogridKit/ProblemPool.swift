// SPDX-License-Identifier: GPL-3.0-or-later
import GLPK
import LP

/// GLPK problems kept alive between solves on one thread, one per LP
/// shape (numbers of rows and columns): the one place where sweeps, studies,
/// rolling windows and the day-ahead job re-solve models that differ only in
/// data.
///
/// An LP with the shape of an earlier one is loaded into that shape's
/// problem in place (bounds, costs, and the matrix when it changed) and, when
/// the method is the simplex and the previous solve ended at an optimal
/// vertex, the dual simplex restarts from that basis (~25 µs instead of
/// ~1.6 ms for a 24-step day of the sample plant). Any other LP is loaded
/// from scratch and solved as ``GLPKSolver`` would (the same method,
/// crossover, time limits and fallback notes), so every objective is the
/// cold solve's. A rolling year has two shapes, the ordinary window and the
/// one spanning a month boundary (one more month-peak column): keeping both
/// lets the window after a boundary warm-start too. Past `capacity` shapes,
/// the problem used longest ago is freed.
///
/// Not `Sendable`: the problems belong to the thread that created the pool.
/// Create it, use it and drop it on one thread, with no `await` in between.
public final class ProblemPool {
    public let options: SolveOptions
    /// false: every LP is loaded and solved from scratch (to measure what
    /// warm starts save).
    public let warm: Bool
    /// How many shapes keep a problem.
    public let capacity: Int
    public private(set) var solves = 0
    /// Solves that started from the previous optimal basis of their shape.
    public private(set) var warmStarts = 0
    /// Solves that loaded their LP from scratch (a new shape, or `warm: false`).
    public private(set) var loads = 0
    /// Simplex iterations and GLPK seconds summed over the solves.
    public private(set) var iterations = 0
    public private(set) var glpkSeconds = 0.0

    private struct Shape: Hashable { var rows, columns: Int }
    private struct Entry {
        let problem: GLPKProblem
        var lastUse = 0
    }
    private var entries: [Shape: Entry] = [:]

    public init(options: SolveOptions = SolveOptions(), warm: Bool = true, capacity: Int = 4) {
        self.options = options
        self.warm = warm
        self.capacity = max(1, capacity)
    }

    /// Solves `lp` in its shape's problem. The solution's `iterations` are
    /// this solve's alone. After a GLPK error every problem is dropped (an
    /// internal error resets the thread's GLPK environment, and with it every
    /// problem), so the next solve starts afresh.
    public func solve(_ lp: LinearProgram) throws -> LPSolution {
        let shape = Shape(rows: lp.rowCount, columns: lp.columnCount)
        var entry = entries[shape] ?? Entry(problem: makeRoom())
        let solution: LPSolution, updated: Bool, warmStart: Bool
        do {
            (solution, updated, warmStart) = try Self.run(lp, in: entry.problem, warm: warm, options: options)
        } catch {
            entries.removeAll()
            throw error
        }
        solves += 1
        entry.lastUse = solves
        entries[shape] = entry
        if warmStart { warmStarts += 1 }
        if !updated { loads += 1 }
        iterations += solution.iterations
        glpkSeconds += solution.solveSeconds
        return solution
    }

    /// Loads `lp` into `problem` (in place when `warm` and the shapes match)
    /// and solves it as ``GLPKSolver`` would, from the previous basis when
    /// it was updated in place and the method is the simplex.
    private static func run(_ lp: LinearProgram, in problem: GLPKProblem, warm: Bool,
                            options: SolveOptions) throws -> (LPSolution, updated: Bool, warmStart: Bool) {
        let method = GLPKSolver.resolve(options.method, columns: lp.columnCount, options: options)
        let updated = warm ? try problem.loadOrUpdate(lp) : false
        if !warm { try problem.load(lp) }
        let warmStart = updated && method == .simplex && problem.hasOptimalBasis
        // GLPK counts iterations on from the last load, across updates.
        let before = try problem.iterationCount
        var solution = try problem.solve(method: method, warmStart: warmStart,
                                         timeLimitSeconds: options.timeLimitSeconds,
                                         crossoverTimeLimitSeconds: options.crossoverTimeLimitSeconds)
        if solution.status == .optimal { solution.iterations = try problem.iterationCount - before }
        return (solution, updated, warmStart)
    }

    /// A new problem, after freeing the least recently used one when the pool is full.
    private func makeRoom() -> GLPKProblem {
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
        return GLPKProblem()
    }
}
