// SPDX-License-Identifier: GPL-3.0-or-later

/// Which algorithm to use.
public enum SolveMethod: String, Sendable, CaseIterable {
    /// A vertex for every model: simplex for small models; for large ones
    /// the interior point followed by crossover to a basic optimal solution
    /// (falling back to simplex when the interior point does not converge).
    case auto
    case simplex
    /// The raw interior point, without crossover (fast, not a vertex).
    case interior
}

/// How an LP solve ended. Not optimal is an outcome, not an error.
public enum LPStatus: Sendable, Equatable {
    case optimal
    case infeasible
    case unbounded
    /// The solver stopped without a verdict (iteration limit, numerical
    /// trouble); the text says why.
    case failed(String)
}

/// How an interior-point solution was turned into a vertex (a basic optimal
/// solution) by crossover, or why it was not.
public struct CrossoverReport: Sendable, Equatable {
    /// True when the answer is the vertex; false when crossover failed or
    /// ran past its limit and the interior-point solution was kept.
    public var succeeded: Bool
    public var seconds: Double
    /// Columns held at a bound while the reduced LP was solved.
    public var fixedColumns: Int
    /// Simplex iterations of the reduced solve and of the final pass.
    public var iterations: Int
    /// Why the interior-point solution was kept (nil when `succeeded`).
    public var failure: String?

    public init(succeeded: Bool, seconds: Double, fixedColumns: Int, iterations: Int, failure: String? = nil) {
        self.succeeded = succeeded
        self.seconds = seconds
        self.fixedColumns = fixedColumns
        self.iterations = iterations
        self.failure = failure
    }
}

/// A solver's answer. `columnValues` and `rowDuals` are filled only when
/// `status == .optimal`. `rowDuals[i]` is d(objective)/d(bound of row i).
public struct LPSolution: Sendable {
    public var status: LPStatus
    public var objective: Double
    public var columnValues: [Double]
    public var rowDuals: [Double]
    public var method: SolveMethod
    public var iterations: Int
    public var solveSeconds: Double
    public var solverName: String
    public var solverVersion: String
    /// Time in the interior-point method, when it ran.
    public var interiorSeconds: Double?
    /// Present when crossover was attempted after the interior point.
    public var crossover: CrossoverReport?
    /// Changes of method the user must be told about (a fallback from one
    /// algorithm to another), one sentence each.
    public var notes: [String] = []

    /// True when every column is at a bound or basic: a simplex answer, or
    /// an interior point whose crossover succeeded.
    public var isVertex: Bool {
        method == .simplex || crossover?.succeeded == true
    }

    public init(status: LPStatus, objective: Double = .nan, columnValues: [Double] = [],
                rowDuals: [Double] = [], method: SolveMethod, iterations: Int = 0,
                solveSeconds: Double = 0, solverName: String, solverVersion: String) {
        self.status = status
        self.objective = objective
        self.columnValues = columnValues
        self.rowDuals = rowDuals
        self.method = method
        self.iterations = iterations
        self.solveSeconds = solveSeconds
        self.solverName = solverName
        self.solverVersion = solverVersion
    }
}

/// Options shared by every solver.
public struct SolveOptions: Sendable {
    public var method: SolveMethod
    /// With `.auto`: models with more columns than this use interior point.
    public var interiorPointColumnThreshold: Int
    public var timeLimitSeconds: Double?
    /// Limit on crossover after the interior point; past it the interior
    /// solution is kept (and the fallback reported). Nil: 20 s or ten times
    /// the interior point's time, whichever is larger.
    public var crossoverTimeLimitSeconds: Double?

    public init(method: SolveMethod = .auto, interiorPointColumnThreshold: Int = 20_000,
                timeLimitSeconds: Double? = nil, crossoverTimeLimitSeconds: Double? = nil) {
        self.method = method
        self.interiorPointColumnThreshold = interiorPointColumnThreshold
        self.timeLimitSeconds = timeLimitSeconds
        self.crossoverTimeLimitSeconds = crossoverTimeLimitSeconds
    }
}

/// Something that solves a ``LinearProgram`` start to finish within one
/// synchronous call (so any solver state stays on the calling thread).
public protocol LPSolver: Sendable {
    func solve(_ lp: LinearProgram, options: SolveOptions) throws -> LPSolution
}

extension LPSolution {
    /// Absolute distance to a bound under which a vertex's value is solver
    /// noise (GLPK keeps basic variables feasible only to ~1e-7 relative,
    /// e.g. -1.05e-6 kW of unserved load at a degenerate optimum).
    public static let boundSnapTolerance = 1e-5

    /// Moves every column value lying beyond a bound, or (when `tolerance`
    /// is positive) within `tolerance` of one, onto that bound; so a
    /// non-negative quantity is never written negative and a vertex's zeros
    /// are exact. Row duals are left as they are.
    public mutating func snapToBounds(lower: [Double], upper: [Double], tolerance: Double) {
        guard columnValues.count == lower.count, columnValues.count == upper.count else { return }
        for j in columnValues.indices {
            let v = columnValues[j], lo = lower[j], up = upper[j]
            if v <= lo + tolerance {
                columnValues[j] = lo
            } else if v >= up - tolerance {
                columnValues[j] = up
            }
        }
    }
}
