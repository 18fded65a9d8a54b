// SPDX-License-Identifier: GPL-3.0-or-later

/// Which algorithm to use.
public enum SolveMethod: String, Sendable, CaseIterable {
    /// Simplex for small models, interior point for large ones, falling back
    /// to simplex when interior point does not converge.
    case auto
    case simplex
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

    public init(method: SolveMethod = .auto, interiorPointColumnThreshold: Int = 20_000,
                timeLimitSeconds: Double? = nil) {
        self.method = method
        self.interiorPointColumnThreshold = interiorPointColumnThreshold
        self.timeLimitSeconds = timeLimitSeconds
    }
}

/// Something that solves a ``LinearProgram`` start to finish within one
/// synchronous call (so any solver state stays on the calling thread).
public protocol LPSolver: Sendable {
    func solve(_ lp: LinearProgram, options: SolveOptions) throws -> LPSolution
}
