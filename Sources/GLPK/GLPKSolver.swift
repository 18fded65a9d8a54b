// SPDX-License-Identifier: GPL-3.0-or-later
import LP

/// Solves a ``LinearProgram`` with GLPK in one synchronous call: the
/// `glp_prob` is created, loaded, solved, read and freed on the calling
/// thread, so the solver is safe to use from any number of threads at once
/// (GLPK's environment is thread-local in Debian's build).
public struct GLPKSolver: LPSolver {
    public init() {}

    public func solve(_ lp: LinearProgram, options: SolveOptions) throws -> LPSolution {
        let problem = GLPKProblem()
        try problem.load(lp)
        return try problem.solve(method: Self.resolve(options.method, columns: lp.columnCount, options: options),
                                 timeLimitSeconds: options.timeLimitSeconds,
                                 crossoverTimeLimitSeconds: options.crossoverTimeLimitSeconds)
    }

    /// `.auto` becomes the simplex for small models and stays `.auto`
    /// (interior point, then crossover to a vertex) for large ones.
    public static func resolve(_ method: SolveMethod, columns: Int, options: SolveOptions) -> SolveMethod {
        guard method == .auto else { return method }
        return columns > options.interiorPointColumnThreshold ? .auto : .simplex
    }
}
